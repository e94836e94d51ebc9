/// Loads declarative rules from a `rules.d` directory. (Stand-in: the loader is not written yet.)
public enum RuleDirectoryLoader {
    public static func load(_ directory: String) -> Result<[any Rule], RuleLoadErrors> {
        .success([])
    }
}

/// Every problem found in the rule files of a directory, each positioned.
public struct RuleLoadErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ConfigurationError]

    public init(_ errors: [ConfigurationError]) {
        self.errors = errors
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
