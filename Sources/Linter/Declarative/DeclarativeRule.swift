import LinterCore

/// A rule written as data in a `rules.d` file. It conforms to `Rule` like every built-in, so the
/// engine, configuration, suppressions, reporters, `rules`/`explain` and the docs treat it the same.
public struct DeclarativeRule: Rule {
    public let metadata: RuleMetadata
    public let target: DeclarativeTarget
    /// The rule file it came from, and where each example is written there (for `test-rules`).
    public let sourcePath: String
    public let position: SourcePosition
    public let examplePositions: [SourcePosition]
    let precondition: Condition?
    let assertion: Condition
    let message: MessageTemplate
    let optionDefaults: [String: Node]
    let fix: DeclarativeFix?

    init(
        metadata: RuleMetadata, target: DeclarativeTarget, sourcePath: String, position: SourcePosition,
        examplePositions: [SourcePosition], precondition: Condition?, assertion: Condition, message: MessageTemplate,
        optionDefaults: [String: Node], fix: DeclarativeFix? = nil
    ) {
        self.metadata = metadata
        self.target = target
        self.sourcePath = sourcePath
        self.position = position
        self.examplePositions = examplePositions
        self.precondition = precondition
        self.assertion = assertion
        self.message = message
        self.optionDefaults = optionDefaults
        self.fix = fix
    }

    public func check(_ context: RuleContext) -> [Violation] {
        let options = context.options
        let defaults = optionDefaults
        let optionValue: (String) -> Node? = { name in options.node?[name] ?? defaults[name] }
        var violations: [Violation] = []
        // A container's image facts are copied into each instance only for rules that test them.
        let containerImages = assertion.tests(pathStartingWith: "image") || precondition?.tests(pathStartingWith: "image") == true
        TargetInstance.forEach(target, in: context.project, containerImages: containerImages) { instance in
            let evaluator = ConditionEvaluator(target: instance, optionValue: optionValue)
            if let precondition, evaluator.evaluate(precondition).verdict != .pass { return }
            let outcome = evaluator.evaluate(assertion)
            guard outcome.verdict == .fail else { return }
            var seen: Set<Location> = []
            let spots = outcome.spots.isEmpty ? [Spot(location: instance.location, path: "", value: nil)] : outcome.spots
            let repair = fix?.fix(for: instance.reader)
            for spot in spots where seen.insert(spot.location).inserted {
                violations.append(
                    Violation(message.render(spot: spot, instance: instance, option: optionValue), at: spot.location, fix: repair))
            }
        }
        return violations
    }
}

/// A message with `{placeholders}`, checked when the rule loads.
struct MessageTemplate: Sendable {
    enum Part: Sendable {
        case text(String)
        case placeholder(String)
    }

    var parts: [Part]

    /// Splits a template; `{{` and `}}` stand for literal braces.
    static func parse(_ text: String) -> MessageTemplate {
        var parts: [Part] = []
        var literal = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "{", next < text.endIndex, text[next] == "{" {
                literal.append("{")
                index = text.index(after: next)
                continue
            }
            if character == "}", next < text.endIndex, text[next] == "}" {
                literal.append("}")
                index = text.index(after: next)
                continue
            }
            if character == "{", let close = text[next...].firstIndex(of: "}") {
                let name = String(text[next..<close])
                if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-" }) {
                    if !literal.isEmpty { parts.append(.text(literal)) }
                    literal = ""
                    parts.append(.placeholder(name))
                    index = text.index(after: close)
                    continue
                }
            }
            literal.append(character)
            index = next
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
        return MessageTemplate(parts: parts)
    }

    var placeholders: [String] {
        parts.compactMap { part in
            if case .placeholder(let name) = part { return name }
            return nil
        }
    }

    static let redacted = "(redacted)"

    func render(spot: Spot, instance: TargetInstance, option: (String) -> Node?) -> String {
        var output = ""
        for part in parts {
            switch part {
            case .text(let text):
                output += text
            case .placeholder("value"):
                output += MessageTemplate.valueText(spot.value)
            case .placeholder("path"):
                output += spot.path
            case .placeholder(let name) where name.hasPrefix("option."):
                output += option(String(name.dropFirst("option.".count))).map(MessageTemplate.text(of:)) ?? ""
            case .placeholder(let name):
                output += instance.templateValues[name] ?? ""
            }
        }
        return output
    }

    static func valueText(_ value: ResolvedValue?) -> String {
        guard let value else { return "(absent)" }
        if value.isSecret { return redacted }
        switch value.state {
        case .absent: return "(absent)"
        case .unresolved: return "(unresolved)"
        case .present(let node): return text(of: node)
        }
    }

    static func text(of node: Node) -> String {
        let node = ObjectReader.unwrapCoreTag(node)
        if let elements = node.elements {
            return elements.map(text(of:)).joined(separator: ", ")
        }
        if node.entries != nil { return NodeJSONWriter().render(node) }
        return node.scalarText ?? ""
    }
}
