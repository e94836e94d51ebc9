import Linter
import LinterCore

/// Lints one editor buffer with its project as context and converts the findings for the editor.
///
/// The configuration and rules are loaded afresh for every lint, so edits to `.ecslint.json` or
/// rules.d take effect on the next keystroke without restarting the server.
public struct WorkspaceLinter: Sendable {
    public var context: CommandContext
    /// Threads for parsing and rules (the editor shares the machine with everything else).
    public var workers: Int

    public init(context: CommandContext, workers: Int = 2) {
        self.context = context
        self.workers = max(1, workers)
    }

    public struct Request: Sendable {
        /// The buffer's absolute path and the URI the client uses for it.
        public var path: String
        public var uri: String
        public var text: String
        /// Absolute paths of the workspace folders.
        public var workspaceFolders: [String]
        /// URIs of the open documents by absolute path.
        public var openURIs: [String: String]
        /// Whether the buffer was an ECS/ECR shape the last time it parsed (`nil`: never parsed).
        public var previouslyRecognized: Bool?

        public init(
            path: String, uri: String, text: String, workspaceFolders: [String] = [], openURIs: [String: String] = [:],
            previouslyRecognized: Bool? = nil
        ) {
            self.path = path
            self.uri = uri
            self.text = text
            self.workspaceFolders = workspaceFolders
            self.openURIs = openURIs
            self.previouslyRecognized = previouslyRecognized
        }
    }

    public struct Reply: Sendable {
        public var diagnostics: [JSONValue]
        /// The quick fixes of the findings shown.
        public var quickFixes = QuickFixes()
        /// Whether the buffer is an ECS/ECR shape (`nil` when it does not parse).
        public var recognized: Bool?
        /// The configuration or rules.d could not be loaded; nothing was linted.
        public var configurationError: String?
        /// The project root the buffer was linted in.
        public var rootDirectory: String?
    }

    public func lint(_ request: Request) -> Reply {
        let workingDirectory = WorkspaceLinter.workingDirectory(forFile: request.path, workspaceFolders: request.workspaceFolders)
        let setup: ProjectSetup
        switch ProjectSetup.load(configPath: nil, workingDirectory: workingDirectory, context: context) {
        case .failure(let message):
            return Reply(diagnostics: [], recognized: nil, configurationError: message, rootDirectory: nil)
        case .success(let loaded):
            setup = loaded
        }
        let configuration = setup.configuration
        let buffer = SourceFile(path: request.path, text: request.text)
        let analysis = FileAnalysis.analyze(buffer, limits: configuration.limits)
        let recognized: Bool? = analysis.parseError == nil && analysis.unreadableTemplate == nil ? analysis.isRecognized : nil
        // Files that are no ECS shape (package.json, other YAML) get nothing. A buffer that stops
        // parsing mid-edit keeps being linted (parse errors shown) if it was an ECS shape before.
        let lintIt = analysis.skipReason == nil && (recognized ?? (request.previouslyRecognized == true))
        guard lintIt else {
            return Reply(diagnostics: [], recognized: recognized, configurationError: nil, rootDirectory: configuration.rootDirectory)
        }
        var engine = LintEngine(registry: setup.registry, configuration: configuration, workers: workers)
        engine.computesFingerprints = false  // diagnostics carry none
        let outcome = engine.lint(buffer: buffer, workingDirectory: workingDirectory)
        var documentation: [String: String] = [:]
        for rule in outcome.rules { documentation[rule.metadata.id] = rule.metadata.documentationURI }
        let converter = DiagnosticConverter(
            documentPath: request.path, documentURI: request.uri, rootDirectory: configuration.rootDirectory,
            openURIs: request.openURIs, documentation: documentation,
            documentHasByteOrderMark: request.text.unicodeScalars.first == "\u{FEFF}")
        let withByteOrderMark = Set(outcome.sources.filter { $0.value.hasByteOrderMark }.map(\.key))
        var reply = Reply(
            diagnostics: converter.diagnostics(outcome.findings), recognized: recognized, configurationError: nil,
            rootDirectory: configuration.rootDirectory)
        reply.quickFixes = QuickFixes(outcome.findings, converter: converter, withByteOrderMark: withByteOrderMark)
        return reply
    }

    /// Where configuration discovery starts for a file: the innermost workspace folder holding it,
    /// unless a `.ecslint.json` between the file and that folder makes a project of its own; the
    /// file's directory when it lies in no workspace folder.
    public static func workingDirectory(forFile path: String, workspaceFolders: [String]) -> String {
        let fileDirectory = FilePath.directory(of: path)
        let folder = workspaceFolders
            .map(FilePath.normalize)
            .filter { $0 == "/" || path.hasPrefix($0 + "/") }
            .max { $0.count < $1.count }
        guard let folder else { return fileDirectory }
        if let config = ConfigurationLoader.discover(from: fileDirectory) {
            let configDirectory = FilePath.directory(of: config)
            if configDirectory == folder || configDirectory.hasPrefix(folder == "/" ? "/" : folder + "/") {
                return fileDirectory
            }
        }
        return folder
    }
}
