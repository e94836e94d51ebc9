import Foundation
import Testing

@testable import LinterCore
@testable import Linter
@testable import LinterCLI
import TestKit

// MARK: - Helpers

/// A cross-file stand-in: every task definition is reported while some lifecycle policy of the
/// project has no rules.
private struct EmptyPolicyStandIn: Rule {
    var metadata: RuleMetadata {
        RuleMetadata(
            id: "ECS900", name: "empty-policy-stand-in", summary: "stand-in", rationale: "stand-in",
            defaultSeverity: .warning, category: .reliability)
    }

    func check(_ context: RuleContext) -> [Violation] {
        guard context.project.lifecyclePolicies.contains(where: { $0.rules.isEmpty }) else { return [] }
        return context.project.taskDefinitions.map { Violation("a lifecycle policy of the project is empty", at: $0.family.location) }
    }
}

/// LinterTests cannot link the Rules target, so the in-process sessions use this stand-in for
/// ECS101 (same id, name and anchor: the image string). The spawned-binary test below runs the
/// real rule set.
private struct LatestTagStandIn: Rule {
    var metadata: RuleMetadata {
        RuleMetadata(
            id: "ECS101", name: "image-latest-tag", summary: "stand-in", rationale: "stand-in",
            defaultSeverity: .warning, category: .reliability)
    }

    func check(_ context: RuleContext) -> [Violation] {
        var violations: [Violation] = []
        for taskDefinition in context.project.taskDefinitions {
            for container in taskDefinition.containers {
                if case .named("latest") = container.image.tag {
                    violations.append(Violation("container '\(container.displayName)' uses the mutable tag 'latest'", at: container.image.location))
                }
            }
        }
        return violations
    }
}

/// A stand-in for a rule with a fix: a task definition's networkMode in capitals gets the lower
/// case written.
private struct NetworkModeCaseStandIn: Rule {
    var metadata: RuleMetadata {
        RuleMetadata(
            id: "ECS005", name: "enum-value-invalid", summary: "stand-in", rationale: "stand-in",
            defaultSeverity: .error, category: .correctness, fixes: [.safe])
    }

    func check(_ context: RuleContext) -> [Violation] {
        context.project.taskDefinitions.compactMap { taskDefinition in
            let field = taskDefinition.networkMode
            guard let value = field.value, value != value.lowercased(), let node = field.node else { return nil }
            let fix = Fix(
                "Write '\(value.lowercased())'", safety: .safe,
                edits: [.replace(node, with: .string(value.lowercased()), in: field.location.path)])
            return Violation("networkMode '\(value)' is case-sensitive", at: field.location, fix: fix)
        }
    }
}

/// The text after LSP `TextEdit`s (UTF-16 positions), as an editor applies them.
private func applying(_ edits: [Node], to text: String) -> String {
    var units = Array(text.utf16)
    var lineStarts = [0]
    for (index, unit) in units.enumerated() where unit == 0x0A { lineStarts.append(index + 1) }
    func offset(_ position: Node?) -> Int {
        let line = int(position?["line"]) ?? 0
        return lineStarts[min(line, lineStarts.count - 1)] + (int(position?["character"]) ?? 0)
    }
    let ordered = edits.sorted { offset($0["range"]?["start"]) > offset($1["range"]?["start"]) }
    for edit in ordered {
        let start = offset(edit["range"]?["start"])
        let end = offset(edit["range"]?["end"])
        units.replaceSubrange(start..<end, with: Array((edit["newText"]?.string ?? "").utf16))
    }
    return String(decoding: units, as: UTF16.self)
}

private func codeAction(_ uri: String, id: Int, range: Node?, only: [String]? = nil) -> String {
    let onlyPart = only.map { ",\"only\":" + JSONValue.array($0.map { .string($0) }).compact } ?? ""
    return #"{"jsonrpc":"2.0","id":\#(id),"method":"textDocument/codeAction","params":{"textDocument":{"uri":"# + jsonString(uri)
        + #"},"range":"# + (range.map { NodeJSONWriter().render($0) } ?? "{}") + #","context":{"diagnostics":[]\#(onlyPart)}}}"#
}

private func frame(_ json: String) -> [UInt8] {
    LSPMessageWriter.frame(Array(json.utf8))
}

private func jsonString(_ text: String) -> String {
    JSONValue.string(text).compact
}

private func parse(_ message: OutgoingMessage) -> Node {
    try! JSONParser().parse(message.json.compact)
}

/// Drives a server with framed bytes, exactly as the stdio loop does.
private struct Session {
    var server: LanguageServer
    var reader = LSPMessageReader()
    var log: [String] = []
    var exitCode: Int32?

    init(context: CommandContext = CommandContext(builtinRules: [LatestTagStandIn()])) {
        server = LanguageServer(linter: WorkspaceLinter(context: context, workers: 1), serverVersion: "test")
    }

    mutating func send(_ bytes: [UInt8]) -> [Node] {
        reader.append(bytes)
        var bodies: [[UInt8]] = []
        for event in reader.drain() {
            if case .message(let body) = event { bodies.append(body) }
        }
        let reaction = server.handle(bodies: bodies)
        log += reaction.log
        if let code = reaction.exitCode { exitCode = code }
        // Round-trip through the wire format.
        var outgoing = LSPMessageReader()
        for message in reaction.messages { outgoing.append(message.framed) }
        return outgoing.drain().compactMap { event in
            if case .message(let body) = event { return try? JSONParser().parse(body) }
            return nil
        }
    }

    mutating func send(_ json: String) -> [Node] { send(frame(json)) }

    mutating func initialize(root: String) -> [Node] {
        send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":"# + jsonString(FileURI.uri(ofPath: root)) + #","capabilities":{}}}"#)
            + send(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#)
    }
}

private func didOpen(_ uri: String, _ text: String, version: Int = 1, language: String = "json") -> String {
    #"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"# + jsonString(uri)
        + #","languageId":"\#(language)","version":\#(version),"text":"# + jsonString(text) + "}}}"
}

private func didChange(_ uri: String, _ text: String, version: Int) -> String {
    #"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"# + jsonString(uri)
        + #","version":\#(version)},"contentChanges":[{"text":"# + jsonString(text) + "}]}}"
}

private func publications(_ messages: [Node]) -> [Node] {
    messages.filter { $0["method"]?.string == "textDocument/publishDiagnostics" }
}

private func int(_ node: Node?) -> Int? { node?.numberLexeme.flatMap { Int($0) } }

/// `[line, character, line, character]` of a diagnostic's range.
private func rangeNumbers(_ diagnostic: Node) -> [Int?] {
    let range = diagnostic["range"]
    return [int(range?["start"]?["line"]), int(range?["start"]?["character"]), int(range?["end"]?["line"]), int(range?["end"]?["character"])]
}

/// The image line holds `é` (1 UTF-16 unit, 2 bytes) and `😀` (2 units, 4 bytes) before the image.
private let latestBuffer = """
    {
      "family": "web",
      "containerDefinitions": [
        {"name": "app-é😀", "image": "nginx:latest"}
      ]
    }

    """
/// 0-based UTF-16 character of `"nginx:latest"` on line 3: 4 + 10 + 7 + 12 (bytes: 37, scalars: 32).
private let imageCharacter = 33

private let fixedBuffer = """
    {
      "family": "web",
      "containerDefinitions": [
        {"name": "app-é😀", "image": "nginx:1.27.0", "essential": true,
         "readonlyRootFilesystem": true, "user": "1000",
         "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]},
         "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web"}}}
      ]
    }

    """

// MARK: - Framing

@Suite("LSP framing")
struct LSPFramingTests {
    @Test func singleMessage() {
        var reader = LSPMessageReader()
        reader.append(frame(#"{"a":1}"#))
        #expect(reader.drain() == [.message(Array(#"{"a":1}"#.utf8))])
        #expect(reader.pendingByteCount == 0)
    }

    @Test func splitAcrossReadsByteByByte() {
        let body = #"{"text":"é😀 multi-byte"}"#
        let bytes = frame(body)
        #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("Content-Length: \(body.utf8.count)\r\n\r\n"))
        var reader = LSPMessageReader()
        var events: [LSPMessageReader.Event] = []
        for byte in bytes {
            reader.append([byte])
            events += reader.drain()
        }
        #expect(events == [.message(Array(body.utf8))])
    }

    @Test func mergedMessagesAndATrailingPartialOne() {
        var reader = LSPMessageReader()
        let third = frame(#"{"n":3}"#)
        reader.append(frame(#"{"n":1}"#) + frame(#"{"n":2}"#) + third.prefix(10))
        #expect(reader.drain() == [.message(Array(#"{"n":1}"#.utf8)), .message(Array(#"{"n":2}"#.utf8))])
        reader.append(third.dropFirst(10))
        #expect(reader.drain() == [.message(Array(#"{"n":3}"#.utf8))])
    }

    @Test func contentTypeAndHeaderCaseAreIgnored() {
        var reader = LSPMessageReader()
        reader.append(Array("content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}".utf8))
        reader.append(Array("Content-Type: x\r\nCONTENT-LENGTH:2\r\n\r\n[]".utf8))
        #expect(reader.drain() == [.message(Array("{}".utf8)), .message(Array("[]".utf8))])
    }

    @Test(arguments: [
        "Content-Type: application/json\r\n\r\n{}",  // missing Content-Length
        "Content-Length: abc\r\n\r\n{}",  // not a number
        "Content-Length: -4\r\n\r\n{}",  // negative
        "garbage line\r\n",  // no colon
        "{\"no\":\"header\"}",  // a body without a frame
    ])
    func badHeadersAreReportedAndTheStreamResynchronizes(_ bad: String) {
        var reader = LSPMessageReader()
        reader.append(Array(bad.utf8) + frame(#"{"ok":true}"#))
        let events = reader.drain()
        #expect(events.count >= 2)
        #expect(events.dropLast().allSatisfy { if case .malformed = $0 { return true } else { return false } })
        #expect(events.last == .message(Array(#"{"ok":true}"#.utf8)))
        #expect(reader.pendingByteCount == 0)
    }

    @Test func garbageSplitAcrossReadsStillResynchronizes() {
        var reader = LSPMessageReader()
        let bytes = Array("xxxx".utf8) + frame(#"{"ok":1}"#)
        var events: [LSPMessageReader.Event] = []
        for chunk in stride(from: 0, to: bytes.count, by: 3) {
            reader.append(bytes[chunk..<min(chunk + 3, bytes.count)])
            events += reader.drain()
        }
        #expect(events.last == .message(Array(#"{"ok":1}"#.utf8)))
        #expect(events.filter { $0 != .message(Array(#"{"ok":1}"#.utf8)) }.count >= 1)
    }

    @Test func emptyBodyAndWaitingForMore() {
        var reader = LSPMessageReader()
        reader.append(Array("Content-Length: 0\r\n\r\n".utf8))
        #expect(reader.drain() == [.message([])])
        reader.append(Array("Content-Length: 10\r\n\r\n{}".utf8))
        #expect(reader.drain().isEmpty)
    }
}

// MARK: - JSON-RPC, URIs, conversion

@Suite("LSP protocol pieces")
struct LSPProtocolTests {
    @Test func decodesRequestsNotificationsAndErrors() throws {
        guard case .success(.request(let id, let method, _)) = IncomingMessage.decode(Array(#"{"jsonrpc":"2.0","id":"x","method":"m"}"#.utf8)) else {
            Issue.record("not a request")
            return
        }
        #expect(id == .string("x"))
        #expect(method == "m")
        guard case .success(.notification("n", _)) = IncomingMessage.decode(Array(#"{"jsonrpc":"2.0","method":"n","params":[]}"#.utf8)) else {
            Issue.record("not a notification")
            return
        }
        // Some clients send `"params": null` with `shutdown`.
        guard case .success(.request(.int(4), "shutdown", nil)) = IncomingMessage.decode(Array(#"{"jsonrpc":"2.0","id":4,"method":"shutdown","params":null}"#.utf8)) else {
            Issue.record("null params refused")
            return
        }
        let cases: [(String, JSONRPCErrorCode, JSONRPCID?)] = [
            (#"{"jsonrpc":"2.0","id":1,"method":"#, .parseError, nil),
            (#"[{"jsonrpc":"2.0","id":1,"method":"m"}]"#, .invalidRequest, nil),
            (#"{"id":7,"method":"m"}"#, .invalidRequest, .int(7)),
            (#"{"jsonrpc":"2.0","id":7}"#, .invalidRequest, .int(7)),
            (#"{"jsonrpc":"2.0","id":7,"method":3}"#, .invalidRequest, .int(7)),
            (#"{"jsonrpc":"2.0","id":7,"method":"m","params":"p"}"#, .invalidRequest, .int(7)),
            (#"{"jsonrpc":"2.0","id":1.5,"method":"m"}"#, .invalidRequest, nil),
        ]
        for (body, code, expectedID) in cases {
            guard case .failure(let failure) = IncomingMessage.decode(Array(body.utf8)) else {
                Issue.record("\(body) decoded")
                continue
            }
            #expect(failure.error.code == code, "\(body)")
            #expect(failure.id == expectedID, "\(body)")
        }
    }

    @Test func errorResponsesAreWellFormed() {
        let message = OutgoingMessage.error(id: nil, JSONRPCError(.parseError, "bad"))
        #expect(message.json.compact == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"bad"}}"#)
    }

    @Test func fileURIs() {
        #expect(FileURI.path(of: "file:///tmp/a%20b/%C3%A9.json") == "/tmp/a b/é.json")
        #expect(FileURI.path(of: "file://localhost/srv/x.yaml") == "/srv/x.yaml")
        #expect(FileURI.path(of: "FILE:///srv/./y/../x.json") == "/srv/x.json")
        #expect(FileURI.path(of: "untitled:Untitled-1") == nil)
        #expect(FileURI.path(of: "file://server/share/x.json") == nil)
        #expect(FileURI.path(of: "file:///bad%zz") == nil)
        #expect(FileURI.path(of: "file:///bad%FF") == nil)
        #expect(FileURI.uri(ofPath: "/tmp/a b/é#1.json") == "file:///tmp/a%20b/%C3%A9%231.json")
        #expect(FileURI.path(of: FileURI.uri(ofPath: "/x/😀 [1]/y.json")) == "/x/😀 [1]/y.json")
    }

    @Test func diagnosticConversion() throws {
        let file = SourceFile(path: "/p/a.json", text: "\u{FEFF}{\"é\": 1}\n\"😀\"x")
        let first = file.range(of: ByteRange(start: 3, end: 4))  // `{` after the BOM
        let second = file.range(of: ByteRange(start: 19, end: 20))  // `x` after `"😀"`
        let converter = DiagnosticConverter(
            documentPath: "/p/a.json", documentURI: "file:///p/a.json", rootDirectory: "/p",
            openURIs: ["/p/b.json": "file:///p/b.json?client"], documentation: ["ECS999": "https://example/ECS999"],
            documentHasByteOrderMark: true)
        let findings = [
            Finding(
                ruleId: "ECS999", ruleName: "some-rule", severity: .error, message: "boom", path: "a.json", range: first,
                related: [RelatedFinding(path: "b.json", range: first, message: "see b"), RelatedFinding(path: "/elsewhere/c d.json", range: second, message: "see c")]),
            Finding(ruleId: "ECS998", ruleName: "other", severity: .note, message: "n", path: "a.json", range: second),
            // Reported in b.json, pointing into a.json: shown at the related place.
            Finding(
                ruleId: "ECS997", ruleName: "cross", severity: .warning, message: "c", path: "b.json", range: first,
                related: [RelatedFinding(path: "a.json", range: second, message: "here")]),
            // Touches nothing in a.json.
            Finding(ruleId: "ECS996", ruleName: "x", severity: .warning, message: "x", path: "b.json", range: first),
        ]
        let diagnostics = converter.diagnostics(findings).map { try! JSONParser().parse($0.compact) }
        #expect(diagnostics.count == 3)
        // The BOM is U+FEFF (one UTF-16 unit) in the editor's text.
        #expect(rangeNumbers(diagnostics[0]) == [0, 1, 0, 2])
        #expect(int(diagnostics[0]["severity"]) == 1)
        #expect(diagnostics[0]["code"]?.string == "ECS999")
        #expect(diagnostics[0]["codeDescription"]?["href"]?.string == "https://example/ECS999")
        #expect(diagnostics[0]["source"]?.string == "ecslint")
        #expect(diagnostics[0]["message"]?.string == "boom (some-rule)")
        let related = try #require(diagnostics[0]["relatedInformation"]?.elements)
        #expect(related[0]["location"]?["uri"]?.string == "file:///p/b.json?client")
        #expect(related[0]["message"]?.string == "see b")
        #expect(related[1]["location"]?["uri"]?.string == "file:///elsewhere/c%20d.json")
        #expect(int(related[1]["location"]?["range"]?["start"]?["character"]) == 4)
        #expect(rangeNumbers(diagnostics[1]) == [1, 4, 1, 5])
        #expect(int(diagnostics[1]["severity"]) == 3)
        #expect(diagnostics[1]["codeDescription"] == nil)
        #expect(rangeNumbers(diagnostics[2]) == [1, 4, 1, 5])
        #expect(int(diagnostics[2]["severity"]) == 2)
        #expect(diagnostics[2]["relatedInformation"]?[0]?["location"]?["uri"]?.string == "file:///p/b.json?client")
    }

    @Test func workingDirectoryPrefersWorkspaceUnlessANestedConfigExists() throws {
        let directory = try TemporaryProject(git: false)
        try directory.write("ws/svc/task.json", "{}")
        try directory.write("ws/nested/.ecslint.json", "{}")
        let workspace = directory.path + "/ws"
        #expect(WorkspaceLinter.workingDirectory(forFile: workspace + "/svc/task.json", workspaceFolders: [workspace]) == workspace)
        #expect(
            WorkspaceLinter.workingDirectory(forFile: workspace + "/nested/a/task.json", workspaceFolders: [workspace])
                == workspace + "/nested/a")
        #expect(WorkspaceLinter.workingDirectory(forFile: "/other/x.json", workspaceFolders: [workspace]) == "/other")
    }
}

// MARK: - Server sessions

@Suite("LSP server")
struct LSPServerTests {
    @Test func endToEndSession() throws {
        let directory = try TemporaryProject(git: false)
        try directory.write(".ecslint.json", "{}")
        let uri = FileURI.uri(ofPath: directory.path + "/task def é.json")
        var session = Session()

        let initialized = session.initialize(root: directory.path)
        let capabilities = try #require(initialized.first?["result"]?["capabilities"])
        #expect(int(initialized.first?["id"]) == 1)
        #expect(capabilities["positionEncoding"]?.string == "utf-16")
        #expect(int(capabilities["textDocumentSync"]?["change"]) == 1)
        #expect(capabilities["textDocumentSync"]?["openClose"]?.bool == true)
        #expect(capabilities["textDocumentSync"]?["save"] != nil)
        #expect(initialized.count == 1)

        // Open: one diagnostic, at the exact UTF-16 range of the image string.
        let opened = publications(session.send(didOpen(uri, latestBuffer)))
        #expect(opened.count == 1)
        #expect(opened.first?["params"]?["uri"]?.string == uri)
        #expect(int(opened.first?["params"]?["version"]) == 1)
        let diagnostics = try #require(opened.first?["params"]?["diagnostics"]?.elements)
        #expect(diagnostics.count == 1)
        let diagnostic = try #require(diagnostics.first)
        #expect(rangeNumbers(diagnostic) == [3, imageCharacter, 3, imageCharacter + 14])
        #expect(int(diagnostic["severity"]) == 2)
        #expect(diagnostic["code"]?.string == "ECS101")
        #expect(diagnostic["codeDescription"]?["href"]?.string == RuleMetadata.documentationBase + "ECS101.md")
        #expect(diagnostic["source"]?.string == "ecslint")
        #expect(diagnostic["message"]?.string?.contains("image-latest-tag") == true)
        #expect(diagnostic["message"]?.string?.contains("app-é😀") == true)

        // A malformed body: -32700 with a null id; the server keeps serving.
        let parseError = session.send("{not json")
        #expect(parseError.count == 1)
        #expect(int(parseError.first?["error"]?["code"]) == -32700)
        #expect(parseError.first?["id"]?.isNull == true)

        // An unknown request: -32601 with its id. An unknown notification and a cancel: nothing.
        let unknown = session.send(#"{"jsonrpc":"2.0","id":"q","method":"textDocument/hover","params":{}}"#)
        #expect(int(unknown.first?["error"]?["code"]) == -32601)
        #expect(unknown.first?["id"]?.string == "q")
        #expect(session.send(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"q"}}"#).isEmpty)
        #expect(session.send(#"{"jsonrpc":"2.0","method":"custom/thing","params":{}}"#).isEmpty)

        // The fix: no diagnostics at all.
        let fixed = publications(session.send(didChange(uri, fixedBuffer, version: 2)))
        #expect(fixed.count == 1)
        #expect(int(fixed.first?["params"]?["version"]) == 2)
        #expect(fixed.first?["params"]?["diagnostics"]?.elements?.isEmpty == true)

        // Broken again, then saved: diagnostics come back.
        _ = session.send(didChange(uri, latestBuffer, version: 3))
        let saved = publications(session.send(#"{"jsonrpc":"2.0","method":"textDocument/didSave","params":{"textDocument":{"uri":"# + jsonString(uri) + "}}}"))
        #expect(saved.first?["params"]?["diagnostics"]?.elements?.count == 1)

        // Close: empty diagnostics.
        let closed = publications(session.send(#"{"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"# + jsonString(uri) + "}}}"))
        #expect(closed.count == 1)
        #expect(closed.first?["params"]?["diagnostics"]?.elements?.isEmpty == true)
        #expect(session.server.documents.isEmpty)

        let shutdown = session.send(#"{"jsonrpc":"2.0","id":99,"method":"shutdown"}"#)
        #expect(int(shutdown.first?["id"]) == 99)
        #expect(shutdown.first?["result"]?.isNull == true)
        let late = session.send(#"{"jsonrpc":"2.0","id":100,"method":"initialize","params":{}}"#)
        #expect(int(late.first?["error"]?["code"]) == -32600)
        #expect(session.send(#"{"jsonrpc":"2.0","method":"exit"}"#).isEmpty)
        #expect(session.exitCode == 0)
    }

    /// A quick fix for a diagnostic: its edit, applied to the buffer as the editor does, makes the
    /// diagnostic go away on the next publish. The buffer starts with a byte order mark and has
    /// characters of two UTF-16 units before the value, so the positions must count as editors do.
    @Test func quickFixesMakeTheirDiagnosticGoAway() throws {
        let directory = try TemporaryProject(git: false)
        try directory.write(".ecslint.json", "{}")
        let uri = FileURI.uri(ofPath: directory.path + "/task.json")
        var session = Session(context: CommandContext(builtinRules: [NetworkModeCaseStandIn()]))
        let initialized = session.initialize(root: directory.path)
        let provider = initialized.first?["result"]?["capabilities"]?["codeActionProvider"]
        #expect(provider?["codeActionKinds"]?.elements?.compactMap(\.string) == ["quickfix"])

        let text = "\u{FEFF}{\"family\": \"wé😀\", \"networkMode\": \"AWSVPC\",\n \"containerDefinitions\": []}\n"
        let opened = publications(session.send(didOpen(uri, text)))
        let diagnostic = try #require(opened.first?["params"]?["diagnostics"]?.elements?.first)
        // U+FEFF, then `{"family": "wé😀", "networkMode": ` (1 + 33 units: 😀 is two).
        #expect(rangeNumbers(diagnostic) == [0, 35, 0, 43])

        let answer = session.send(codeAction(uri, id: 7, range: diagnostic["range"]))
        #expect(int(answer.first?["id"]) == 7)
        let actions = try #require(answer.first?["result"]?.elements)
        #expect(actions.count == 1)
        let action = try #require(actions.first)
        #expect(action["title"]?.string == "Write 'awsvpc'")
        #expect(action["kind"]?.string == "quickfix")
        #expect(action["isPreferred"]?.bool == true)
        #expect(action["diagnostics"]?[0]?["code"]?.string == "ECS005")
        #expect(action["diagnostics"]?[0].map(rangeNumbers) == [0, 35, 0, 43])
        let edits = try #require(action["edit"]?["changes"]?[uri]?.elements)
        #expect(edits.count == 1)
        #expect(edits.first?["newText"]?.string == "\"awsvpc\"")

        // Elsewhere, or for other kinds of action, there is nothing to offer.
        let elsewhere = try JSONParser().parse(#"{"start":{"line":1,"character":0},"end":{"line":1,"character":2}}"#)
        #expect(session.send(codeAction(uri, id: 8, range: elsewhere)).first?["result"]?.elements?.isEmpty == true)
        #expect(session.send(codeAction(uri, id: 9, range: diagnostic["range"], only: ["refactor"])).first?["result"]?.elements?.isEmpty == true)
        #expect(int(session.send(codeAction(uri, id: 10, range: nil)).first?["error"]?["code"]) == -32602)

        let fixed = applying(edits, to: text)
        #expect(fixed == "\u{FEFF}{\"family\": \"wé😀\", \"networkMode\": \"awsvpc\",\n \"containerDefinitions\": []}\n")
        let republished = publications(session.send(didChange(uri, fixed, version: 2)))
        #expect(int(republished.first?["params"]?["version"]) == 2)
        #expect(republished.first?["params"]?["diagnostics"]?.elements?.isEmpty == true)
        #expect(session.send(codeAction(uri, id: 11, range: diagnostic["range"])).first?["result"]?.elements?.isEmpty == true)
    }

    /// Saving a file lints the other open documents again: their findings may rest on it.
    @Test func savingAFileRelintsTheOtherOpenDocuments() throws {
        let directory = try TemporaryProject(git: false)
        try directory.write(".ecslint.json", "{}")
        let task = #"{"family": "web", "containerDefinitions": [{"name": "app", "image": "web:1.0"}]}"#
        let emptyPolicy = #"{"rules": []}"#
        let policy = #"{"rules": [{"rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 7}, "action": {"type": "expire"}}]}"#
        try directory.write("task.json", task)
        try directory.write("policy.json", policy)
        let taskURI = FileURI.uri(ofPath: directory.path + "/task.json")
        let policyURI = FileURI.uri(ofPath: directory.path + "/policy.json")
        var session = Session(context: CommandContext(builtinRules: [EmptyPolicyStandIn()]))
        _ = session.initialize(root: directory.path)
        #expect(publications(session.send(didOpen(taskURI, task))).first?["params"]?["diagnostics"]?.elements?.count == 0)
        _ = session.send(didOpen(policyURI, policy))

        // Typing in the policy lints the policy only: the task is linted against the disk.
        let typed = publications(session.send(didChange(policyURI, emptyPolicy, version: 2)))
        #expect(typed.map { $0["params"]?["uri"]?.string } == [policyURI])

        // Saved: the policy, then the task again, which now sees the empty policy on disk.
        try directory.write("policy.json", emptyPolicy)
        let saved = publications(session.send(#"{"jsonrpc":"2.0","method":"textDocument/didSave","params":{"textDocument":{"uri":"# + jsonString(policyURI) + "}}}"))
        #expect(saved.map { $0["params"]?["uri"]?.string } == [policyURI, taskURI])
        let taskDiagnostics = try #require(saved.last?["params"]?["diagnostics"]?.elements)
        #expect(taskDiagnostics.map { $0["code"]?.string } == ["ECS900"])
        #expect(taskDiagnostics.first.map(rangeNumbers) == [0, 11, 0, 16])
    }

    /// A Terraform buffer is linted with its module as context: the variable default in another
    /// file of the directory decides the tag, and the unsaved buffer wins over the disk.
    @Test func terraformBuffersAreLintedWithTheirModule() throws {
        let directory = try TemporaryProject(git: false)
        try directory.write(".ecslint.json", "{}")
        try directory.write("variables.tf", "variable \"tag\" {\n  default = \"latest\"\n}\n")
        let onDisk = "resource \"aws_ecs_task_definition\" \"app\" {\n  family = \"app\"\n}\n"
        try directory.write("main.tf", onDisk)
        let uri = FileURI.uri(ofPath: directory.path + "/main.tf")
        var session = Session()
        _ = session.initialize(root: directory.path)
        let buffer = """
            resource "aws_ecs_task_definition" "app" {
              family                = "app"
              container_definitions = jsonencode([{ name = "app", image = "nginx:${var.tag}" }])
            }

            """
        let opened = publications(session.send(didOpen(uri, buffer, language: "terraform")))
        let diagnostics = try #require(opened.first?["params"]?["diagnostics"]?.elements)
        #expect(diagnostics.map { $0["code"]?.string } == ["ECS101"])
        // `"nginx:${var.tag}"` on line 2 (0-based), from character 62.
        #expect(diagnostics.first.map(rangeNumbers) == [2, 62, 2, 80])
        // The latest tag comes from the default in variables.tf, which the message names.
        let fixed = publications(session.send(didChange(uri, buffer.replacingOccurrences(of: "${var.tag}", with: "1.27.0"), version: 2)))
        #expect(fixed.first?["params"]?["diagnostics"]?.elements?.isEmpty == true)
    }

    @Test func burstsOfChangesAreLintedOnceAndInOrder() throws {
        let directory = try TemporaryProject(git: false)
        try directory.write(".ecslint.json", "{}")
        let uri = FileURI.uri(ofPath: directory.path + "/task.json")
        var session = Session()
        _ = session.initialize(root: directory.path)
        let burst = frame(didOpen(uri, fixedBuffer)) + frame(didChange(uri, fixedBuffer, version: 2))
            + frame(didChange(uri, latestBuffer, version: 3))
        let published = publications(session.send(burst))
        #expect(published.count == 1)
        #expect(int(published.first?["params"]?["version"]) == 3)
        #expect(published.first?["params"]?["diagnostics"]?.elements?.count == 1)
    }

    @Test func beforeInitializeRequestsFailAndNotificationsAreDropped() throws {
        var session = Session()
        let early = session.send(#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#)
        #expect(int(early.first?["error"]?["code"]) == -32002)
        #expect(session.send(didOpen("file:///tmp/x.json", latestBuffer)).isEmpty)
        let bad = session.send(#"{"jsonrpc":"2.0","id":2,"method":"initialize","params":[1]}"#)
        #expect(int(bad.first?["error"]?["code"]) == -32602)
        #expect(session.send(#"{"jsonrpc":"2.0","method":"exit"}"#).isEmpty)
        #expect(session.exitCode == 1)
    }

    @Test func workspaceFoldersComeFromInitializeAndChanges() {
        var session = Session()
        _ = session.send(
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"rootUri":"file:///ignored","workspaceFolders":[{"uri":"file:///a%20b","name":"a"},{"uri":"untitled:x","name":"x"}]}}"#)
        #expect(session.server.workspaceFolders == ["/a b"])
        _ = session.send(
            #"{"jsonrpc":"2.0","method":"workspace/didChangeWorkspaceFolders","params":{"event":{"added":[{"uri":"file:///c","name":"c"}],"removed":[{"uri":"file:///a%20b","name":"a"}]}}}"#)
        #expect(session.server.workspaceFolders == ["/c"])
        let again = session.send(#"{"jsonrpc":"2.0","id":2,"method":"initialize","params":{}}"#)
        #expect(int(again.first?["error"]?["code"]) == -32600)
    }

    @Test func unrecognizedFilesGetEmptyDiagnostics() throws {
        let directory = try TemporaryProject(git: false)
        try directory.write(".ecslint.json", "{}")
        var session = Session()
        _ = session.initialize(root: directory.path)
        let package = publications(session.send(didOpen(FileURI.uri(ofPath: directory.path + "/package.json"), #"{"name": "x", "image": "nginx:latest"}"#)))
        #expect(package.first?["params"]?["diagnostics"]?.elements?.isEmpty == true)
        // JSON with comments that never was an ECS file: no parse-error noise.
        let tsconfig = publications(session.send(didOpen(FileURI.uri(ofPath: directory.path + "/tsconfig.json"), "{ // c\n}")))
        #expect(tsconfig.first?["params"]?["diagnostics"]?.elements?.isEmpty == true)
        // A task definition that stops parsing mid-edit reports the parse error.
        let uri = FileURI.uri(ofPath: directory.path + "/task.json")
        _ = session.send(didOpen(uri, latestBuffer))
        let broken = publications(session.send(didChange(uri, String(latestBuffer.dropLast(4)), version: 2)))
        #expect(broken.first?["params"]?["diagnostics"]?[0]?["code"]?.string == "ECS000")
    }

    @Test func configurationErrorsAreShownOnceNotFatal() throws {
        let directory = try TemporaryProject(git: false)
        try directory.write(".ecslint.json", #"{"rules": {"no-such-rule": "off"}}"#)
        let uri = FileURI.uri(ofPath: directory.path + "/task.json")
        var session = Session()
        _ = session.initialize(root: directory.path)
        let first = session.send(didOpen(uri, latestBuffer))
        let shown = first.filter { $0["method"]?.string == "window/showMessage" }
        #expect(shown.count == 1)
        #expect(int(shown.first?["params"]?["type"]) == 1)
        #expect(shown.first?["params"]?["message"]?.string?.contains("no-such-rule") == true)
        #expect(publications(first).first?["params"]?["diagnostics"]?.elements?.isEmpty == true)
        let second = session.send(didChange(uri, latestBuffer, version: 2))
        let shownAgain = second.filter { $0["method"]?.string == "window/showMessage" }
        #expect(shownAgain.isEmpty)
        // Fixing the configuration takes effect on the next lint.
        try directory.write(".ecslint.json", "{}")
        let third = session.send(didChange(uri, latestBuffer, version: 3))
        #expect(publications(third).first?["params"]?["diagnostics"]?.elements?.count == 1)
    }

    @Test func stdioLoopSurvivesMalformedInputAndStopsAtEndOfInput() throws {
        let directory = try TemporaryProject(git: false)
        try directory.write(".ecslint.json", "{}")
        let chunks: [[UInt8]] = [
            Array("Content-Length: nope\r\n\r\n{}".utf8),
            frame(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"rootPath":"# + jsonString(directory.path) + "}}"),
            Array("junk".utf8) + frame(#"{"jsonrpc":"2.0","id":2,"method":"nope"}"#).prefix(5),
            Array(frame(#"{"jsonrpc":"2.0","id":2,"method":"nope"}"#).dropFirst(5)),
        ]
        final class Box: @unchecked Sendable {
            var chunks: [[UInt8]] = []
            var written: [UInt8] = []
            var log: [String] = []
        }
        let box = Box()
        box.chunks = chunks
        let loop = LSPStdioLoop(
            read: { box.chunks.isEmpty ? nil : box.chunks.removeFirst() },
            write: { box.written += $0; return true },
            log: { box.log.append($0) })
        var server = LanguageServer(linter: WorkspaceLinter(context: CommandContext(), workers: 1))
        #expect(loop.run(&server) == 1)
        var reader = LSPMessageReader()
        reader.append(box.written)
        let answers = reader.drain().compactMap { event -> Node? in
            if case .message(let body) = event { return try? JSONParser().parse(body) }
            return nil
        }
        #expect(answers.count == 2)
        #expect(answers.first?["result"]?["capabilities"] != nil)
        #expect(int(answers.last?["error"]?["code"]) == -32601)
        #expect(box.log.contains { $0.contains("malformed input") })
        #expect(box.log.last?.contains("end of input") == true)
        #expect(server.workspaceFolders == [directory.path])
    }
}

// MARK: - The real binary over pipes

private let binaryPath: String = {
    TestPaths.inPackage(".build/debug/ecslint")
}()

/// Collects a child's standard output on a background thread.
private final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private var closed = false

    func start(_ handle: FileHandle) {
        let thread = Thread { [self] in
            while true {
                let data = handle.availableData
                lock.lock()
                if data.isEmpty { closed = true } else { bytes += data }
                lock.unlock()
                if data.isEmpty { return }
            }
        }
        thread.start()
    }

    /// Waits until the collected output holds a message satisfying `predicate`.
    func waitFor(timeout: TimeInterval, _ predicate: (Node) -> Bool) -> [Node] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            lock.lock()
            let snapshot = bytes
            let isClosed = closed
            lock.unlock()
            var reader = LSPMessageReader()
            reader.append(snapshot)
            let messages = reader.drain().compactMap { event -> Node? in
                if case .message(let body) = event { return try? JSONParser().parse(body) }
                return nil
            }
            if messages.contains(where: predicate) || isClosed { return messages }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return []
    }
}

@Suite("LSP binary")
struct LSPBinaryTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binaryPath), "build ecslint first"), .timeLimit(.minutes(1)))
    func realBinaryOverPipes() throws {
        let directory = try TemporaryProject(git: false)
        // nginx's repository is not declared, so ECS102 would note the mutable 1.27.0 tag.
        try directory.write(".ecslint.json", #"{"rules": {"ECS102": "off"}}"#)
        let uri = FileURI.uri(ofPath: directory.path + "/taskdef.json")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: binaryPath)
        process.arguments = ["lsp"]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let collector = OutputCollector()
        collector.start(output.fileHandleForReading)
        func send(_ json: String) { input.fileHandleForWriting.write(Data(frame(json))) }

        // A bad frame first: the server logs it and keeps serving.
        input.fileHandleForWriting.write(Data("Content-Length: x\r\n\r\n".utf8))
        send(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":"# + jsonString(FileURI.uri(ofPath: directory.path)) + #","capabilities":{}}}"#)
        send(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#)
        send(didOpen(uri, latestBuffer))
        let afterOpen = collector.waitFor(timeout: 30) { $0["method"]?.string == "textDocument/publishDiagnostics" }
        #expect(afterOpen.first?["result"]?["capabilities"]?["positionEncoding"]?.string == "utf-16")
        let opened = try #require(publications(afterOpen).first)
        let diagnostics = opened["params"]?["diagnostics"]?.elements ?? []
        let latest = try #require(diagnostics.first { $0["code"]?.string == "ECS101" })
        #expect(rangeNumbers(latest) == [3, imageCharacter, 3, imageCharacter + 14])
        #expect(int(latest["severity"]) == 2)
        #expect(latest["codeDescription"]?["href"]?.string == RuleMetadata.documentationBase + "ECS101.md")
        #expect(latest["source"]?.string == "ecslint")
        #expect(latest["message"]?.string?.hasSuffix("(image-latest-tag)") == true)

        send(didChange(uri, fixedBuffer, version: 2))
        let afterFix = collector.waitFor(timeout: 30) { int($0["params"]?["version"]) == 2 }
        let fixed = try #require(publications(afterFix).first { int($0["params"]?["version"]) == 2 })
        #expect(fixed["params"]?["diagnostics"]?.elements?.map { $0["code"]?.string ?? "" } == [])

        // A quick fix of the real rules: the misspelt launch type is written in capitals, and
        // its diagnostic is gone from the next publication.
        let serviceURI = FileURI.uri(ofPath: directory.path + "/service.json")
        let service = #"{"serviceName": "web", "taskDefinition": "web:1", "desiredCount": 1, "launchType": "fargate", "deploymentConfiguration": {"deploymentCircuitBreaker": {"enable": true, "rollback": true}}}"#
        send(didOpen(serviceURI, service))
        func published(_ messages: [Node], version: Int) -> Node? {
            publications(messages).first { $0["params"]?["uri"]?.string == serviceURI && int($0["params"]?["version"]) == version }
        }
        let serviceOpened = collector.waitFor(timeout: 30) { published([$0], version: 1) != nil }
        let enumDiagnostic = try #require(
            published(serviceOpened, version: 1)?["params"]?["diagnostics"]?.elements?.first { $0["code"]?.string == "ECS005" })
        send(codeAction(serviceURI, id: 3, range: enumDiagnostic["range"]))
        let answered = collector.waitFor(timeout: 30) { int($0["id"]) == 3 }
        let actions = answered.first { int($0["id"]) == 3 }?["result"]?.elements ?? []
        let action = try #require(actions.first { $0["diagnostics"]?[0]?["code"]?.string == "ECS005" })
        let fixedService = applying(action["edit"]?["changes"]?[serviceURI]?.elements ?? [], to: service)
        #expect(fixedService == service.replacingOccurrences(of: "\"fargate\"", with: "\"FARGATE\""))
        send(didChange(serviceURI, fixedService, version: 2))
        let serviceFixed = collector.waitFor(timeout: 30) { published([$0], version: 2) != nil }
        let remaining = published(serviceFixed, version: 2)?["params"]?["diagnostics"]?.elements ?? []
        #expect(!remaining.contains { $0["code"]?.string == "ECS005" })

        send(#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#)
        send(#"{"jsonrpc":"2.0","method":"exit"}"#)
        let final = collector.waitFor(timeout: 30) { int($0["id"]) == 2 }
        #expect(final.contains { int($0["id"]) == 2 && $0["result"]?.isNull == true })
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("malformed input"))
    }
}
