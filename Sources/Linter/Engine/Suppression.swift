import LinterCore

/// A directive that silences findings: a YAML comment, a CloudFormation `Metadata` entry or a
/// config `ignore` entry. The engine applies them; rules never see them.
public struct Suppression: Sendable {
    public enum Scope: Sendable, Hashable {
        /// Lines (1-based, inclusive) of one file.
        case lines(ClosedRange<Int>)
        /// A byte range of one file (a CloudFormation resource).
        case range(ByteRange)
        /// The whole file.
        case file
    }

    public enum Origin: String, Sendable {
        case comment, metadata, configuration
    }

    public var path: String
    public var scope: Scope
    /// Rule ids or names; empty means every rule.
    public var rules: [String]
    public var origin: Origin
    /// Where the directive is written, for unused-suppression reports.
    public var location: Location?

    public init(path: String, scope: Scope, rules: [String], origin: Origin, location: Location?) {
        self.path = path
        self.scope = scope
        self.rules = rules
        self.origin = origin
        self.location = location
    }

    public func covers(ruleId: String, ruleName: String) -> Bool {
        rules.isEmpty || rules.contains { $0 == ruleId || $0 == ruleName || $0.lowercased() == "all" }
    }

    public func covers(line: Int, offset: Int) -> Bool {
        switch scope {
        case .lines(let lines): return lines.contains(line)
        case .range(let range): return offset >= range.start && offset < max(range.end, range.start + 1)
        case .file: return true
        }
    }

    /// Parses `ecslint-disable-next-line`, `ecslint-disable-line` and `ecslint-disable-file`
    /// comments: `# ecslint-disable-next-line ECS101, image-mutable-tag -- reason`.
    public static func fromComments(_ comments: [Comment], in file: SourceFile) -> [Suppression] {
        var result: [Suppression] = []
        for comment in comments {
            let text = comment.text.trimmingWhitespace
            let directives = ["ecslint-disable-next-line", "ecslint-disable-line", "ecslint-disable-file"]
            guard let directive = directives.first(where: { text.hasPrefix($0) }) else { continue }
            var rest = text.dropFirst(directive.count)
            if let first = rest.first, !first.isWhitespace { continue }
            if let reason = rest.firstRange(of: "--") { rest = rest[..<reason.lowerBound] }
            let rules = rest.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map(String.init)
            let line = file.line(of: comment.range.start)
            let scope: Scope
            switch directive {
            case "ecslint-disable-next-line":
                scope = .lines(nextContentLine(after: line, in: file)...nextContentLine(after: line, in: file))
            case "ecslint-disable-line": scope = .lines(line...line)
            default: scope = .file
            }
            result.append(
                Suppression(
                    path: file.path, scope: scope, rules: rules, origin: .comment,
                    location: Location(path: file.path, range: comment.range)))
        }
        return result
    }

    /// The next line that is not blank or a comment, so a directive may sit above other comments.
    static func nextContentLine(after line: Int, in file: SourceFile) -> Int {
        var candidate = line + 1
        while candidate <= file.lineCount {
            let text = file.lineText(candidate).trimmingWhitespace
            if !text.isEmpty && !text.hasPrefix("#") && !text.hasPrefix("//") { return candidate }
            candidate += 1
        }
        return line + 1
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
