import LinterCore

/// Finds where a byte range sits in a tree of nodes. Children are found by bisection (entries
/// and elements are in source order), with a scan as the fallback for the rare child that is
/// not (a YAML alias repeats its anchor's node, ranges and all): a template of thousands of
/// resources has thousands of fixes, each located from the root.
enum NodeLocator {
    /// The nodes whose ranges hold `range` without being it, outermost first: the collections
    /// (and, for JSON held in a string, the string) around a node.
    static func containers(of range: ByteRange, in roots: [Node]) -> [Node] {
        var chain: [Node] = []
        guard var current = roots.first(where: { holds($0.range, range) }) else { return chain }
        while true {
            chain.append(current)
            guard let next = child(of: current, holding: range) else { return chain }
            current = next
        }
    }

    private static func holds(_ outer: ByteRange, _ inner: ByteRange) -> Bool {
        outer != inner && outer.start <= inner.start && inner.end <= outer.end
    }

    private static func covers(_ outer: ByteRange, _ inner: ByteRange) -> Bool {
        outer.start <= inner.start && inner.end <= outer.end
    }

    /// The child of `node` whose range holds `range` without being it.
    private static func child(of node: Node, holding range: ByteRange) -> Node? {
        switch node.kind {
        case .object(let entries):
            guard let index = entryIndex(entries, covering: range, where: { holds($0, range) }) else { return nil }
            return holds(entries[index].key.range, range) ? entries[index].key : entries[index].value
        case .array(let elements):
            return elementIndex(elements, covering: range, where: { holds($0, range) }).map { elements[$0] }
        case .tagged(_, let inner):
            return holds(inner.range, range) ? inner : nil
        default:
            return nil
        }
    }

    /// The index of the entry whose key or value satisfies `test`, looked for first where the
    /// entries' order puts `range`.
    private static func entryIndex(_ entries: [Entry], covering range: ByteRange, where test: (ByteRange) -> Bool) -> Int? {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].key.range.start <= range.start { low = middle + 1 } else { high = middle }
        }
        if low > 0, test(entries[low - 1].key.range) || test(entries[low - 1].value.range) { return low - 1 }
        return entries.firstIndex { test($0.key.range) || test($0.value.range) }
    }

    private static func elementIndex(_ elements: [Node], covering range: ByteRange, where test: (ByteRange) -> Bool) -> Int? {
        var low = 0
        var high = elements.count
        while low < high {
            let middle = (low + high) / 2
            if elements[middle].range.start <= range.start { low = middle + 1 } else { high = middle }
        }
        if low > 0, test(elements[low - 1].range) { return low - 1 }
        return elements.firstIndex { test($0.range) }
    }

    /// The node of `raw` at the place where `mapped`, the same tree with other ranges, has a
    /// node of `target`'s range and shape.
    static func counterpart(of target: Node, in mapped: Node, raw: Node) -> Node? {
        var mapped = mapped
        var raw = raw
        while covers(mapped.range, target.range) {
            if mapped.range == target.range && sameShape(mapped, target) { return raw }
            switch (mapped.kind, raw.kind) {
            case (.object(let mappedEntries), .object(let rawEntries)):
                guard let index = entryIndex(mappedEntries, covering: target.range, where: { covers($0, target.range) }),
                    index < rawEntries.count
                else { return nil }
                if covers(mappedEntries[index].key.range, target.range),
                    let found = counterpart(of: target, in: mappedEntries[index].key, raw: rawEntries[index].key)
                {
                    return found
                }
                (mapped, raw) = (mappedEntries[index].value, rawEntries[index].value)
            case (.array(let mappedElements), .array(let rawElements)):
                guard let index = elementIndex(mappedElements, covering: target.range, where: { covers($0, target.range) }),
                    index < rawElements.count
                else { return nil }
                (mapped, raw) = (mappedElements[index], rawElements[index])
            case (.tagged(_, let mappedInner), .tagged(_, let rawInner)):
                (mapped, raw) = (mappedInner, rawInner)
            default:
                return nil
            }
        }
        return nil
    }

    /// Whether `target` is a node of the tree, not one parsed out of a string of it (whose
    /// ranges, when the string could not be mapped byte for byte, are all the string's). Only a
    /// string can then share the range and shape of the string around it, so only strings are
    /// compared by value: comparing a service's properties node by node costs more than the edit.
    static func isInTree(_ target: Node, roots: [Node]) -> Bool {
        roots.contains { root in
            guard let found = counterpart(of: target, in: root, raw: root) else { return false }
            if case .string = target.kind { return found == target }
            return true
        }
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
