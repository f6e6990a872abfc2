"""End-to-end tests of every `mofkit lsp` feature through pygls's language client (pytest-lsp)."""
import asyncio
import json
import pathlib
import subprocess

from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import MOFKIT, ROOT

EXAMPLE = ROOT / "Corpus" / "mof" / "SMS_def-example.mof"
SEED = ROOT / "Corpus" / "mof" / "tsappmode-seed.mof"


def open_file(client: LanguageClient, path: pathlib.Path, text: str | None = None, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="mof", version=version, text=path.read_text(encoding="utf-8") if text is None else text)))
    return uri


async def diagnostics_for(client: LanguageClient, uri: str, version: int | None = None, timeout: float = 30):
    """Waits for diagnostics of `uri` (at `version` when given)."""
    async def wait():
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri and (version is None or params.version == version):
                return params
    return await asyncio.wait_for(wait(), timeout)


def lines(path: pathlib.Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def find(path: pathlib.Path, needle: str, predicate=None) -> types.Position:
    for number, line in enumerate(lines(path)):
        if (predicate or (lambda l: needle in l))(line):
            return types.Position(line=number, character=line.index(needle) + 1)
    raise AssertionError(f"{needle!r} not in {path}")


def check_json(path: pathlib.Path) -> list[dict]:
    out = subprocess.run([MOFKIT, "check", "--format", "json", str(path)], capture_output=True, text=True).stdout
    return [d for d in json.loads(out)["diagnostics"] if d["file"] == str(path)]


async def test_diagnostics_match_mofkit_check(client: LanguageClient):
    uri = open_file(client, SEED)
    published = await diagnostics_for(client, uri)
    expected = check_json(SEED)
    assert published.version == 1
    assert [(d.code, d.range.start.line + 1, d.range.start.character + 1) for d in published.diagnostics] == \
        [(d["code"], d["start"]["line"], d["start"]["column"]) for d in expected]
    assert all(d.source == "mofkit" for d in published.diagnostics)
    severities = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
                  "note": types.DiagnosticSeverity.Information}
    assert [d.severity for d in published.diagnostics] == [severities[d["severity"]] for d in expected]
    # Notes become related information.
    assert any(d.related_information for d in published.diagnostics)


async def test_incremental_change_republishes_for_the_new_version(client: LanguageClient):
    uri = open_file(client, pathlib.Path("/tmp/mofkit-pytest-edit.mof"), "class A\n{\n    string Name;\n};\n")
    first = await diagnostics_for(client, uri, 1)
    assert list(first.diagnostics) == []
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=2, character=16), end=types.Position(line=2, character=16)), text=";")]))
    second = await diagnostics_for(client, uri, 2)
    assert [d.code for d in second.diagnostics] == ["MOF1018"]
    assert second.diagnostics[0].range.start == types.Position(line=2, character=16)
    # A full-text change.
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=3),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text="class A { string Name; };\n")]))
    third = await diagnostics_for(client, uri, 3)
    assert list(third.diagnostics) == []


async def test_utf8_position_encoding_is_negotiated_and_exact(utf8_client: LanguageClient):
    assert utf8_client.server_capabilities.position_encoding == types.PositionEncodingKind.Utf8
    uri = open_file(utf8_client, pathlib.Path("/tmp/mofkit-pytest-utf8.mof"), "class A\n{\n/*😀é*/ string Name;;\n};\n")
    published = await diagnostics_for(utf8_client, uri)
    assert [d.code for d in published.diagnostics] == ["MOF1018"]
    # "/*😀é*/" is 2 + 4 + 2 + 2 = 10 UTF-8 bytes; " string Name;" 13 more.
    assert published.diagnostics[0].range.start.character == 23


async def test_utf16_columns_after_non_ascii(client: LanguageClient):
    uri = open_file(client, pathlib.Path("/tmp/mofkit-pytest-utf16.mof"), "class A\n{\n/*😀é*/ string Name;;\n};\n")
    published = await diagnostics_for(client, uri)
    # UTF-16: "/*😀é*/" is 2 + 2 + 1 + 2 = 7 units.
    assert published.diagnostics[0].range.start.character == 20


async def test_hover_on_qualifier_class_property_and_registry_context(client: LanguageClient):
    uri = open_file(client, EXAMPLE)
    await diagnostics_for(client, uri)

    async def hover(position):
        result = await client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=position))
        assert result is not None
        return result.contents.value

    qualifier = await hover(find(EXAMPLE, "SMS_Report", lambda l: l.startswith("[SMS_Report(TRUE),")))
    assert "Qualifier SMS_Report : boolean" in qualifier and "Scope: class, property" in qualifier
    context = find(EXAMPLE, "local|", lambda l: "App|Version\")" in l)
    registry = await hover(types.Position(line=context.line, character=context.character + 3))
    assert "HKEY_LOCAL_MACHINE" in registry and "| value | `Version` |" in registry
    klass = await hover(find(EXAMPLE, "Contoso_AppInfo", lambda l: l == "class Contoso_AppInfo"))
    assert "Key: KeyName" in klass


async def test_definition_and_references(client: LanguageClient):
    uri = open_file(client, EXAMPLE)
    await diagnostics_for(client, uri)
    text = lines(EXAMPLE)

    async def definition(position):
        result = await client.text_document_definition_async(types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=position))
        return result if isinstance(result, list) else [result]

    target = await definition(find(EXAMPLE, "Contoso_Setting", lambda l: "Contoso_Setting ref Setting" in l))
    assert text[target[0].range.start.line].startswith("class Contoso_Setting ")
    alias = await definition(find(EXAMPLE, "$Setting1", lambda l: "Setting = $Setting1" in l))
    assert "as $Setting1" in text[alias[0].range.start.line]
    reporting = await definition(find(EXAMPLE, "Contoso_AppInfo", lambda l: l.startswith("class Contoso_AppInfo :")))
    assert text[reporting[0].range.start.line] == "class Contoso_AppInfo"
    include = await definition(find(EXAMPLE, "include\\\\", lambda l: l.startswith("#pragma include")))
    assert include[0].uri.endswith("include/SMS_def-example-qualifiers.mof")
    references = await client.text_document_references_async(types.ReferenceParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=find(EXAMPLE, "Contoso_Setting", lambda l: l.startswith("class Contoso_Setting ")),
        context=types.ReferenceContext(include_declaration=True)))
    found = {text[r.range.start.line].strip() for r in references}
    assert "[key] Contoso_Setting ref Setting;" in found
    assert "instance of Contoso_Setting as $Setting1" in found


async def test_document_symbols(client: LanguageClient):
    uri = open_file(client, EXAMPLE)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    names = [s.name for s in symbols]
    assert "root\\cimv2" in names and "root\\cimv2\\sms" in names
    cimv2 = next(s for s in symbols if s.name == "root\\cimv2")
    app = next(c for c in cimv2.children if c.name == "Contoso_AppInfo")
    assert app.kind == types.SymbolKind.Class
    assert [p.name for p in app.children] == ["KeyName", "Version", "InstallCount", "LastUpdated", "Licensed"]


async def test_completion_contexts(client: LanguageClient):
    uri = open_file(client, pathlib.Path("/tmp/mofkit-pytest-complete.mof"),
                    "[SMS_\nclass B : \n#pragma \n[dynamic, ClassContext(\"loc\")] class C { };\n")

    async def labels(line, character):
        result = await client.text_document_completion_async(types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=character)))
        items = result.items if hasattr(result, "items") else result
        return {item.label: item for item in items}

    qualifiers = await labels(0, 5)
    assert qualifiers["SMS_Group_Name"].insert_text == 'SMS_Group_Name("$1")'
    assert qualifiers["SMS_Group_Name"].insert_text_format == types.InsertTextFormat.Snippet
    assert "SMS_Class_Template" in await labels(1, 10)
    assert "include" in await labels(2, 8)
    assert "HKEY_LOCAL_MACHINE" in await labels(3, 27)
    assert "uint32" in await labels(4, 0)


async def test_formatting_and_range_formatting(client: LanguageClient):
    text = "class A{[key]string  Name;uint32 Size;};\n\n\ninstance of A{Name=\"x\";};\n"
    uri = open_file(client, pathlib.Path("/tmp/mofkit-pytest-format.mof"), text)
    edits = await client.text_document_formatting_async(types.DocumentFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=uri), options=types.FormattingOptions(tab_size=4, insert_spaces=True)))
    formatted = apply(text, edits)
    expected = subprocess.run([MOFKIT, "format", "-"], input=text, capture_output=True, text=True).stdout
    assert formatted == expected
    ranged = await client.text_document_range_formatting_async(types.DocumentRangeFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(start=types.Position(line=3, character=0), end=types.Position(line=3, character=3)),
        options=types.FormattingOptions(tab_size=4, insert_spaces=True)))
    partly = apply(text, ranged)
    assert partly.startswith("class A{[key]string  Name;uint32 Size;};\n") and "instance of A{Name" not in partly


async def test_code_actions_fix_and_add_reporting_class(client: LanguageClient):
    text = "class A\n{\n    string Name;;\n};\n"
    uri = open_file(client, pathlib.Path("/tmp/mofkit-pytest-fix.mof"), text)
    published = await diagnostics_for(client, uri)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=published.diagnostics[0].range,
        context=types.CodeActionContext(diagnostics=published.diagnostics)))
    fix = next(a for a in actions if a.kind == types.CodeActionKind.QuickFix)
    assert apply(text, fix.edit.changes[uri]) == "class A\n{\n    string Name;\n};\n"

    data = ('#pragma namespace("\\\\\\\\.\\\\root\\\\cimv2")\n'
            '[dynamic, provider("RegProv"), ClassContext("local|HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Contoso")]\n'
            'class Contoso_Data\n{\n    [key] string Name;\n    [PropertyContext("Size")] uint32 Size;\n};\n')
    data_uri = open_file(client, pathlib.Path("/tmp/mofkit-pytest-data.mof"), data)
    await diagnostics_for(client, data_uri)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=data_uri),
        range=types.Range(start=types.Position(line=2, character=8), end=types.Position(line=2, character=8)),
        context=types.CodeActionContext(diagnostics=[])))
    add = next(a for a in actions if a.title.startswith("Add the reporting class"))
    added = apply(data, add.edit.changes[data_uri])
    assert "class Contoso_Data : SMS_Class_Template" in added
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=data_uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=added)]))
    after = await diagnostics_for(client, data_uri, 2)
    assert [d for d in after.diagnostics if d.severity in (types.DiagnosticSeverity.Error, types.DiagnosticSeverity.Warning)] == []


async def test_semantic_tokens(client: LanguageClient):
    uri = open_file(client, EXAMPLE)
    legend = client.server_capabilities.semantic_tokens_provider.legend
    tokens = await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    data = tokens.data
    assert data and len(data) % 5 == 0
    kinds = {legend.token_types[data[i + 3]] for i in range(0, len(data), 5)}
    assert {"class", "decorator", "type", "comment", "string", "macro"} <= kinds


async def test_strict_setting_from_initialization_options_and_configuration(strict_client: LanguageClient):
    text = "[UndeclaredThing] class A { string Name; };\n"
    uri = open_file(strict_client, pathlib.Path("/tmp/mofkit-pytest-strict.mof"), text)
    strict = await diagnostics_for(strict_client, uri)
    assert any(d.severity == types.DiagnosticSeverity.Error for d in strict.diagnostics)
    strict_client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"mofkit": {"strict": False}}))
    lenient = await diagnostics_for(strict_client, uri)
    assert not any(d.severity == types.DiagnosticSeverity.Error for d in lenient.diagnostics)


async def test_unknown_method_is_an_error_not_a_crash(client: LanguageClient):
    try:
        await client.protocol.send_request_async("mofkit/noSuchMethod", {})
        raise AssertionError("expected an error")
    except Exception as error:  # pygls raises JsonRpcMethodNotFound
        assert "not found" in str(error).lower() or "-32601" in str(error)
    # The server is still there.
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=open_file(client, EXAMPLE))))
    assert symbols


def apply(text: str, edits) -> str:
    """Applies LSP edits (UTF-16 positions) to `text`."""
    def offset(position):
        line_start = 0
        for _ in range(position.line):
            line_start = text.index("\n", line_start) + 1
        units = 0
        index = line_start
        while units < position.character and index < len(text) and text[index] != "\n":
            units += 2 if ord(text[index]) > 0xFFFF else 1
            index += 1
        return index
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text
