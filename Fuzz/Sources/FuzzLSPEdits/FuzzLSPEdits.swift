import Foundation
import LSPCore
import MOFLanguageServer

/// What edits insert: line breaks of every kind, non-ASCII (2-, 3- and 4-byte UTF-8; a UTF-16
/// surrogate pair), MOF punctuation.
private let alphabet: [String] = ["a", "Z", " ", "\n", "\r", "\r\n", "é", "€", "😀", "\u{FEFF}", "{", "}", ";", "\"", "[", "]",
                                  "class A ", "instance of A ", "/*", "*/", "//", "\\", "$a", "#pragma include(\"x.mof\")"]

/// A reference implementation of a protocol edit, independent of the server's: the text as
/// Unicode scalars, lines broken at LF, CR LF and CR, positions clamped to the line.
private struct Reference {
    var scalars: [Unicode.Scalar]

    func offset(line: Int, character: Int, utf8: Bool) -> Int {
        var index = 0
        var current = 0
        while current < line {
            guard index < scalars.count else { return scalars.count }
            let scalar = scalars[index]
            index += 1
            if scalar == "\n" { current += 1 }
            else if scalar == "\r" {
                if index < scalars.count && scalars[index] == "\n" { index += 1 }
                current += 1
            }
        }
        var units = 0
        while index < scalars.count && scalars[index] != "\n" && scalars[index] != "\r" {
            let width = utf8 ? String(scalars[index]).utf8.count : (scalars[index].value > 0xFFFF ? 2 : 1)
            if units + width > character { break }
            units += width
            index += 1
        }
        return index
    }

    mutating func replace(_ start: (Int, Int), _ end: (Int, Int), with text: String, utf8: Bool) {
        let a = offset(line: start.0, character: start.1, utf8: utf8)
        let b = max(a, offset(line: end.0, character: end.1, utf8: utf8))
        scalars.replaceSubrange(a..<b, with: Array(text.unicodeScalars))
    }
}

private func json(_ object: [String: Any]) -> [UInt8] {
    Array((try? JSONSerialization.data(withJSONObject: object)) ?? Data())
}

/// Edit sequences: the input is decoded into an initial text and edits (ranges anywhere, past line
/// ends and the end of the text included; UTF-8 or UTF-16 positions); after every edit the
/// server's text must equal the reference, and a separately kept document's line table must equal
/// a fresh scan.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLSPEdits(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    var cursor = 0
    func next() -> Int {
        defer { cursor += 1 }
        return cursor < bytes.count ? Int(bytes[cursor]) : 0
    }
    let utf8 = next() & 1 == 1
    let encoding: PositionEncodingKind = utf8 ? .utf8 : .utf16
    let initialLength = next() % 48
    let initial = (0..<initialLength).map { _ in alphabet[next() % alphabet.count] }.joined()

    let server = LanguageServer(send: { _ in }, scheduling: .inline)
    let capabilities: [String: Any] = utf8 ? ["general": ["positionEncodings": ["utf-8"]]] : [:]
    server.handle(body: json(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": ["capabilities": capabilities]]))
    let uri = "file:///fuzz/edit.mof"
    server.handle(body: json(["jsonrpc": "2.0", "method": "textDocument/didOpen",
                              "params": ["textDocument": ["uri": uri, "languageId": "mof", "version": 1, "text": initial]]]))
    var reference = Reference(scalars: Array(initial.unicodeScalars))
    var document = TextDocument(uri: uri, version: 1, text: Array(initial.utf8))
    var version = 1
    while cursor < bytes.count {
        version += 1
        let kind = next()
        let text = (0..<(next() % 4)).map { _ in alphabet[next() % alphabet.count] }.joined()
        var change: [String: Any] = ["text": text]
        if kind % 16 == 0 {
            reference.scalars = Array(text.unicodeScalars)
            document.apply(TextDocumentContentChangeEvent(range: nil, text: text), encoding: encoding)
        } else {
            let start = (next() % 12, next() % 24)
            let end = (start.0 + next() % 3, next() % 24)
            change["range"] = ["start": ["line": start.0, "character": start.1], "end": ["line": end.0, "character": end.1]]
            reference.replace(start, end, with: text, utf8: utf8)
            let range = LSPRange(start: Position(line: start.0, character: start.1), end: Position(line: end.0, character: end.1))
            document.apply(TextDocumentContentChangeEvent(range: range, text: text), encoding: encoding)
        }
        server.handle(body: json(["jsonrpc": "2.0", "method": "textDocument/didChange",
                                  "params": ["textDocument": ["uri": uri, "version": version], "contentChanges": [change]]]))
        let expected = Array(String(String.UnicodeScalarView(reference.scalars)).utf8)
        guard let held = server.text(of: uri), held == expected else {
            fatalError("server text differs from the reference after edit \(version): \(String(decoding: server.text(of: uri) ?? [], as: UTF8.self).debugDescription) vs \(String(decoding: expected, as: UTF8.self).debugDescription)")
        }
        guard document.text == expected, document.lineStarts == TextDocument(uri: uri, version: 0, text: document.text).lineStarts else {
            fatalError("document line table differs from a fresh scan after edit \(version)")
        }
    }
    return 0
}
