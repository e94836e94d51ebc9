/// A lint rule. Rules are pure: they read the normalized model through the context and return
/// violations. They never print, read files or know about output formats.
public protocol Rule: Sendable {
    var metadata: RuleMetadata { get }
    func check(_ context: RuleContext) throws -> [Violation]
}

/// A rule failure the engine reports as an `internal-error` finding instead of stopping.
public struct RuleFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var location: Location?

    public init(_ message: String, at location: Location? = nil) {
        self.message = message
        self.location = location
    }

    public var description: String { message }
}
