// A dependency-free VS Code client for `mofkit lsp`: it spawns the server, frames JSON-RPC on its
// standard input/output, keeps it told about open MOF documents (full-text sync) and maps its
// answers onto VS Code's provider APIs (diagnostics, hover, definition, references, symbols,
// completion, formatting, code actions). No npm packages: only the `vscode` API and Node's.
"use strict";
const vscode = require("vscode");
const { spawn } = require("child_process");

let server;
let buffer = Buffer.alloc(0);
let nextId = 1;
const pending = new Map();
const versions = new Map();
let diagnostics;

function send(message) {
  if (!server) return;
  const body = Buffer.from(JSON.stringify(Object.assign({ jsonrpc: "2.0" }, message)), "utf8");
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
}
function request(method, params) {
  const id = nextId++;
  return new Promise((resolve, reject) => { pending.set(id, { resolve, reject }); send({ id, method, params }); });
}
const notify = (method, params) => send({ method, params });

function onData(chunk) {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf("\r\n\r\n");
    if (end < 0) return;
    const match = /Content-Length:\s*(\d+)/i.exec(buffer.slice(0, end).toString("ascii"));
    if (!match) { buffer = buffer.slice(end + 4); continue; }
    const length = Number(match[1]);
    if (buffer.length < end + 4 + length) return;
    const message = JSON.parse(buffer.slice(end + 4, end + 4 + length).toString("utf8"));
    buffer = buffer.slice(end + 4 + length);
    if (message.id !== undefined && pending.has(message.id)) {
      const { resolve, reject } = pending.get(message.id);
      pending.delete(message.id);
      message.error ? reject(new Error(message.error.message)) : resolve(message.result);
    } else if (message.method === "textDocument/publishDiagnostics") {
      const uri = vscode.Uri.parse(message.params.uri);
      diagnostics.set(uri, message.params.diagnostics.map(toDiagnostic));
    }
  }
}

const toPosition = (p) => new vscode.Position(p.line, p.character);
const toRange = (r) => new vscode.Range(toPosition(r.start), toPosition(r.end));
const fromPosition = (p) => ({ line: p.line, character: p.character });
const fromRange = (r) => ({ start: fromPosition(r.start), end: fromPosition(r.end) });
const toLocation = (l) => new vscode.Location(vscode.Uri.parse(l.uri), toRange(l.range));
function toDiagnostic(d) {
  const severities = [null, vscode.DiagnosticSeverity.Error, vscode.DiagnosticSeverity.Warning,
    vscode.DiagnosticSeverity.Information, vscode.DiagnosticSeverity.Hint];
  const result = new vscode.Diagnostic(toRange(d.range), d.message, severities[d.severity] ?? vscode.DiagnosticSeverity.Error);
  result.code = d.code;
  result.source = d.source;
  result.relatedInformation = (d.relatedInformation || []).map((r) => new vscode.DiagnosticRelatedInformation(toLocation(r.location), r.message));
  result.lsp = d;
  return result;
}
const toEdits = (edits) => (edits || []).map((e) => new vscode.TextEdit(toRange(e.range), e.newText));
function toWorkspaceEdit(edit) {
  const result = new vscode.WorkspaceEdit();
  for (const [uri, edits] of Object.entries(edit.changes || {})) result.set(vscode.Uri.parse(uri), toEdits(edits));
  return result;
}
function toSymbol(s) {
  const symbol = new vscode.DocumentSymbol(s.name, s.detail || "", s.kind - 1, toRange(s.range), toRange(s.selectionRange));
  symbol.children = (s.children || []).map(toSymbol);
  return symbol;
}
const at = (document, position) => ({ textDocument: { uri: document.uri.toString() }, position: fromPosition(position) });

function settings() {
  const c = vscode.workspace.getConfiguration("mofkit");
  return { strict: c.get("strict"), includePaths: c.get("includePaths"), schemaFiles: c.get("schemaFiles") };
}
function sync(document) {
  if (document.languageId !== "mof") return;
  const uri = document.uri.toString();
  if (!versions.has(uri)) {
    notify("textDocument/didOpen", { textDocument: { uri, languageId: "mof", version: document.version, text: document.getText() } });
  } else {
    notify("textDocument/didChange", { textDocument: { uri, version: document.version }, contentChanges: [{ text: document.getText() }] });
  }
  versions.set(uri, document.version);
}

async function activate(context) {
  diagnostics = vscode.languages.createDiagnosticCollection("mofkit");
  const executable = vscode.workspace.getConfiguration("mofkit").get("path") || "mofkit";
  server = spawn(executable, ["lsp"], { stdio: ["pipe", "pipe", "inherit"] });
  server.on("error", (error) => vscode.window.showErrorMessage(`mofkit lsp: ${error.message}`));
  server.stdout.on("data", onData);
  await request("initialize", { processId: process.pid, capabilities: {}, initializationOptions: settings() });
  notify("initialized", {});
  const selector = { language: "mof" };
  context.subscriptions.push(
    diagnostics,
    vscode.workspace.onDidOpenTextDocument(sync),
    vscode.workspace.onDidChangeTextDocument((e) => sync(e.document)),
    vscode.workspace.onDidCloseTextDocument((document) => {
      const uri = document.uri.toString();
      if (versions.delete(uri)) notify("textDocument/didClose", { textDocument: { uri } });
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("mofkit")) notify("workspace/didChangeConfiguration", { settings: { mofkit: settings() } });
    }),
    vscode.languages.registerHoverProvider(selector, {
      async provideHover(document, position) {
        const hover = await request("textDocument/hover", at(document, position));
        return hover && new vscode.Hover(new vscode.MarkdownString(hover.contents.value), hover.range && toRange(hover.range));
      },
    }),
    vscode.languages.registerDefinitionProvider(selector, {
      async provideDefinition(document, position) { return ((await request("textDocument/definition", at(document, position))) || []).map(toLocation); },
    }),
    vscode.languages.registerReferenceProvider(selector, {
      async provideReferences(document, position, context) {
        const params = Object.assign(at(document, position), { context: { includeDeclaration: context.includeDeclaration } });
        return ((await request("textDocument/references", params)) || []).map(toLocation);
      },
    }),
    vscode.languages.registerDocumentSymbolProvider(selector, {
      async provideDocumentSymbols(document) {
        return ((await request("textDocument/documentSymbol", { textDocument: { uri: document.uri.toString() } })) || []).map(toSymbol);
      },
    }),
    vscode.languages.registerCompletionItemProvider(selector, {
      async provideCompletionItems(document, position) {
        const list = await request("textDocument/completion", at(document, position));
        return (list ? list.items : []).map((item) => {
          const result = new vscode.CompletionItem(item.label, item.kind - 1);
          result.detail = item.detail;
          if (item.insertText) result.insertText = item.insertTextFormat === 2 ? new vscode.SnippetString(item.insertText) : item.insertText;
          return result;
        });
      },
    }, "[", ",", ":", "\""),
    vscode.languages.registerDocumentFormattingEditProvider(selector, {
      async provideDocumentFormattingEdits(document) {
        return toEdits(await request("textDocument/formatting", { textDocument: { uri: document.uri.toString() }, options: {} }));
      },
    }),
    vscode.languages.registerDocumentRangeFormattingEditProvider(selector, {
      async provideDocumentRangeFormattingEdits(document, range) {
        return toEdits(await request("textDocument/rangeFormatting", { textDocument: { uri: document.uri.toString() }, range: fromRange(range), options: {} }));
      },
    }),
    vscode.languages.registerCodeActionsProvider(selector, {
      async provideCodeActions(document, range, context) {
        const lsp = context.diagnostics.filter((d) => d.lsp).map((d) => d.lsp);
        const actions = await request("textDocument/codeAction", { textDocument: { uri: document.uri.toString() }, range: fromRange(range), context: { diagnostics: lsp } });
        return (actions || []).map((a) => {
          const action = new vscode.CodeAction(a.title, a.kind === "quickfix" ? vscode.CodeActionKind.QuickFix : vscode.CodeActionKind.Refactor);
          action.edit = toWorkspaceEdit(a.edit);
          action.isPreferred = a.isPreferred;
          return action;
        });
      },
    }),
  );
  vscode.workspace.textDocuments.forEach(sync);
}

async function deactivate() {
  if (!server) return;
  try { await request("shutdown", null); notify("exit", null); } catch (_) { server.kill(); }
}

module.exports = { activate, deactivate };
