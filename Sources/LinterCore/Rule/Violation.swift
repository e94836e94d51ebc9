/// What a rule returns: a message anchored on a model node, with optional related places.
public struct Violation: Sendable {
    public var message: String
    public var location: Location
    public var related: [RelatedLocation]
    /// Overrides the rule's severity for this one finding (for example a warning raised to an
    /// error because a load balancer depends on the container).
    public var severity: Severity?
    /// The repair, when it is mechanical.
    public var fix: Fix?

    public init(
        _ message: String, at location: Location, related: [RelatedLocation] = [], severity: Severity? = nil, fix: Fix? = nil
    ) {
        self.message = message
        self.location = location
        self.related = related
        self.severity = severity
        self.fix = fix
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
