/// One change of a fix, anchored on nodes of the parsed file (whose byte ranges the parsers keep
/// exactly). `FixRenderer` turns it into text edits that fit the file around them.
public struct FixEdit: Sendable {
    public enum Operation: Sendable {
        /// Writes `value` where `node` is, keeping the node's quoting style for a string.
        case replace(Node, with: FixValue)
        /// Writes `value` over the source from the start of the first node to the end of the last
        /// (consecutive elements of one array).
        case replaceSpan(from: Node, through: Node, with: FixValue)
        /// Adds entries at the end of an object, with the object's separators and indentation.
        case insertEntries([FixMember], into: Node)
        /// Removes the entry at `index` of an object, with its separator (and its lines, in a
        /// YAML block mapping).
        case removeEntry(at: Int, of: Node)
        /// Inserts `values` before element `index` of an array (`index == count` appends).
        case insertElements([FixValue], at: Int, into: Node)
        /// Replaces every occurrence of `text` in a string scalar, where it is written literally
        /// (not offered when an escape sequence spells part of it).
        case replaceInString(Node, text: String, with: String)
        /// Removes a comment: its whole line when nothing else is on it, else the comment and the
        /// blanks before it.
        case removeComment(ByteRange)
    }

    /// The file the nodes belong to.
    public var path: String
    public var operation: Operation

    public init(path: String, _ operation: Operation) {
        self.path = path
        self.operation = operation
    }

    public static func replace(_ node: Node, with value: FixValue, in path: String) -> FixEdit {
        FixEdit(path: path, .replace(node, with: value))
    }

    /// The byte range the edit is anchored on, to place it (and to find the string that holds it,
    /// for JSON embedded in a string).
    public var anchor: ByteRange {
        switch operation {
        case .replace(let node, _), .insertEntries(_, let node), .removeEntry(_, let node), .insertElements(_, _, let node),
            .replaceInString(let node, _, _):
            return node.range
        case .replaceSpan(let first, let last, _): return ByteRange(start: first.range.start, end: last.range.end)
        case .removeComment(let range): return range
        }
    }
}

extension FixEdit.Operation {
    /// The nodes the operation is anchored on.
    public var nodes: [Node] {
        switch self {
        case .replace(let node, _), .insertEntries(_, let node), .removeEntry(_, let node), .insertElements(_, _, let node),
            .replaceInString(let node, _, _):
            return [node]
        case .replaceSpan(let first, let last, _): return [first, last]
        case .removeComment: return []
        }
    }

    /// The same operation on other nodes (those of JSON decoded from a string), or nil when a
    /// node has no counterpart.
    public func mapNodes(_ transform: (Node) -> Node?) -> FixEdit.Operation? {
        switch self {
        case .replace(let node, let value): return transform(node).map { .replace($0, with: value) }
        case .replaceSpan(let first, let last, let value):
            guard let first = transform(first), let last = transform(last) else { return nil }
            return .replaceSpan(from: first, through: last, with: value)
        case .insertEntries(let members, let object): return transform(object).map { .insertEntries(members, into: $0) }
        case .removeEntry(let index, let object): return transform(object).map { .removeEntry(at: index, of: $0) }
        case .insertElements(let values, let index, let array):
            return transform(array).map { .insertElements(values, at: index, into: $0) }
        case .replaceInString(let node, let text, let replacement):
            return transform(node).map { .replaceInString($0, text: text, with: replacement) }
        case .removeComment: return nil
        }
    }
}
