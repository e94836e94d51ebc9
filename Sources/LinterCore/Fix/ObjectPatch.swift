/// Sets fields of a model object by their camelCase paths, spelled in the object's key style
/// (`deploymentConfiguration.deploymentCircuitBreaker.enable` becomes
/// `DeploymentConfiguration: {DeploymentCircuitBreaker: {Enable: …}}` in CloudFormation).
///
/// Written values are replaced; missing keys are added to the deepest object that exists, all of
/// one object's new keys in one insertion. A path through a value that is not an object (an
/// intrinsic function, a template placeholder) makes the patch impossible: `edits` is nil.
public struct ObjectPatch: Sendable {
    public let reader: ObjectReader
    private typealias Assignment = (path: [String], value: FixValue)
    private var assignments: [Assignment] = []

    public init(_ reader: ObjectReader) {
        self.reader = reader
    }

    /// Sets the field at the dotted camelCase `path` (`healthCheck.interval`).
    public mutating func set(_ path: String, to value: FixValue) {
        // Split on the bytes: splitting Characters costs more than the rest of a patch.
        assignments.append((path.utf8.split(separator: UInt8(ascii: ".")).map { String(decoding: $0, as: UTF8.self) }, value))
    }

    /// The edits, or nil when a path cannot be written. Empty when every value is already there.
    public var edits: [FixEdit]? {
        var edits: [FixEdit] = []
        guard collect(assignments, in: reader.node, into: &edits) else { return nil }
        return edits
    }

    private func collect(_ assignments: [Assignment], in object: Node, into edits: inout [FixEdit]) -> Bool {
        var inserted: [FixMember] = []
        for (key, group) in ObjectPatch.grouped(assignments) {
            let entry = reader.entry(key, in: object)
            let leaves = group.filter { $0.path.isEmpty }
            let nested = group.filter { !$0.path.isEmpty }
            if let leaf = leaves.last, nested.isEmpty {
                if let entry {
                    if !leaf.value.isWritten(as: entry.value) {
                        edits.append(FixEdit(path: reader.path, .replace(entry.value, with: leaf.value)))
                    }
                } else {
                    inserted.append(FixMember(reader.style.spell(key), leaf.value))
                }
                continue
            }
            guard leaves.isEmpty else { return false }
            if let entry {
                var value = ObjectReader.unwrapCoreTag(entry.value)
                if reader.style == .snake, let elements = value.elements, elements.count == 1, elements[0].entries != nil {
                    value = elements[0]
                }
                guard value.entries != nil, !ValueKind.isUnresolved(value) else { return false }
                guard collect(nested, in: value, into: &edits) else { return false }
            } else {
                // Terraform writes a nested block as a list of one object; a new one is not guessed.
                guard reader.style != .snake, let value = newObject(nested) else { return false }
                inserted.append(FixMember(reader.style.spell(key), value))
            }
        }
        if !inserted.isEmpty {
            edits.append(FixEdit(path: reader.path, .insertEntries(inserted, into: object)))
        }
        return true
    }

    /// The object that `assignments` (paths relative to it) describe, keys in first-set order.
    private func newObject(_ assignments: [Assignment]) -> FixValue? {
        var members: [FixMember] = []
        for (key, group) in ObjectPatch.grouped(assignments) {
            if let leaf = group.last(where: { $0.path.isEmpty }) {
                guard group.allSatisfy({ $0.path.isEmpty }) else { return nil }
                members.append(FixMember(reader.style.spell(key), leaf.value))
            } else {
                guard let value = newObject(group) else { return nil }
                members.append(FixMember(reader.style.spell(key), value))
            }
        }
        return .object(members)
    }

    /// The assignments by their first key, in the order the keys were first set, each path
    /// without that key.
    private static func grouped(_ assignments: [Assignment]) -> [(String, [Assignment])] {
        // A patch sets a handful of fields: a list searched in order beats hashing.
        var groups: [(String, [Assignment])] = []
        for assignment in assignments {
            guard let first = assignment.path.first else { continue }
            let rest = (Array(assignment.path.dropFirst()), assignment.value)
            if let index = groups.firstIndex(where: { $0.0 == first }) {
                groups[index].1.append(rest)
            } else {
                groups.append((first, [rest]))
            }
        }
        return groups
    }
}
