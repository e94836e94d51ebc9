/// A rule's options from the configuration (`rules.<id>.options`), read with defaults.
public struct RuleOptions: Sendable {
    public var node: Node?

    public init(_ node: Node? = nil) {
        self.node = node
    }

    public func int(_ name: String, default fallback: Int) -> Int {
        node?[name].flatMap(ObjectReader.intValue) ?? fallback
    }

    public func bool(_ name: String, default fallback: Bool) -> Bool {
        node?[name].flatMap(ObjectReader.boolValue) ?? fallback
    }

    public func string(_ name: String, default fallback: String) -> String {
        node?[name].flatMap(ObjectReader.stringValue) ?? fallback
    }

    public func strings(_ name: String, default fallback: [String]) -> [String] {
        guard let elements = node?[name]?.elements else { return fallback }
        return elements.compactMap(ObjectReader.stringValue)
    }
}
