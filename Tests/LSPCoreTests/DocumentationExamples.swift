import LSPCore
import Testing

// The example of Sources/LSPCore/LSPCore.docc, verbatim (DocumentationCatalogTests checks that it
// stays so); the test below runs it.

/// The bodies of the complete messages in `bytes`, and the problems found framing them.
func frames(_ bytes: [UInt8]) -> (messages: [String], problems: [String]) {
    var framer = MessageFramer()
    framer.append(bytes)
    var messages: [String] = []
    var problems: [String] = []
    while let event = framer.next() {
        switch event {
        case .message(let body): messages.append(String(decoding: body, as: UTF8.self))
        case .malformed(let reason): problems.append(reason)
        }
    }
    return (messages, problems)
}

@Suite struct LSPCoreDocumentationExamples {
    @Test func framesSkipsABadHeaderAndKeepsTheRest() {
        let stream = Array("Content-Length: x\r\n\r\n".utf8) + MessageFramer.frame(Array(#"{"id":1}"#.utf8))
        let (messages, problems) = frames(stream)
        #expect(messages == [#"{"id":1}"#])
        #expect(problems.count == 1)
    }
}
