/// One field of a model resource, in one of three states, always with a place to point at.
///
/// * present: the value is known and written in the file;
/// * unresolved: an intrinsic function or template placeholder whose value is not known statically;
/// * absent: the field is not written; `location` is then the object that would hold it, so a
///   "missing X" finding points at the container or resource.
public struct Field<Value: Sendable>: Sendable {
    public enum State: Sendable {
        case present(Value)
        case unresolved
        case absent
    }

    public var state: State
    /// The value node as parsed (nil when absent).
    public let node: Node?
    private let path: String
    /// With a node, the key's range (a written field always has its key, and its location is
    /// its node's); without one, the parent object's range. One stored range serves both cases,
    /// because models hold hundreds of thousands of fields and a second range would make each
    /// about a fifth larger.
    private let otherRange: ByteRange

    /// `location` is the value node's when present or unresolved, the parent object's when
    /// absent; `keyLocation` is given exactly when `node` is, in the same file.
    public init(state: State, location: Location, keyLocation: Location? = nil, node: Node? = nil) {
        assert((node == nil) == (keyLocation == nil) && (node == nil || node?.range == location.range))
        self.state = state
        self.node = node
        self.path = location.path
        self.otherRange = node == nil ? location.range : keyLocation?.range ?? location.range
    }

    /// The value node when present or unresolved; the parent object when absent.
    public var location: Location { Location(path: path, range: node?.range ?? otherRange) }

    /// The key's location when the field is written.
    public var keyLocation: Location? {
        node == nil ? nil : Location(path: path, range: otherRange)
    }

    public static func absent(in parent: Location) -> Field { Field(state: .absent, location: parent) }

    public var value: Value? {
        if case .present(let value) = state { return value }
        return nil
    }

    public var isAbsent: Bool {
        if case .absent = state { return true }
        return false
    }

    public var isUnresolved: Bool {
        if case .unresolved = state { return true }
        return false
    }

    public var isPresent: Bool { value != nil }

    /// The same field with its value transformed; unresolved and absent states carry over.
    public func map<Other: Sendable>(_ transform: (Value) -> Other?) -> Field<Other> {
        let newState: Field<Other>.State
        switch state {
        case .present(let value):
            if let mapped = transform(value) { newState = .present(mapped) } else { newState = .unresolved }
        case .unresolved: newState = .unresolved
        case .absent: newState = .absent
        }
        return Field<Other>(state: newState, location: location, keyLocation: keyLocation, node: node)
    }

    /// The value, or `fallback` when the field is absent; nil when unresolved.
    public func value(default fallback: Value) -> Value? {
        switch state {
        case .present(let value): return value
        case .absent: return fallback
        case .unresolved: return nil
        }
    }
}
