import LinterCore

/// The `↓` markers of a rule example, and what a marker states about its finding
/// (`↓⟨warning: fragment⟩`, described on `ExampleRunner`): removed from the text before it is
/// linted, parsed, and checked against the findings.
extension ExampleRunner {
    public struct Marker: Sendable, Hashable, Comparable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var column: Int

        public static func < (lhs: Marker, rhs: Marker) -> Bool {
            (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
        }

        public var description: String { "\(path):\(line):\(column)" }
    }

    /// A marker with what it states about its finding besides where it starts.
    public struct Expectation: Sendable, Hashable {
        public var marker: Marker
        /// `↓⟨warning⟩`: the finding's severity.
        public var severity: Severity?
        /// `↓⟨warning: fragment⟩`: text the finding's message contains.
        public var fragment: String?

        public init(marker: Marker, severity: Severity? = nil, fragment: String? = nil) {
            self.marker = marker
            self.severity = severity
            self.fragment = fragment
        }
    }

    /// What opens and closes a marker's statement (`↓⟨warning: text⟩`).
    public static let statementOpen: Character = "⟨"
    public static let statementClose: Character = "⟩"

    /// Removes markers (and their statements) from a source and returns where they were (1-based
    /// line, UTF-16 column).
    public static func stripMarkers(_ source: String, path: String) -> (SourceFile, [Marker]) {
        let parsed = parseMarkers(source, path: path)
        return (parsed.file, parsed.expectations.map(\.marker))
    }

    /// The text without markers and their statements, as the documentation shows it.
    public static func unmarked(_ source: String) -> String {
        scan(source).clean
    }

    /// Removes markers and their statements from a source: the clean file, each marker with what
    /// it states, and why a statement is malformed (an unknown severity, no closing `⟩`).
    public static func parseMarkers(_ source: String, path: String) -> (file: SourceFile, expectations: [Expectation], problems: [String]) {
        let scanned = scan(source)
        let file = SourceFile(path: path, text: scanned.clean)
        var expectations: [Expectation] = []
        var problems: [String] = []
        for found in scanned.markers {
            let position = file.position(of: found.offset)
            let marker = Marker(path: path, line: position.line, column: position.column)
            switch parseStatement(found.statement) {
            case .success(let (severity, fragment)):
                expectations.append(Expectation(marker: marker, severity: severity, fragment: fragment))
            case .failure(let problem):
                problems.append("the marker at \(marker) is malformed: \(problem.message)")
                expectations.append(Expectation(marker: marker))
            }
        }
        return (file, expectations, problems)
    }

    struct ExampleProblem: Error {
        var message: String
    }

    /// What follows a marker's arrow.
    enum ScannedStatement {
        /// A plain `↓`.
        case none
        /// `↓⟨text⟩`: the text between the brackets.
        case closed(String)
        /// `↓⟨` with no `⟩` on its line: the text stays in the source.
        case unclosed
    }

    /// The markers of a source (their byte offsets in the clean text, and their statements) and
    /// the clean text.
    static func scan(_ source: String) -> (clean: String, markers: [(offset: Int, statement: ScannedStatement)]) {
        var clean = ""
        var markers: [(offset: Int, statement: ScannedStatement)] = []
        var byteCount = 0
        var index = source.startIndex
        while index < source.endIndex {
            let character = source[index]
            index = source.index(after: index)
            guard character == RuleExample.marker else {
                clean.append(character)
                byteCount += String(character).utf8.count
                continue
            }
            guard index < source.endIndex, source[index] == statementOpen else {
                markers.append((byteCount, .none))
                continue
            }
            let bodyStart = source.index(after: index)
            var end = bodyStart
            while end < source.endIndex, source[end] != statementClose, !source[end].isNewline { end = source.index(after: end) }
            if end < source.endIndex, source[end] == statementClose {
                markers.append((byteCount, .closed(String(source[bodyStart..<end]))))
                index = source.index(after: end)
            } else {
                markers.append((byteCount, .unclosed))
            }
        }
        return (clean, markers)
    }

    /// Nothing, `warning` or `warning: fragment`.
    static func parseStatement(_ scanned: ScannedStatement) -> Result<(Severity?, String?), ExampleProblem> {
        let statement: String
        switch scanned {
        case .none: return .success((nil, nil))
        case .unclosed: return .failure(ExampleProblem(message: "'\(statementOpen)' is not closed by '\(statementClose)' on its line"))
        case .closed(let text): statement = text
        }
        let (word, fragment): (Substring, Substring?)
        if let colon = statement.firstIndex(of: ":") {
            (word, fragment) = (statement[..<colon], statement[statement.index(after: colon)...])
        } else {
            (word, fragment) = (statement[...], nil)
        }
        let name = String(word).trimming(.whitespaces)
        guard let severity = Severity(rawValue: name) else {
            return .failure(
                ExampleProblem(message: "'\(name)' is not a severity (error, warning or note come first: ↓⟨warning: text⟩)"))
        }
        guard let fragment else { return .success((severity, nil)) }
        let text = String(fragment).trimming(.whitespaces)
        if text.isEmpty { return .failure(ExampleProblem(message: "nothing after the colon (give a fragment of the message, or no colon)")) }
        return .success((severity, text))
    }

    /// Why the findings do not bear out what the markers state, if they do not. Each stating
    /// marker takes a finding at its position that satisfies it (the findings' positions are
    /// already known to be the markers').
    static func statementProblem(_ expectations: [Expectation], findings: [Finding]) -> String? {
        var available = findings
        var problems: [String] = []
        for expectation in expectations where expectation.severity != nil || expectation.fragment != nil {
            let marker = expectation.marker
            let here = available.indices.filter {
                available[$0].path == marker.path && available[$0].range.start.line == marker.line
                    && available[$0].range.start.column == marker.column
            }
            let satisfies = { (finding: Finding) in
                (expectation.severity.map { finding.severity == $0 } ?? true)
                    && (expectation.fragment.map { finding.message.contains($0) } ?? true)
            }
            if let match = here.first(where: { satisfies(available[$0]) }) {
                available.remove(at: match)
                continue
            }
            guard let finding = here.first.map({ available[$0] }) else {
                problems.append("no finding at \(marker) is left for its statement")
                continue
            }
            if let severity = expectation.severity, finding.severity != severity {
                problems.append("the finding at \(marker) is \(article(finding.severity)), its marker says \(severity.rawValue)")
            }
            if let fragment = expectation.fragment, !finding.message.contains(fragment) {
                problems.append(
                    "the message at \(marker) does not contain \(NodeJSONWriter.quoted(fragment)): \(NodeJSONWriter.quoted(finding.message))")
            }
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    static func article(_ severity: Severity) -> String {
        severity == .error ? "an error" : "a \(severity.rawValue)"
    }
}
