import LinterCore

/// The place of a node in its document, written as a path of keys and named array elements:
/// `/Resources/TaskDef/Properties/ContainerDefinitions/[Name=web]/Image`. Fingerprints use it, so
/// that unrelated edits (lines added above, other containers reordered) do not change them.
enum LogicalPath {
    static func of(_ range: ByteRange, in roots: [Node]) -> String {
        for (index, root) in roots.enumerated() where root.range.start <= range.start && range.end <= max(root.range.end, range.start) {
            var path = roots.count > 1 ? "#\(index)" : ""
            descend(root, range, &path, depth: 0)
            return path
        }
        return ""
    }

    static func descend(_ node: Node, _ range: ByteRange, _ path: inout String, depth: Int) {
        guard depth < 64 else { return }
        switch node.kind {
        case .object(let entries):
            for entry in entries {
                let keyHit = entry.key.range.start <= range.start && range.start < max(entry.key.range.end, range.start + 1)
                let valueHit = entry.value.range.start <= range.start && range.end <= max(entry.value.range.end, range.start)
                if keyHit || valueHit {
                    path += "/" + (entry.name ?? "?")
                    if valueHit && !keyHit { descend(entry.value, range, &path, depth: depth + 1) }
                    return
                }
            }
        case .array(let elements):
            for (index, element) in elements.enumerated()
            where element.range.start <= range.start && range.end <= max(element.range.end, range.start) {
                if let name = element["name"]?.string ?? element["Name"]?.string {
                    path += "/[name=\(name)]"
                } else {
                    path += "/\(index)"
                }
                descend(element, range, &path, depth: depth + 1)
                return
            }
        case .tagged(_, let inner):
            descend(inner, range, &path, depth: depth + 1)
        default:
            return
        }
    }
}
