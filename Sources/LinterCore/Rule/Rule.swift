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

/// A rule whose metadata is one value for the whole type, as every built-in Swift rule's is:
/// written once, as `static let metadata`, and read through instances as `Rule` requires.
public protocol BuiltInRule: Rule {
    static var metadata: RuleMetadata { get }
}

extension BuiltInRule {
    public var metadata: RuleMetadata { Self.metadata }
}
