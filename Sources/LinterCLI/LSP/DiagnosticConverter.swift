import Linter
import LinterCore

/// Turns findings into LSP `Diagnostic` objects for one document.
///
/// Findings carry 1-based lines and 1-based columns counted in UTF-16 code units; LSP positions
/// are 0-based lines and 0-based UTF-16 characters (the server announces `utf-16`), so the
/// conversion is a plain subtraction, with one correction: `SourceFile` counts columns of the
/// first line after a byte order mark, while the editor's text still holds it as U+FEFF.
public struct DiagnosticConverter: Sendable {
    /// The document's absolute path and URI as the client spelled it.
    public var documentPath: String
    public var documentURI: String
    /// The project root the findings' paths are relative to.
    public var rootDirectory: String
    /// URIs of open documents by absolute path, so related locations use the client's spelling.
    public var openURIs: [String: String]
    /// Documentation addresses by rule id.
    public var documentation: [String: String]
    /// The document text starts with U+FEFF.
    public var documentHasByteOrderMark: Bool

    public init(
        documentPath: String, documentURI: String, rootDirectory: String, openURIs: [String: String] = [:],
        documentation: [String: String] = [:], documentHasByteOrderMark: Bool = false
    ) {
        self.documentPath = documentPath
        self.documentURI = documentURI
        self.rootDirectory = rootDirectory
        self.openURIs = openURIs
        self.documentation = documentation
        self.documentHasByteOrderMark = documentHasByteOrderMark
    }

    public static let source = "ecslint"

    public static func severity(_ severity: Severity) -> Int {
        switch severity {
        case .error: return 1
        case .warning: return 2
        case .note: return 3
        }
    }

    /// The absolute path of a finding's root-relative path.
    public func absolutePath(_ path: String) -> String {
        FilePath.resolve(path, against: rootDirectory)
    }

    public func uri(ofPath absolute: String) -> String {
        if absolute == documentPath { return documentURI }
        return openURIs[absolute] ?? FileURI.uri(ofPath: absolute)
    }

    public func range(_ range: SourceRange, inDocument: Bool) -> JSONValue {
        lspRange(range, shiftFirstLine: inDocument && documentHasByteOrderMark)
    }

    func location(path absolute: String, range: SourceRange) -> JSONValue {
        .object([("uri", .string(uri(ofPath: absolute))), ("range", self.range(range, inDocument: absolute == documentPath))])
    }

    /// The diagnostics of the document, in the findings' order. A finding reported in another
    /// file that points into this document (a cross-file finding) appears at that place, with
    /// the place it was reported as related information.
    public func diagnostics(_ findings: [Finding]) -> [JSONValue] {
        findings.compactMap(diagnostic)
    }

    /// Where the finding shows in the document: its own range, or for a finding reported in
    /// another file, the first of its related places in this one; nil when it has none here.
    public func anchor(of finding: Finding) -> SourceRange? {
        if absolutePath(finding.path) == documentPath { return finding.range }
        return finding.related.first(where: { absolutePath($0.path) == documentPath })?.range
    }

    public func diagnostic(_ finding: Finding) -> JSONValue? {
        let primaryPath = absolutePath(finding.path)
        guard let range = anchor(of: finding) else { return nil }
        var related: [JSONValue] = []
        if primaryPath != documentPath {
            related.append(
                .object([
                    ("location", location(path: primaryPath, range: finding.range)),
                    ("message", .string("reported here: \(finding.message)")),
                ]))
        }
        for item in finding.related {
            related.append(
                .object([
                    ("location", location(path: absolutePath(item.path), range: item.range)),
                    ("message", .string(item.message)),
                ]))
        }
        var members: [(String, JSONValue)] = [
            ("range", self.range(range, inDocument: true)),
            ("severity", .int(DiagnosticConverter.severity(finding.severity))),
            ("code", .string(finding.ruleId)),
        ]
        if let href = documentation[finding.ruleId] {
            members.append(("codeDescription", .object([("href", .string(href))])))
        }
        members.append(("source", .string(DiagnosticConverter.source)))
        members.append(("message", .string("\(finding.message) (\(finding.ruleName))")))
        if !related.isEmpty { members.append(("relatedInformation", .array(related))) }
        return .object(members)
    }

    /// The quick fix for a finding's fix: a `CodeAction` whose `WorkspaceEdit` holds the fix's
    /// edits in UTF-16 positions of each file (`withByteOrderMark`: the files whose text starts
    /// with U+FEFF, which shifts their first line by one unit in the editor).
    public func codeAction(_ finding: Finding, withByteOrderMark: Set<String>) -> JSONValue? {
        guard let fix = finding.fix, let diagnostic = diagnostic(finding) else { return nil }
        var changes: [(String, JSONValue)] = []
        for path in fix.paths {
            let absolute = absolutePath(path)
            let shift = absolute == documentPath ? documentHasByteOrderMark : withByteOrderMark.contains(path)
            let edits: [JSONValue] = fix.edits.filter { $0.path == path }.map { edit in
                .object([("range", lspRange(edit.range, shiftFirstLine: shift)), ("newText", .string(edit.replacement))])
            }
            changes.append((uri(ofPath: absolute), .array(edits)))
        }
        return .object([
            ("title", .string(fix.safety == .safe ? fix.title : fix.title + " (unsafe: review the change)")),
            ("kind", .string("quickfix")),
            ("diagnostics", .array([diagnostic])),
            ("isPreferred", .bool(fix.safety == .safe)),
            ("edit", .object([("changes", .object(changes))])),
        ])
    }

    func lspRange(_ range: SourceRange, shiftFirstLine: Bool) -> JSONValue {
        func position(_ position: SourcePosition) -> JSONValue {
            let shift = shiftFirstLine && position.line == 1 ? 1 : 0
            return .object([("line", .int(position.line - 1)), ("character", .int(position.column - 1 + shift))])
        }
        return .object([("start", position(range.start)), ("end", position(range.end))])
    }

    /// The `textDocument/publishDiagnostics` notification.
    public static func publish(uri: String, version: Int?, diagnostics: [JSONValue]) -> OutgoingMessage {
        var params: [(String, JSONValue)] = [("uri", .string(uri))]
        if let version { params.append(("version", .int(version))) }
        params.append(("diagnostics", .array(diagnostics)))
        return .notification(method: "textDocument/publishDiagnostics", params: .object(params))
    }
}
