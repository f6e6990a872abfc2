import Foundation
import Testing
@testable import LSPCore

struct FramingTests {
    static func frame(_ json: String) -> [UInt8] { MessageFramer.frame(Array(json.utf8)) }

    static func drain(_ framer: inout MessageFramer) -> [MessageFramer.Event] {
        var events: [MessageFramer.Event] = []
        while let event = framer.next() { events.append(event) }
        return events
    }

    @Test func messagesSplitAtEveryByteComeOutWhole() {
        let stream = Self.frame(#"{"a":1}"#) + Self.frame(#"{"b":"é"}"#)
        var framer = MessageFramer()
        var events: [MessageFramer.Event] = []
        for byte in stream {
            framer.append([byte])
            events += Self.drain(&framer)
        }
        #expect(events == [.message(Array(#"{"a":1}"#.utf8)), .message(Array(#"{"b":"é"}"#.utf8))])
        #expect(framer.pendingByteCount == 0)
    }

    @Test func aLargeMessagesBufferIsFreedOnceRead() {
        let large = "\"" + String(repeating: "x", count: 3 << 20) + "\""
        let stream = Self.frame(large) + Self.frame("[1]")
        var framer = MessageFramer()
        var events: [MessageFramer.Event] = []
        var offset = 0
        while offset < stream.count {
            let end = min(stream.count, offset + (1 << 16))
            framer.append(stream[offset..<end])
            events += Self.drain(&framer)
            offset = end
        }
        #expect(events == [.message(Array(large.utf8)), .message(Array("[1]".utf8))])
        #expect(framer.pendingByteCount == 0)
        #expect(framer.bufferCapacity <= MessageFramer.retainedCapacity)
    }

    @Test func contentTypeHeaderAndCaseAreAccepted() {
        var framer = MessageFramer()
        framer.append(Array("content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}".utf8))
        #expect(Self.drain(&framer) == [.message(Array("{}".utf8))])
    }

    @Test func malformedHeadersAreReportedAndTheStreamResynchronises() {
        var framer = MessageFramer()
        framer.append(Array("Content-Length: x\r\n\r\n{}garbage".utf8) + Self.frame("[1]")
                      + Array("X-Nothing: 1\r\n\r\n".utf8) + Self.frame("[2]")
                      + Array("no colon here\r\n\r\n".utf8) + Self.frame("[3]"))
        let events = Self.drain(&framer)
        #expect(events.count == 6)
        #expect(events[1] == .message(Array("[1]".utf8)))
        #expect(events[3] == .message(Array("[2]".utf8)))
        #expect(events[5] == .message(Array("[3]".utf8)))
        if case .malformed(let reason) = events[0] { #expect(reason.contains("not a number")) } else { Issue.record("expected an error") }
        if case .malformed(let reason) = events[2] { #expect(reason.contains("no Content-Length")) } else { Issue.record("expected an error") }
    }

    @Test func oversizedBodiesAreSkippedNotBuffered() {
        var framer = MessageFramer(maximumBodyLength: 10)
        framer.append(Array("Content-Length: 20\r\n\r\n".utf8))
        #expect(Self.drain(&framer).count == 1)
        framer.append(Array(repeating: UInt8(ascii: "x"), count: 20) + Self.frame("{}"))
        #expect(Self.drain(&framer) == [.message(Array("{}".utf8))])
    }

    @Test func endlessHeaderIsCutOff() {
        var framer = MessageFramer()
        framer.append(Array(repeating: UInt8(ascii: "a"), count: MessageFramer.maximumHeaderLength + 10))
        let events = Self.drain(&framer)
        #expect(events.count == 1)
        framer.append(Self.frame("{}"))
        #expect(Self.drain(&framer) == [.message(Array("{}".utf8))])
    }
}

struct JSONRPCTests {
    @Test func requestsNotificationsAndResponsesAreClassified() throws {
        let request = try IncomingMessage.parse(Array(#"{"jsonrpc":"2.0","id":7,"method":"m","params":{}}"#.utf8)).get()
        #expect(request.kind == .request(.int(7)))
        let stringID = try IncomingMessage.parse(Array(#"{"jsonrpc":"2.0","id":"x","method":"m"}"#.utf8)).get()
        #expect(stringID.kind == .request(.string("x")))
        let notification = try IncomingMessage.parse(Array(#"{"jsonrpc":"2.0","method":"n"}"#.utf8)).get()
        #expect(notification.kind == .notification)
        let response = try IncomingMessage.parse(Array(#"{"jsonrpc":"2.0","id":1,"result":null}"#.utf8)).get()
        #expect(response.kind == .response(.int(1)))
    }

    @Test func badJSONIsAParseErrorAndBadShapeAnInvalidRequest() {
        func failure(_ text: String) -> IncomingMessage.ParseFailure? {
            if case .failure(let failure) = IncomingMessage.parse(Array(text.utf8)) { return failure }
            return nil
        }
        #expect(failure("{not json")?.error.code == ResponseError.parseError)
        #expect(failure("[1,2]")?.error.code == ResponseError.invalidRequest)
        #expect(failure(#"{"jsonrpc":"1.0","id":3,"method":"m"}"#)?.error.code == ResponseError.invalidRequest)
        #expect(failure(#"{"jsonrpc":"1.0","id":3,"method":"m"}"#)?.id == .int(3))
        #expect(failure(#"{"jsonrpc":"2.0","id":3}"#)?.error.code == ResponseError.invalidRequest)
        #expect(failure(#"{"jsonrpc":"2.0","method":5}"#)?.error.code == ResponseError.invalidRequest)
    }

    @Test func paramsOfTheWrongShapeAreInvalidParams() throws {
        let message = try IncomingMessage.parse(Array(#"{"jsonrpc":"2.0","id":1,"method":"m","params":{"textDocument":{}}}"#.utf8)).get()
        #expect(throws: ResponseError.self) { try message.params(DocumentParams.self) }
        do {
            _ = try message.params(DocumentParams.self)
        } catch {
            #expect(error.code == ResponseError.invalidParams)
            #expect(error.message.contains("uri"))
        }
        let absent = try IncomingMessage.parse(Array(#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#.utf8)).get()
        #expect(throws: Never.self) { try absent.params(VoidParams.self) }
    }

    @Test func responsesCarryNullResultsAndErrorIDs() throws {
        let null = String(decoding: OutgoingMessage.response(id: .int(4), result: LSPAny?.none), as: UTF8.self)
        let object = try JSONSerialization.jsonObject(with: Data(null.utf8)) as? [String: Any]
        #expect(object?["result"] is NSNull)
        #expect(object?["id"] as? Int == 4)
        let error = String(decoding: OutgoingMessage.error(id: nil, .methodNotFound("x")), as: UTF8.self)
        let errorObject = try JSONSerialization.jsonObject(with: Data(error.utf8)) as? [String: Any]
        #expect(errorObject?["id"] is NSNull)
        #expect((errorObject?["error"] as? [String: Any])?["code"] as? Int == -32601)
    }

    @Test func cancelRequestIsRecordedNotDelivered() {
        let tracker = CancellationTracker()
        var delivered: [TransportEvent] = []
        StreamTransport.route(.message(Array(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":9}}"#.utf8)),
                              cancellations: tracker) { delivered.append($0) }
        #expect(delivered.isEmpty)
        #expect(tracker.take(.int(9)))
        #expect(!tracker.take(.int(9)))
    }
}
