/// Finds where a byte range sits in a tree of nodes.
enum NodeLocator {
    /// The nodes whose ranges hold `range` without being it, outermost first: the collections
    /// (and, for JSON held in a string, the string) around a node.
    static func containers(of range: ByteRange, in roots: [Node]) -> [Node] {
        var chain: [Node] = []
        var candidates = roots
        while let next = candidates.first(where: { holds($0.range, range) }) {
            chain.append(next)
            switch next.kind {
            case .object(let entries): candidates = entries.flatMap { [$0.key, $0.value] }
            case .array(let elements): candidates = elements
            case .tagged(_, let inner): candidates = [inner]
            default: candidates = []
            }
        }
        return chain
    }

    private static func holds(_ outer: ByteRange, _ inner: ByteRange) -> Bool {
        outer != inner && outer.start <= inner.start && inner.end <= outer.end
    }

    /// The node of `raw` at the place where `mapped`, the same tree with other ranges, has a
    /// node of `range` and of `target`'s shape.
    static func counterpart(of target: Node, in mapped: Node, raw: Node) -> Node? {
        guard mapped.range.start <= target.range.start, target.range.end <= mapped.range.end else { return nil }
        if mapped.range == target.range && sameShape(mapped, target) { return raw }
        switch (mapped.kind, raw.kind) {
        case (.object(let mappedEntries), .object(let rawEntries)):
            for (mappedEntry, rawEntry) in zip(mappedEntries, rawEntries) {
                if let found = counterpart(of: target, in: mappedEntry.key, raw: rawEntry.key)
                    ?? counterpart(of: target, in: mappedEntry.value, raw: rawEntry.value)
                {
                    return found
                }
            }
        case (.array(let mappedElements), .array(let rawElements)):
            for (mappedElement, rawElement) in zip(mappedElements, rawElements) {
                if let found = counterpart(of: target, in: mappedElement, raw: rawElement) { return found }
            }
        case (.tagged(_, let mappedInner), .tagged(_, let rawInner)):
            return counterpart(of: target, in: mappedInner, raw: rawInner)
        default:
            break
        }
        return nil
    }

    /// Whether `target` is a node of the tree, not one parsed out of a string of it (whose
    /// ranges, when the string could not be mapped byte by byte, are all the string's).
    static func isInTree(_ target: Node, roots: [Node]) -> Bool {
        roots.contains { counterpart(of: target, in: $0, raw: $0) == target }
    }

    private static func sameShape(_ left: Node, _ right: Node) -> Bool {
        switch (left.kind, right.kind) {
        case (.object, .object), (.array, .array), (.string, .string), (.number, .number), (.bool, .bool), (.null, .null),
            (.tagged, .tagged):
            return true
        default:
            return false
        }
    }
}
