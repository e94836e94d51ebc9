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
        path.hasPrefix("/") ? FilePath.normalize(path) : FilePath.normalize(rootDirectory + "/" + path)
    }

    public func uri(ofPath absolute: String) -> String {
        if absolute == documentPath { return documentURI }
        return openURIs[absolute] ?? FileURI.uri(ofPath: absolute)
    }

    public func position(_ position: SourcePosition, inDocument: Bool) -> JSONValue {
        let shift = inDocument && documentHasByteOrderMark && position.line == 1 ? 1 : 0
        return .object([("line", .int(position.line - 1)), ("character", .int(position.column - 1 + shift))])
    }

    public func range(_ range: SourceRange, inDocument: Bool) -> JSONValue {
        .object([("start", position(range.start, inDocument: inDocument)), ("end", position(range.end, inDocument: inDocument))])
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

    public func diagnostic(_ finding: Finding) -> JSONValue? {
        let primaryPath = absolutePath(finding.path)
        var range = finding.range
        var related: [JSONValue] = []
        if primaryPath != documentPath {
            guard let anchor = finding.related.first(where: { absolutePath($0.path) == documentPath }) else { return nil }
            range = anchor.range
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

    /// The `textDocument/publishDiagnostics` notification.
    public static func publish(uri: String, version: Int?, diagnostics: [JSONValue]) -> OutgoingMessage {
        var params: [(String, JSONValue)] = [("uri", .string(uri))]
        if let version { params.append(("version", .int(version))) }
        params.append(("diagnostics", .array(diagnostics)))
        return .notification(method: "textDocument/publishDiagnostics", params: .object(params))
    }
}
