/// A rule file held in memory: the shipped rules compiled into the executable
/// (`ShippedRules.compiledFiles`), loaded as if read from a `rules.d` directory.
public struct RuleFileText: Sendable {
    /// Where the file came from (`rules.d/registry.yaml`), shown in messages and positions.
    public let path: String
    public let text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}
