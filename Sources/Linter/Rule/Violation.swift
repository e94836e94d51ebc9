/// What a rule returns: a message anchored on a model node, with optional related places.
public struct Violation: Sendable {
    public var message: String
    public var location: Location
    public var related: [RelatedLocation]
    /// Overrides the rule's severity for this one finding (for example a warning raised to an
    /// error because a load balancer depends on the container).
    public var severity: Severity?

    public init(_ message: String, at location: Location, related: [RelatedLocation] = [], severity: Severity? = nil) {
        self.message = message
        self.location = location
        self.related = related
        self.severity = severity
    }
}

public struct RelatedLocation: Sendable, Hashable {
    public var location: Location
    public var message: String

    public init(_ location: Location, _ message: String) {
        self.location = location
        self.message = message
    }
}

extension Violation {
    /// Makes violations with equal messages share one string. A rule repeats a message wherever
    /// the same facts hold (one sidecar in hundreds of task definitions: 67,000 findings of the
    /// 10,000-file benchmark have 6,800 distinct messages), and until the report a large
    /// project's messages were, after its trees and model, the largest thing a run held.
    static func shareMessages(_ violations: inout [Violation]) {
        guard violations.count > 1 else { return }
        var seen = Set<String>(minimumCapacity: violations.count / 4)
        for index in violations.indices {
            let (inserted, shared) = seen.insert(violations[index].message)
            if !inserted { violations[index].message = shared }
        }
    }
}
