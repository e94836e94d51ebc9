#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a YAML scalar was written. JSON strings are always `doubleQuoted`.
public enum ScalarStyle: String, Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// A positioned value tree shared by the JSON and YAML parsers.
public struct Node: Sendable, Hashable {
    /// Only `tagged` is boxed: the other payloads are already references or small values, so
    /// making the whole enum `indirect` would cost one heap allocation per node.
    public enum Kind: Sendable, Hashable {
        /// Entries in source order; duplicate keys are kept so rules can report them.
        case object([Entry])
        case array([Node])
        case string(String, ScalarStyle)
        /// The number's lexeme exactly as written; never round-tripped through `Double`.
        case number(String)
        case bool(Bool)
        case null
        /// A YAML tag such as `!Ref`, `!GetAtt` or `!!str`, applied to a node.
        indirect case tagged(String, Node)
    }

    public var kind: Kind
    public var range: ByteRange

    public init(_ kind: Kind, range: ByteRange) {
        self.kind = kind
        self.range = range
    }
}

/// One key/value pair of an object. The key is a node so its range is kept.
public struct Entry: Sendable, Hashable {
    public var key: Node
    public var value: Node

    public init(key: Node, value: Node) {
        self.key = key
        self.value = value
    }

    /// The key as text, for scalar keys (YAML allows `1: x` and `true: y`).
    public var name: String? { key.scalarText }
}

extension Node {
    public var entries: [Entry]? {
        if case .object(let entries) = kind { return entries }
        return nil
    }

    public var elements: [Node]? {
        if case .array(let elements) = kind { return elements }
        return nil
    }

    public var string: String? {
        if case .string(let value, _) = kind { return value }
        return nil
    }

    public var bool: Bool? {
        if case .bool(let value) = kind { return value }
        return nil
    }

    public var isNull: Bool {
        if case .null = kind { return true }
        return false
    }

    public var numberLexeme: String? {
        if case .number(let lexeme) = kind { return lexeme }
        return nil
    }

    /// The tag and tagged node, for YAML-tagged values.
    public var tag: (name: String, node: Node)? {
        if case .tagged(let name, let node) = kind { return (name, node) }
        return nil
    }

    /// The text of a scalar: strings as-is, numbers as their lexeme, booleans and null spelled out.
    public var scalarText: String? {
        switch kind {
        case .string(let value, _): return value
        case .number(let lexeme): return lexeme
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .tagged(let name, let node):
            return name.hasPrefix("!!") ? node.scalarText : nil
        case .object, .array: return nil
        }
    }

    /// The value of the last entry named `key`; the last one wins, as in most JSON readers and AWS.
    public subscript(key: String) -> Node? {
        entry(key)?.value
    }

    /// The last entry named `key`, with its key range.
    public func entry(_ key: String) -> Entry? {
        guard case .object(let entries) = kind else { return nil }
        var index = entries.count - 1
        while index >= 0 {
            if entries[index].key.hasScalarText(key) { return entries[index] }
            index -= 1
        }
        return nil
    }

    /// The last entry named `camelName` with its first letter upper-cased (CloudFormation's
    /// PascalCase), compared on the bytes: spelling the name first costs an allocation per
    /// lookup, and the model and the declarative rules look up every field this way.
    public func entry(pascalCaseOf camelName: String) -> Entry? {
        guard case .object(let entries) = kind else { return nil }
        guard let lead = camelName.utf8.first, lead >= UInt8(ascii: "a"), lead <= UInt8(ascii: "z") else {
            return entry(KeyStyle.pascal.spell(camelName))
        }
        // The bytes are read in place: `withUTF8` needs each string as a mutable copy, a retain and
        // a release for every key compared. Native strings are always contiguous; the spelled-out
        // comparison is only for the others.
        let position = camelName.utf8.withContiguousStorageIfAvailable { wantedBytes -> Int? in
            var index = entries.count - 1
            while index >= 0 {
                if case .string(let key, _) = entries[index].key.kind, key.utf8.count == wantedBytes.count,
                    key.utf8.withContiguousStorageIfAvailable({ keyBytes in
                        guard keyBytes[0] == lead - 0x20 else { return false }
                        var offset = 1
                        while offset < keyBytes.count && keyBytes[offset] == wantedBytes[offset] { offset += 1 }
                        return offset == keyBytes.count
                    }) ?? (key == KeyStyle.pascal.spell(camelName))
                {
                    return index
                }
                index -= 1
            }
            return nil
        }
        guard let position else { return entry(KeyStyle.pascal.spell(camelName)) }
        return position.map { entries[$0] }
    }

    /// `scalarText == text`, without building the text of non-string keys.
    @inline(__always)
    func hasScalarText(_ text: String) -> Bool {
        // A key of another UTF-8 length is another key (AWS compares keys exactly, without Unicode
        // normalisation); checking the count first skips the general string comparison for
        // almost every key that differs.
        if case .string(let value, _) = kind { return value.utf8.count == text.utf8.count && value == text }
        return scalarText == text
    }

    public subscript(index: Int) -> Node? {
        guard case .array(let elements) = kind, index >= 0, index < elements.count else { return nil }
        return elements[index]
    }

    /// Looks up an RFC 6901 JSON Pointer such as `/containerDefinitions/0/image`.
    public func lookup(pointer: String) -> Node? {
        if pointer.isEmpty { return self }
        guard pointer.hasPrefix("/") else { return nil }
        var current = self
        for rawToken in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let token = String(rawToken).replacing("~1", with: "/").replacing("~0", with: "~")
            switch current.kind {
            case .object:
                guard let next = current[token] else { return nil }
                current = next
            case .array(let elements):
                guard let index = Int(token), index >= 0, index < elements.count else { return nil }
                current = elements[index]
            case .tagged(_, let inner):
                guard let next = inner.lookup(pointer: "/" + token) else { return nil }
                current = next
            default:
                return nil
            }
        }
        return current
    }

    /// Every node in the tree, depth first, this one included.
    public func forEachNode(_ body: (Node) -> Void) {
        body(self)
        switch kind {
        case .object(let entries):
            for entry in entries {
                entry.key.forEachNode(body)
                entry.value.forEachNode(body)
            }
        case .array(let elements):
            for element in elements { element.forEachNode(body) }
        case .tagged(_, let inner):
            inner.forEachNode(body)
        default:
            break
        }
    }

    /// Rewrites every range of the tree with `transform` (used to map embedded documents outward).
    public mutating func mapRanges(_ transform: (ByteRange) -> ByteRange) {
        range = transform(range)
        // Each payload is taken out of `kind` before it is changed, so the array is uniquely
        // referenced and updated in place instead of copied node by node. `if case`, not
        // `switch`: a switch keeps its own copy of `kind` alive through the case body, so every
        // array would still be shared when it is written, and be copied (each embedded policy's
        // objects and arrays, all of them, on every run).
        if case .object(var entries) = kind {
            kind = .null
            for index in entries.indices {
                entries[index].key.mapRanges(transform)
                entries[index].value.mapRanges(transform)
            }
            kind = .object(entries)
        } else if case .array(var elements) = kind {
            kind = .null
            for index in elements.indices { elements[index].mapRanges(transform) }
            kind = .array(elements)
        } else if case .tagged(let name, var inner) = kind {
            kind = .null
            inner.mapRanges(transform)
            kind = .tagged(name, inner)
        }
    }
}

