#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LinterCore

/// Reads one rule file (`{"version": 1, "rules": [...]}`, JSON or YAML) into rules, collecting
/// every problem as a positioned error instead of stopping at the first.
struct RuleFileParser {
    static let fileKeys = ["$schema", "version", "rules"]
    static let ruleKeys = [
        "id", "name", "summary", "rationale", "severity", "category", "tags", "helpUri", "references",
        "securitySeverity", "enabled", "presets", "options", "target", "when", "assert", "message", "fix", "examples",
    ]
    static let fixKeys = ["title", "safety", "set"]
    static let optionKeys = ["default", "description", "type"]
    static let conditionKeys = ["path", "op", "value", "resolved", "all", "any", "not"]
    static let nestedKeys = ["op", "value"]
    static let exampleKeys = ["file", "source", "fixed", "options", "caption"]

    let file: SourceFile
    private(set) var errors: [ConfigurationError] = []

    init(file: SourceFile) {
        self.file = file
    }

    /// A rule and where its id and name are written, for duplicate checks.
    struct Parsed {
        var rule: DeclarativeRule
        var namePosition: SourcePosition
    }

    mutating func parse() -> [Parsed] {
        let documents: [Node]
        do {
            if DocumentParser.format(forPath: file.path, bytes: file.bytes) == .json {
                documents = [try JSONParser().parse(file.bytes)]
            } else {
                documents = try YAMLParser().parse(file.bytes).documents
            }
        } catch {
            errors.append(ConfigurationError(file: file, offset: error.offset, message: error.message))
            return []
        }
        guard let root = documents.first else {
            errors.append(ConfigurationError(file: file, offset: 0, message: "the rule file is empty"))
            return []
        }
        if documents.count > 1 {
            error(at: documents[1], "a rule file holds one document; put more rules in its 'rules' list")
        }
        guard let entries = root.entries else {
            error(at: root, "a rule file is an object: {\"version\": 1, \"rules\": [...]}")
            return []
        }
        checkKeys(entries, allowed: RuleFileParser.fileKeys, context: "rule file")
        if let version = root.entry("version") {
            if ObjectReader.intValue(version.value) != 1 || version.value.numberLexeme == nil {
                error(at: version.value, "unsupported version; only 1 is defined")
            }
        } else {
            error(at: root, "missing 'version' (write \"version\": 1)")
        }
        guard let rulesEntry = root.entry("rules") else {
            error(at: root, "missing 'rules'")
            return []
        }
        guard let ruleNodes = rulesEntry.value.elements else {
            error(at: rulesEntry.value, "'rules' must be an array")
            return []
        }
        return ruleNodes.compactMap { parseRule($0) }
    }

    // MARK: Errors

    mutating func error(at node: Node, _ message: String) {
        errors.append(ConfigurationError(file: file, offset: node.range.start, message: message))
    }

    mutating func checkKeys(_ entries: [Entry], allowed: [String], context: String) {
        var seen: Set<String> = []
        for entry in entries {
            guard let name = entry.name else {
                error(at: entry.key, "keys of a \(context) are strings")
                continue
            }
            if !seen.insert(name).inserted {
                // Parsers keep every duplicate; the last would silently win.
                error(at: entry.key, "'\(name)' is written twice in one \(context); keep one")
            } else if !allowed.contains(name) {
                error(at: entry.key, "unknown key '\(name)' in \(context)" + Suggestion.didYouMean(name, allowed))
            }
        }
    }

    mutating func string(_ object: Node, _ key: String, required: Bool, context: String) -> (String, Node)? {
        guard let value = object.entry(key)?.value else {
            if required { error(at: object, "\(context) is missing '\(key)'") }
            return nil
        }
        guard let text = value.string, !text.isEmpty else {
            error(at: value, "'\(key)' must be a non-empty string")
            return nil
        }
        return (text, value)
    }

    mutating func strings(_ object: Node, _ key: String) -> [String] {
        guard let value = object.entry(key)?.value else { return [] }
        guard let elements = value.elements else {
            error(at: value, "'\(key)' must be an array of strings")
            return []
        }
        var result: [String] = []
        for element in elements {
            if let text = element.string { result.append(text) } else { error(at: element, "'\(key)' must hold strings") }
        }
        return result
    }

    // MARK: Rules

    mutating func parseRule(_ node: Node) -> Parsed? {
        guard let entries = node.entries else {
            error(at: node, "a rule is an object")
            return nil
        }
        let errorCount = errors.count
        checkKeys(entries, allowed: RuleFileParser.ruleKeys, context: "rule")
        let id = string(node, "id", required: true, context: "the rule")
        if let (text, value) = id,
            !(text.first?.isLetter ?? false) || !text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        {
            error(at: value, "rule id '\(text)' must start with a letter and hold only letters, digits, '-' and '_'")
        }
        let name = string(node, "name", required: true, context: "the rule")
        if let (text, value) = name {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            let kebab = parts.allSatisfy { part in
                !part.isEmpty && part.allSatisfy { ($0.isLetter && $0.isLowercase) || $0.isNumber }
            }
            if !kebab || !(text.first?.isLetter ?? false) {
                error(at: value, "rule name '\(text)' must be kebab-case (for example 'require-awslogs')")
            }
        }
        let summary = string(node, "summary", required: true, context: "the rule")?.0
        let rationale = string(node, "rationale", required: false, context: "the rule")?.0
        var severity = Severity.warning
        if let (text, value) = string(node, "severity", required: true, context: "the rule") {
            if let parsed = Severity(rawValue: text) {
                severity = parsed
            } else {
                error(
                    at: value,
                    "unknown severity '\(text)'" + Suggestion.didYouMean(text, Severity.allCases.map(\.rawValue))
                        + "; use error, warning or note")
            }
        }
        var category = RuleMetadata.Category.correctness
        if let (text, value) = string(node, "category", required: false, context: "the rule") {
            let allowed = RuleMetadata.Category.allCases.filter { $0 != .engine }.map(\.rawValue)
            if let parsed = RuleMetadata.Category(rawValue: text), parsed != .engine {
                category = parsed
            } else {
                error(at: value, "unknown category '\(text)'" + Suggestion.didYouMean(text, allowed))
            }
        }
        let tags = strings(node, "tags")
        let references = strings(node, "references")
        let helpURI = string(node, "helpUri", required: false, context: "the rule")?.0
        var securitySeverity: Double?
        if let value = node.entry("securitySeverity")?.value {
            if let number = value.numberLexeme.flatMap(Double.init), number >= 0, number <= 10 {
                securitySeverity = number
            } else {
                error(at: value, "'securitySeverity' must be a number from 0.0 to 10.0")
            }
        }
        var enabled = true
        if let value = node.entry("enabled")?.value {
            if let flag = value.bool { enabled = flag } else { error(at: value, "'enabled' must be true or false") }
        }
        var presets: [String] = []
        if let value = node.entry("presets")?.value {
            let known = RulePreset.all.map(\.name).filter { $0 != RulePreset.recommended.name }
            for element in value.elements ?? [value] {
                guard let preset = element.string, known.contains(preset) else {
                    error(
                        at: element,
                        "unknown preset '\(element.scalarText ?? "")'" + Suggestion.didYouMean(element.scalarText ?? "", known)
                            + "; a rule can join " + known.joined(separator: ", ") + " (recommended is 'enabled: true')")
                    continue
                }
                presets.append(preset)
            }
        }
        let (optionDocs, optionDefaults) = parseOptions(node.entry("options")?.value)

        var target: DeclarativeTarget?
        if let (text, value) = string(node, "target", required: true, context: "the rule") {
            target = DeclarativeTarget(rawValue: text)
            if target == nil {
                let all = DeclarativeTarget.allCases.map(\.rawValue)
                error(
                    at: value,
                    "unknown target '\(text)'" + Suggestion.didYouMean(text, all) + "; use one of: "
                        + all.joined(separator: ", "))
            }
        }
        var precondition: Condition?
        var assertion: Condition?
        if let target {
            let optionNames = Set(optionDefaults.keys)
            if let whenNode = node.entry("when")?.value {
                if let elements = whenNode.elements {
                    let parsed = elements.compactMap { parseCondition($0, target: target, options: optionNames) }
                    if parsed.count == elements.count { precondition = .all(parsed) }
                } else {
                    precondition = parseCondition(whenNode, target: target, options: optionNames)
                }
            }
            if let assertNode = node.entry("assert")?.value {
                assertion = parseCondition(assertNode, target: target, options: optionNames)
            } else {
                error(at: node, "the rule is missing 'assert'")
            }
        }
        var template: MessageTemplate?
        if let (text, value) = string(node, "message", required: true, context: "the rule") {
            template = MessageTemplate.parse(text)
            let allowed = ["value", "path"] + (target?.templateNames ?? [])
            for placeholder in template?.placeholders ?? [] {
                if placeholder.hasPrefix("option.") {
                    let option = String(placeholder.dropFirst("option.".count))
                    if optionDefaults[option] == nil {
                        error(
                            at: value,
                            "message placeholder '{\(placeholder)}' names no option of the rule"
                                + Suggestion.didYouMean(option, optionDefaults.keys.sorted()))
                    }
                } else if !allowed.contains(placeholder) {
                    error(
                        at: value,
                        "unknown message placeholder '{\(placeholder)}'" + Suggestion.didYouMean(placeholder, allowed)
                            + "; this target offers " + allowed.map { "{\($0)}" }.joined(separator: ", ")
                            + " and {option.NAME}")
                }
            }
        }
        let fix = target.flatMap { target in node.entry("fix").flatMap { parseFix($0.value, target: target) } }
        let (examples, examplePositions) = parseExamples(node.entry("examples")?.value)

        guard errors.count == errorCount, let id, let name, let summary, let target, let assertion, let template
        else { return nil }
        let metadata = RuleMetadata(
            id: id.0, name: name.0, summary: summary, rationale: rationale ?? summary, defaultSeverity: severity,
            category: category, tags: tags, securitySeverity: securitySeverity, enabledByDefault: enabled,
            presets: presets, references: references, options: optionDocs, examples: examples,
            fixes: fix.map { [$0.safety] } ?? [], helpURI: helpURI)
        let rule = DeclarativeRule(
            metadata: metadata, target: target, sourcePath: file.path, position: file.position(of: id.1.range.start),
            examplePositions: examplePositions, precondition: precondition, assertion: assertion, message: template,
            optionDefaults: optionDefaults, fix: fix)
        return Parsed(rule: rule, namePosition: file.position(of: name.1.range.start))
    }

    /// `fix: {safety: unsafe, title: …, set: {readonlyRootFilesystem: true}}`: fields the fix
    /// writes on the target, by paths of named keys.
    mutating func parseFix(_ node: Node, target: DeclarativeTarget) -> DeclarativeFix? {
        guard let entries = node.entries else {
            error(at: node, "'fix' is an object: {\"safety\": \"unsafe\", \"set\": {\"PATH\": VALUE}}")
            return nil
        }
        let errorCount = errors.count
        checkKeys(entries, allowed: RuleFileParser.fixKeys, context: "fix")
        var safety: FixSafety?
        if let (text, value) = string(node, "safety", required: true, context: "the fix") {
            safety = FixSafety(rawValue: text)
            if safety == nil { error(at: value, "unknown fix safety '\(text)'; use safe or unsafe") }
        }
        let title = string(node, "title", required: false, context: "the fix")?.0
        var assignments: [(path: String, value: FixValue)] = []
        if let setNode = node.entry("set")?.value {
            if let setEntries = setNode.entries, !setEntries.isEmpty {
                for entry in setEntries {
                    guard let path = entry.name else { continue }
                    switch RulePath.parse(path) {
                    case .failure(let problem):
                        error(at: entry.key, "invalid path '\(path)': \(problem.reason)")
                    case .success(let parsed):
                        if !parsed.segments.allSatisfy({ if case .key = $0 { return true } else { return false } }) {
                            error(at: entry.key, "a fix sets fields by named keys; '\(path)' holds a list index")
                        } else if !parsed.isKnown(in: target) || path.hasPrefix("image.") {
                            error(
                                at: entry.key,
                                "unknown path '\(path)' for target \(target.rawValue)" + Suggestion.didYouMean(path, target.knownPaths))
                        } else {
                            assignments.append((path, DeclarativeFix.value(of: entry.value)))
                        }
                    }
                }
            } else {
                error(at: setNode, "'set' is a non-empty object of paths and the values to write")
            }
        } else {
            error(at: node, "the fix is missing 'set'")
        }
        guard errors.count == errorCount, let safety else { return nil }
        return DeclarativeFix(title: title, safety: safety, assignments: assignments)
    }

    mutating func parseOptions(_ node: Node?) -> ([RuleOptionDoc], [String: Node]) {
        guard let node else { return ([], [:]) }
        guard let entries = node.entries else {
            error(at: node, "'options' must be an object: {\"NAME\": {\"default\": …, \"description\": …}}")
            return ([], [:])
        }
        var docs: [RuleOptionDoc] = []
        var defaults: [String: Node] = [:]
        for entry in entries {
            guard let name = entry.name else { continue }
            guard let option = entry.value.entries else {
                error(at: entry.value, "option '\(name)' must be an object with 'default' and 'description'")
                continue
            }
            checkKeys(option, allowed: RuleFileParser.optionKeys, context: "option")
            guard let defaultValue = entry.value.entry("default")?.value else {
                error(at: entry.value, "option '\(name)' is missing 'default'")
                continue
            }
            let description = entry.value.entry("description")?.value.string ?? ""
            var type = entry.value.entry("type")?.value.string
            if type == nil {
                switch defaultValue.kind {
                case .bool: type = "boolean"
                case .number: type = "number"
                case .string: type = "string"
                case .array: type = "string[]"
                default: type = "any"
                }
            }
            docs.append(
                RuleOptionDoc(
                    name: name, type: type ?? "any", defaultValue: NodeJSONWriter().render(defaultValue),
                    description: description))
            defaults[name] = defaultValue
        }
        return (docs, defaults)
    }

    mutating func parseExamples(_ node: Node?) -> ([RuleExample], [SourcePosition]) {
        guard let node else { return ([], []) }
        guard let entries = node.entries else {
            error(at: node, "'examples' must be an object: {\"valid\": [...], \"invalid\": [...]}")
            return ([], [])
        }
        checkKeys(entries, allowed: ["valid", "invalid"], context: "examples")
        var examples: [RuleExample] = []
        var positions: [SourcePosition] = []
        for kind in [RuleExample.Kind.invalid, .valid] {
            guard let list = node.entry(kind.rawValue)?.value else { continue }
            guard let elements = list.elements else {
                error(at: list, "'\(kind.rawValue)' must be an array of examples")
                continue
            }
            for element in elements {
                guard let exampleEntries = element.entries else {
                    error(at: element, "an example is an object: {\"file\": \"taskdef.json\", \"source\": \"…\"}")
                    continue
                }
                checkKeys(exampleEntries, allowed: RuleFileParser.exampleKeys, context: "example")
                guard let fileName = string(element, "file", required: true, context: "the example"),
                    let source = element.entry("source")?.value
                else {
                    if element.entry("source") == nil { error(at: element, "the example is missing 'source'") }
                    continue
                }
                guard let sourceText = source.string else {
                    error(at: source, "'source' must be a string holding the example document")
                    continue
                }
                var configuration: String?
                if let options = element.entry("options")?.value {
                    if options.entries == nil {
                        error(at: options, "the example's 'options' must be an object")
                    } else {
                        configuration = NodeJSONWriter().render(options)
                    }
                }
                let caption = element.entry("caption")?.value.string
                var fixed: String?
                if let fixedNode = element.entry("fixed")?.value {
                    if let text = fixedNode.string, kind == .invalid {
                        fixed = text
                    } else {
                        error(at: fixedNode, "'fixed' is the text of an invalid example after its fixes")
                    }
                }
                examples.append(
                    RuleExample(
                        kind, [RuleExample.File(fileName.0, sourceText, fixed: fixed)], configuration: configuration, caption: caption))
                positions.append(file.position(of: element.range.start))
            }
        }
        return (examples, positions)
    }

    // MARK: Conditions

    mutating func parseCondition(_ node: Node, target: DeclarativeTarget, options: Set<String>) -> Condition? {
        guard let entries = node.entries else {
            error(at: node, "a condition is an object: {\"path\": …, \"op\": …} or {\"all\"|\"any\": [...]} or {\"not\": {...}}")
            return nil
        }
        checkKeys(entries, allowed: RuleFileParser.conditionKeys, context: "condition")
        let combinators = entries.filter { ["all", "any", "not"].contains($0.name ?? "") }
        if let first = combinators.first, let combinator = first.name {
            if entries.count > 1 {
                // The second entry may repeat the combinator (`all:` twice), so it is found by
                // position, not by a different name.
                let other = entries.first { $0.key.range != first.key.range } ?? first
                let otherName = other.name ?? ""
                // A repeated combinator was already reported by checkKeys.
                if otherName != combinator {
                    error(at: other.key, "'\(combinator)' stands alone in its condition object; found '\(otherName)' next to it")
                }
                return nil
            }
            if combinator == "not" {
                return parseCondition(first.value, target: target, options: options).map { .not($0) }
            }
            guard let elements = first.value.elements, !elements.isEmpty else {
                error(at: first.value, "'\(combinator)' takes a non-empty array of conditions")
                return nil
            }
            let parsed = elements.compactMap { parseCondition($0, target: target, options: options) }
            guard parsed.count == elements.count else { return nil }
            return combinator == "all" ? .all(parsed) : .any(parsed)
        }
        guard let pathEntry = node.entry("path") else {
            error(at: node, "a condition needs 'path' and 'op', or one of 'all', 'any', 'not'")
            return nil
        }
        guard let pathText = pathEntry.value.string else {
            error(at: pathEntry.value, "'path' must be a string such as \"healthCheck.interval\"")
            return nil
        }
        var path: RulePath?
        switch RulePath.parse(pathText) {
        case .failure(let problem):
            error(at: pathEntry.value, "invalid path '\(pathText)': \(problem.reason)")
        case .success(let parsed):
            if parsed.isKnown(in: target) {
                path = parsed
            } else {
                error(
                    at: pathEntry.value,
                    "unknown path '\(pathText)' for target \(target.rawValue)"
                        + Suggestion.didYouMean(pathText, target.knownPaths)
                        + "; see rules.d/README.md for the paths of each target")
            }
        }
        var requireResolved = false
        if let resolved = node.entry("resolved")?.value {
            if let flag = resolved.bool { requireResolved = flag } else { error(at: resolved, "'resolved' must be true or false") }
        }
        guard let comparison = parseComparison(node, options: options, allowLength: true), let path else { return nil }
        return .test(path: path, comparison: comparison, requireResolved: requireResolved)
    }

    /// `op` and `value` of a test, or of the nested comparison of `length`.
    mutating func parseComparison(_ node: Node, options: Set<String>, allowLength: Bool) -> Comparison? {
        guard let opNode = node.entry("op")?.value else {
            error(at: node, "the condition is missing 'op'")
            return nil
        }
        guard let op = opNode.string else {
            error(at: opNode, "'op' must be a string")
            return nil
        }
        let valueNode = node.entry("value")?.value
        func operand(_ kind: String) -> Operand? {
            guard let valueNode else {
                error(at: node, "operator '\(op)' needs a 'value'")
                return nil
            }
            if let entries = valueNode.entries {
                guard entries.count == 1, entries[0].name == "option", let name = entries[0].value.string else {
                    error(at: valueNode, "a value is a literal or {\"option\": \"NAME\"}")
                    return nil
                }
                guard options.contains(name) else {
                    error(
                        at: entries[0].value,
                        "unknown option '\(name)'; declare it in the rule's 'options'"
                            + Suggestion.didYouMean(name, options.sorted()))
                    return nil
                }
                return .option(name)
            }
            switch kind {
            case "list":
                guard valueNode.elements != nil else {
                    error(at: valueNode, "operator '\(op)' needs an array value (or an option)")
                    return nil
                }
            case "number":
                guard valueNode.numberLexeme != nil else {
                    error(at: valueNode, "operator '\(op)' needs a number value (or an option)")
                    return nil
                }
            default:
                break
            }
            return .literal(valueNode)
        }
        func pattern() -> CompiledPattern? {
            guard let valueNode else {
                error(at: node, "operator '\(op)' needs a 'value' holding a regular expression")
                return nil
            }
            guard let text = valueNode.string else {
                error(at: valueNode, "operator '\(op)' needs a regular expression string")
                return nil
            }
            do {
                return try CompiledPattern(text)
            } catch is CompiledPattern.TooLong {
                self.error(
                    at: valueNode, "regular expression is longer than the limit of \(CompiledPattern.maxLength) characters")
                return nil
            } catch {
                self.error(at: valueNode, "invalid regular expression '\(text)'")
                return nil
            }
        }
        switch op {
        case "exists", "absent":
            if let valueNode { error(at: valueNode, "operator '\(op)' takes no 'value'") }
            return op == "exists" ? .exists : .absent
        case "equals": return operand("any").map { .equals($0) }
        case "notEquals": return operand("any").map { .notEquals($0) }
        case "in": return operand("list").map { .isIn($0) }
        case "notIn": return operand("list").map { .notIn($0) }
        case "matches": return pattern().map { .matches($0) }
        case "notMatches": return pattern().map { .notMatches($0) }
        case "lessThan": return operand("number").map { .lessThan($0) }
        case "atMost": return operand("number").map { .atMost($0) }
        case "greaterThan": return operand("number").map { .greaterThan($0) }
        case "atLeast": return operand("number").map { .atLeast($0) }
        case "length":
            guard allowLength else {
                error(at: opNode, "'length' cannot be nested in 'length'")
                return nil
            }
            guard let valueNode, let nestedEntries = valueNode.entries else {
                error(
                    at: valueNode ?? node,
                    "operator 'length' needs a nested comparison as its value, such as {\"op\": \"atMost\", \"value\": 10}")
                return nil
            }
            checkKeys(nestedEntries, allowed: RuleFileParser.nestedKeys, context: "length comparison")
            guard let nested = parseComparison(valueNode, options: options, allowLength: false) else { return nil }
            switch nested {
            case .exists, .absent, .matches, .notMatches:
                error(at: valueNode, "a length is compared with equals, notEquals, in, notIn, lessThan, atMost, greaterThan or atLeast")
                return nil
            default:
                return .length(nested)
            }
        default:
            error(at: opNode, "unknown operator '\(op)'" + Suggestion.didYouMean(op, Comparison.operatorNames))
            return nil
        }
    }
}
