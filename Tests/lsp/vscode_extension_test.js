// Runs Editors/vscode/extension.js against the real `mofkit lsp` with a stand-in for the `vscode`
// module (only the API surface the extension uses), so the extension's framing, document sync and
// provider mappings are exercised without VS Code:
//   MOFKIT=/path/to/mofkit node Tests/lsp/vscode_extension_test.js
"use strict";
const assert = require("assert");
const fs = require("fs");
const path = require("path");
const Module = require("module");

const root = path.resolve(__dirname, "..", "..");
const file = path.join(root, "Corpus", "mof", "tsappmode-seed.mof");
const text = fs.readFileSync(file, "utf8");

class Position { constructor(line, character) { this.line = line; this.character = character; } }
class Range { constructor(start, end) { this.start = start; this.end = end; } }
class Uri {
  constructor(value) { this.value = value; }
  static parse(value) { return new Uri(value); }
  static file(p) { return new Uri("file://" + p); }
  toString() { return this.value; }
}
const collections = new Map();
const providers = {};
const handlers = {};
const document = {
  uri: Uri.file(file), languageId: "mof", version: 1,
  getText: () => text,
};
const vscode = {
  Position, Range, Uri,
  Location: class { constructor(uri, range) { this.uri = uri; this.range = range; } },
  Diagnostic: class { constructor(range, message, severity) { this.range = range; this.message = message; this.severity = severity; } },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  DiagnosticRelatedInformation: class { constructor(location, message) { this.location = location; this.message = message; } },
  TextEdit: class { constructor(range, newText) { this.range = range; this.newText = newText; } },
  WorkspaceEdit: class { constructor() { this.entries = new Map(); } set(uri, edits) { this.entries.set(uri.toString(), edits); } },
  DocumentSymbol: class { constructor(name, detail, kind, range, selectionRange) { Object.assign(this, { name, detail, kind, range, selectionRange }); } },
  CompletionItem: class { constructor(label, kind) { this.label = label; this.kind = kind; } },
  SnippetString: class { constructor(value) { this.value = value; } },
  MarkdownString: class { constructor(value) { this.value = value; } },
  Hover: class { constructor(contents, range) { this.contents = contents; this.range = range; } },
  CodeAction: class { constructor(title, kind) { this.title = title; this.kind = kind; } },
  CodeActionKind: { QuickFix: "quickfix", Refactor: "refactor" },
  window: { showErrorMessage: (message) => { throw new Error(message); } },
  workspace: {
    textDocuments: [document],
    getConfiguration: () => ({ get: (key) => ({ path: process.env.MOFKIT || path.join(root, ".build/debug/mofkit"), strict: false, includePaths: [], schemaFiles: [] })[key] }),
    onDidOpenTextDocument: (f) => { handlers.open = f; return {}; },
    onDidChangeTextDocument: (f) => { handlers.change = f; return {}; },
    onDidCloseTextDocument: (f) => { handlers.close = f; return {}; },
    onDidChangeConfiguration: (f) => { handlers.configuration = f; return {}; },
  },
  languages: {
    createDiagnosticCollection: (name) => ({ set: (uri, list) => collections.set(uri.toString(), list) }),
    registerHoverProvider: (_, p) => { providers.hover = p; return {}; },
    registerDefinitionProvider: (_, p) => { providers.definition = p; return {}; },
    registerReferenceProvider: (_, p) => { providers.references = p; return {}; },
    registerDocumentSymbolProvider: (_, p) => { providers.symbols = p; return {}; },
    registerCompletionItemProvider: (_, p) => { providers.completion = p; return {}; },
    registerDocumentFormattingEditProvider: (_, p) => { providers.formatting = p; return {}; },
    registerDocumentRangeFormattingEditProvider: (_, p) => { providers.rangeFormatting = p; return {}; },
    registerCodeActionsProvider: (_, p) => { providers.codeActions = p; return {}; },
  },
};
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { return request === "vscode" ? "vscode" : resolve.call(this, request, ...rest); };
require.cache.vscode = { id: "vscode", filename: "vscode", loaded: true, exports: vscode };

const extension = require(path.join(root, "Editors", "vscode", "extension.js"));
const lines = text.split(/\r?\n/);
const find = (needle) => { const line = lines.findIndex((l) => l.includes(needle)); return new Position(line, lines[line].indexOf(needle) + 1); };

(async () => {
  const timer = setTimeout(() => { console.error("vscode: timed out"); process.exit(1); }, 60000);
  await extension.activate({ subscriptions: [] });
  const uri = document.uri.toString();
  while (!collections.has(uri)) await new Promise((r) => setTimeout(r, 20));
  const diagnostics = collections.get(uri);
  assert.deepStrictEqual(diagnostics.map((d) => d.code).sort(), ["MOF1003", "MOF1003", "MOF4026", "MOF4026"]);
  assert.strictEqual(diagnostics[0].source, "mofkit");
  console.log("ok   diagnostics: " + diagnostics.map((d) => d.code).join(","));

  const hover = await providers.hover.provideHover(document, find("SMS_Report(TRUE), SMS_Group_Name"));
  assert.ok(hover.contents.value.includes("Qualifier SMS_Report : boolean"));
  console.log("ok   hover on SMS_Report");

  const use = find("instance of TSAPPMode");
  const definition = await providers.definition.provideDefinition(document, new Position(use.line, use.character + 12));
  assert.ok(definition.length >= 1 && definition[0].uri.toString() === uri);
  assert.strictEqual(definition[0].range.start.line, lines.findIndex((l) => l.startsWith("class TSAPPMode")));
  console.log("ok   definition");

  const symbols = await providers.symbols.provideDocumentSymbols(document);
  assert.ok(symbols.some((s) => s.name === "root\\cimv2"));
  console.log("ok   document symbols");

  const broken = diagnostics.find((d) => d.code === "MOF1003");
  const actions = await providers.codeActions.provideCodeActions(document, broken.range, { diagnostics: [broken] });
  const fix = actions.find((a) => a.kind === "quickfix");
  assert.ok(fix && fix.edit.entries.get(uri).length === 1 && fix.edit.entries.get(uri)[0].newText === "");
  console.log("ok   quick fix: " + fix.title);

  const completion = await providers.completion.provideCompletionItems(document, new Position(21, 2));
  assert.ok(completion.some((item) => item.label === "SMS_Report"));
  console.log("ok   completion");

  await extension.deactivate();
  clearTimeout(timer);
  console.log("vscode extension: all checks passed");
})().catch((error) => { console.error("FAIL " + (error && error.stack || error)); process.exit(1); });
