import Linter
import LinterCore

/// The language server's protocol logic as a value: messages in, messages out. It does no I/O of
/// its own besides what linting reads from the project; `LSPStdioLoop` moves the bytes.
public struct LanguageServer: Sendable {
    public enum Phase: Sendable, Hashable {
        /// Waiting for `initialize`: requests get -32002, notifications are dropped.
        case uninitialized
        case running
        /// `shutdown` was answered: only `exit` is expected.
        case shuttingDown
    }

    /// What handling produced.
    public struct Reaction: Sendable {
        public var messages: [OutgoingMessage] = []
        /// Lines for standard error (protocol problems the client cannot be told about).
        public var log: [String] = []
        /// Set by `exit`: 0 after `shutdown`, 1 otherwise.
        public var exitCode: Int32?

        public init() {}
    }

    public private(set) var phase: Phase = .uninitialized
    /// Open documents by URI.
    public private(set) var documents: [String: OpenDocument] = [:]
    /// Absolute paths of the workspace folders (from `initialize` and folder changes).
    public private(set) var workspaceFolders: [String] = []
    public var linter: WorkspaceLinter
    public var serverVersion: String
    /// The last configuration error shown, so that each keystroke does not pop it up again.
    private var shownConfigurationError: String?
    /// URIs whose lint is deferred to the end of a batch, in order.
    private var pendingLints: [String] = []
    /// The quick fixes of each open document's last lint.
    public private(set) var quickFixes: [String: QuickFixes] = [:]

    public init(linter: WorkspaceLinter, serverVersion: String = ECSLintVersion.current) {
        self.linter = linter
        self.serverVersion = serverVersion
    }

    // MARK: Entry points

    /// Handles one frame's body; undecodable bodies are answered with -32700 or -32600.
    public mutating func handle(body: [UInt8]) -> Reaction {
        handle(bodies: [body])
    }

    /// Handles the bodies that arrived together. Lints triggered by notifications run once per
    /// document at the end (or before the next request), so a burst of `didChange` while a lint
    /// was running costs one lint, not one per keystroke.
    public mutating func handle(bodies: [[UInt8]]) -> Reaction {
        var reaction = Reaction()
        for body in bodies {
            switch IncomingMessage.decode(body) {
            case .success(let message):
                process(message, into: &reaction)
            case .failure(let failure):
                reaction.log.append("ecslint lsp: \(failure.error.message)")
                reaction.messages.append(.error(id: failure.id, failure.error))
            }
            if reaction.exitCode != nil { return reaction }
        }
        flushPendingLints(into: &reaction)
        return reaction
    }

    public mutating func handle(_ message: IncomingMessage) -> Reaction {
        var reaction = Reaction()
        process(message, into: &reaction)
        flushPendingLints(into: &reaction)
        return reaction
    }

    // MARK: Dispatch

    mutating func process(_ message: IncomingMessage, into reaction: inout Reaction) {
        switch message {
        case .response(let id):
            reaction.log.append("ecslint lsp: ignoring a response (id \(id?.description ?? "null")) to no request of ours")
        case .request(let id, let method, let params):
            flushPendingLints(into: &reaction)
            switch respond(to: method, params: params, into: &reaction) {
            case .success(let result): reaction.messages.append(.result(id: id, result))
            case .failure(let error):
                if error.code != .methodNotFound { reaction.log.append("ecslint lsp: \(method): \(error.message)") }
                reaction.messages.append(.error(id: id, error))
            }
        case .notification(let method, let params):
            notify(method, params: params, into: &reaction)
        }
    }

    mutating func respond(to method: String, params: Node?, into reaction: inout Reaction) -> Result<JSONValue, JSONRPCError> {
        switch phase {
        case .uninitialized where method != "initialize":
            return .failure(JSONRPCError(.serverNotInitialized, "the server is not initialized: send 'initialize' first"))
        case .shuttingDown:
            return .failure(JSONRPCError(.invalidRequest, "the server is shutting down: only 'exit' is accepted"))
        default:
            break
        }
        switch method {
        case "initialize":
            return initialize(params)
        case "shutdown":
            phase = .shuttingDown
            pendingLints.removeAll()
            return .success(.null)
        case "textDocument/codeAction":
            // Pending lints ran before this request: the fixes match the current text.
            guard let uri = params?["textDocument"]?["uri"]?.string, QuickFixes.requestedRange(params) != nil else {
                return .failure(JSONRPCError(.invalidParams, "textDocument/codeAction needs textDocument.uri and range"))
            }
            return .success(.array(quickFixes[uri]?.actions(for: params) ?? []))
        default:
            return .failure(JSONRPCError(.methodNotFound, "method not found: '\(method)'"))
        }
    }

    mutating func notify(_ method: String, params: Node?, into reaction: inout Reaction) {
        if method == "exit" {
            pendingLints.removeAll()  // nobody is listening for them any more
            reaction.exitCode = phase == .shuttingDown ? 0 : 1
            return
        }
        guard phase == .running else { return }
        switch method {
        case "initialized", "$/cancelRequest", "$/setTrace":
            break
        case "textDocument/didOpen":
            guard let item = params?["textDocument"], let uri = item["uri"]?.string, let text = item["text"]?.string else {
                return invalidParams(method, "needs textDocument.uri and textDocument.text", &reaction)
            }
            var document = OpenDocument(
                uri: uri, languageId: item["languageId"]?.string ?? "", version: LanguageServer.integer(item["version"]), text: text)
            document.recognized = documents[uri]?.recognized
            documents[uri] = document
            scheduleLint(uri)
        case "textDocument/didChange":
            guard let uri = params?["textDocument"]?["uri"]?.string, let changes = params?["contentChanges"]?.elements else {
                return invalidParams(method, "needs textDocument.uri and contentChanges", &reaction)
            }
            guard documents[uri] != nil else {
                return invalidParams(method, "'\(uri)' is not open", &reaction)
            }
            // Full synchronization: every change is the whole text; the last one wins.
            guard let text = changes.last(where: { $0["range"] == nil })?["text"]?.string else {
                return invalidParams(method, "expected a full-text change (the server syncs full documents)", &reaction)
            }
            documents[uri]?.text = text
            documents[uri]?.version = LanguageServer.integer(params?["textDocument"]?["version"])
            scheduleLint(uri)
        case "textDocument/didSave":
            guard let uri = params?["textDocument"]?["uri"]?.string else {
                return invalidParams(method, "needs textDocument.uri", &reaction)
            }
            guard documents[uri] != nil else { return invalidParams(method, "'\(uri)' is not open", &reaction) }
            if let text = params?["text"]?.string { documents[uri]?.text = text }
            scheduleLint(uri)
            // Findings in other files can rest on this one (a lifecycle policy, a repository, the
            // task definition a service runs). Other buffers are linted against the files on
            // disk, which now hold this one's text: lint the other open documents again.
            for other in documents.keys.sorted() where other != uri { scheduleLint(other) }
        case "textDocument/didClose":
            guard let uri = params?["textDocument"]?["uri"]?.string else {
                return invalidParams(method, "needs textDocument.uri", &reaction)
            }
            documents[uri] = nil
            quickFixes[uri] = nil
            pendingLints.removeAll { $0 == uri }
            reaction.messages.append(DiagnosticConverter.publish(uri: uri, version: nil, diagnostics: []))
        case "workspace/didChangeWorkspaceFolders":
            let event = params?["event"]
            let removed = Set(LanguageServer.folderPaths(event?["removed"]))
            workspaceFolders.removeAll { removed.contains($0) }
            for folder in LanguageServer.folderPaths(event?["added"]) where !workspaceFolders.contains(folder) {
                workspaceFolders.append(folder)
            }
            relintAll()
        case "workspace/didChangeConfiguration", "workspace/didChangeWatchedFiles":
            // The configuration or a context file may have changed: lint the open documents again.
            relintAll()
        default:
            break  // Unknown notifications are ignored, as the protocol asks.
        }
    }

    // MARK: initialize

    mutating func initialize(_ params: Node?) -> Result<JSONValue, JSONRPCError> {
        guard phase == .uninitialized else {
            return .failure(JSONRPCError(.invalidRequest, "'initialize' may only be sent once"))
        }
        guard let params, params.entries != nil else {
            return .failure(JSONRPCError(.invalidParams, "'initialize' needs an object of parameters"))
        }
        var folders = LanguageServer.folderPaths(params["workspaceFolders"])
        if folders.isEmpty, let uri = params["rootUri"]?.string, let path = FileURI.path(of: uri) {
            folders = [path]
        }
        if folders.isEmpty, let path = params["rootPath"]?.string, path.hasPrefix("/") {
            folders = [FilePath.normalize(path)]
        }
        workspaceFolders = folders
        phase = .running
        return .success(
            .object([
                (
                    "capabilities",
                    .object([
                        ("positionEncoding", .string("utf-16")),
                        (
                            "textDocumentSync",
                            .object([
                                ("openClose", .bool(true)), ("change", .int(1)),
                                ("save", .object([("includeText", .bool(false))])),
                            ])
                        ),
                        ("codeActionProvider", .object([("codeActionKinds", .array([.string("quickfix")]))])),
                        (
                            "workspace",
                            .object([
                                ("workspaceFolders", .object([("supported", .bool(true)), ("changeNotifications", .bool(true))]))
                            ])
                        ),
                    ])
                ),
                ("serverInfo", .object([("name", .string("ecslint")), ("version", .string(serverVersion))])),
            ]))
    }

    // MARK: Linting

    mutating func scheduleLint(_ uri: String) {
        if !pendingLints.contains(uri) { pendingLints.append(uri) }
    }

    mutating func relintAll() {
        for uri in documents.keys.sorted() { scheduleLint(uri) }
    }

    mutating func flushPendingLints(into reaction: inout Reaction) {
        let uris = pendingLints
        pendingLints.removeAll()
        for uri in uris { lint(uri, into: &reaction) }
    }

    mutating func lint(_ uri: String, into reaction: inout Reaction) {
        guard let document = documents[uri] else { return }
        guard let path = document.path else {
            quickFixes[uri] = nil
            reaction.log.append("ecslint lsp: \(uri) is not a local file: it is linted once saved")
            reaction.messages.append(DiagnosticConverter.publish(uri: uri, version: document.version, diagnostics: []))
            return
        }
        var openURIs: [String: String] = [:]
        for open in documents.values { if let openPath = open.path { openURIs[openPath] = open.uri } }
        let reply = linter.lint(
            WorkspaceLinter.Request(
                path: path, uri: uri, text: document.text, workspaceFolders: workspaceFolders, openURIs: openURIs,
                previouslyRecognized: document.recognized))
        if let error = reply.configurationError {
            if error != shownConfigurationError {
                shownConfigurationError = error
                reaction.log.append("ecslint lsp: " + error.trimmingLineFeeds())
                reaction.messages.append(
                    .notification(
                        method: "window/showMessage",
                        params: .object([
                            ("type", .int(1)),
                            ("message", .string("ecslint: configuration error, nothing linted:\n" + error.trimmingLineFeeds())),
                        ])))
            }
        } else {
            shownConfigurationError = nil
        }
        if let recognized = reply.recognized { documents[uri]?.recognized = recognized }
        quickFixes[uri] = reply.quickFixes.isEmpty ? nil : reply.quickFixes
        reaction.messages.append(DiagnosticConverter.publish(uri: uri, version: document.version, diagnostics: reply.diagnostics))
    }

    // MARK: Helpers

    func invalidParams(_ method: String, _ problem: String, _ reaction: inout Reaction) {
        reaction.log.append("ecslint lsp: \(method): invalid params: \(problem); ignored")
    }

    static func integer(_ node: Node?) -> Int? {
        node?.numberLexeme.flatMap { Int($0) }
    }

    /// Paths of `WorkspaceFolder[]` with `file:` URIs.
    static func folderPaths(_ node: Node?) -> [String] {
        (node?.elements ?? []).compactMap { $0["uri"]?.string.flatMap(FileURI.path(of:)) }
    }
}

extension String {
    fileprivate func trimmingLineFeeds() -> String {
        var text = self
        while text.last == "\n" || text.last == "\r" { text.removeLast() }
        return text
    }
}
