import LinterCore

/// The rules of a run: built-ins, the engine's own rules and declarative rules, with unique ids
/// and names.
public struct RuleRegistry: Sendable {
    public struct DuplicateRule: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public private(set) var rules: [any Rule]
    private var positionByKey: [String: Int]

    public init(_ rules: [any Rule]) throws(DuplicateRule) {
        self.rules = []
        positionByKey = [:]
        for rule in EngineRules.all + rules {
            try add(rule)
        }
    }

    public mutating func add(_ rule: any Rule) throws(DuplicateRule) {
        let metadata = rule.metadata
        if let existing = positionByKey[metadata.id] {
            throw DuplicateRule(message: "rule id '\(metadata.id)' is already used by '\(rules[existing].metadata.name)'")
        }
        if let existing = positionByKey[metadata.name] {
            throw DuplicateRule(message: "rule name '\(metadata.name)' is already used by \(rules[existing].metadata.id)")
        }
        positionByKey[metadata.id] = rules.count
        positionByKey[metadata.name] = rules.count
        rules.append(rule)
    }

    /// A rule by id or name.
    public func rule(_ idOrName: String) -> (any Rule)? {
        positionByKey[idOrName].map { rules[$0] }
    }

    public var allMetadata: [RuleMetadata] { rules.map(\.metadata) }

    /// Every id and name, for "did you mean" suggestions.
    public var allKeys: [String] { positionByKey.keys.sorted() }
}
