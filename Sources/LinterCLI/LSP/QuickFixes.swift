import Linter
import LinterCore

/// The quick fixes of one linted document, kept until its next lint to answer
/// `textDocument/codeAction`.
public struct QuickFixes: Sendable, Hashable {
    /// A position as the editor counts: 0-based line, 0-based UTF-16 character.
    struct Position: Sendable, Hashable, Comparable {
        var line: Int
        var character: Int

        static func < (lhs: Position, rhs: Position) -> Bool {
            (lhs.line, lhs.character) < (rhs.line, rhs.character)
        }

        init(line: Int, character: Int) {
            self.line = line
            self.character = character
        }

        init?(_ node: Node?) {
            guard let line = node?["line"]?.numberLexeme.flatMap({ Int($0) }),
                let character = node?["character"]?.numberLexeme.flatMap({ Int($0) })
            else { return nil }
            self.init(line: line, character: character)
        }
    }

    struct Entry: Sendable, Hashable {
        /// The diagnostic's range.
        var start: Position
        var end: Position
        var action: JSONValue
    }

    var entries: [Entry] = []

    public init() {}

    /// The quick fixes of the findings shown in the converter's document.
    public init(_ findings: [Finding], converter: DiagnosticConverter, withByteOrderMark: Set<String>) {
        for finding in findings where finding.fix != nil {
            guard let range = converter.anchor(of: finding),
                let action = converter.codeAction(finding, withByteOrderMark: withByteOrderMark)
            else { continue }
            let shift = converter.documentHasByteOrderMark
            func position(_ position: SourcePosition) -> Position {
                Position(line: position.line - 1, character: position.column - 1 + (shift && position.line == 1 ? 1 : 0))
            }
            entries.append(Entry(start: position(range.start), end: position(range.end), action: action))
        }
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// The actions whose diagnostics touch the requested range (`params.range` of the request),
    /// unless `params.context.only` asks for other kinds.
    public func actions(for params: Node?) -> [JSONValue] {
        if let only = params?["context"]?["only"]?.elements?.compactMap(\.string),
            !only.contains(where: { $0 == "quickfix" || $0.isEmpty })
        {
            return []
        }
        guard let (start, end) = QuickFixes.requestedRange(params) else { return [] }
        return entries.filter { !($0.end < start || end < $0.start) }.map(\.action)
    }

    /// `params.range` of a `textDocument/codeAction` request, when it is a range.
    static func requestedRange(_ params: Node?) -> (Position, Position)? {
        guard let start = Position(params?["range"]?["start"]), let end = Position(params?["range"]?["end"]) else { return nil }
        return (start, end)
    }
}
