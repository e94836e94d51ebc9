#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LinterCore

/// Finds, parses and validates `.ecslint.json`. Every mistake is an error with `path:line:col`
/// and, where a likely intent exists, a "did you mean" suggestion.
public struct ConfigurationLoader: Sendable {
    public static let fileName = ".ecslint.json"

    /// Every key the loader understands, with its JSON type; the example config and the JSON
    /// Schema are tested against this list.
    public static let topLevelKeys: [String: String] = [
        "$schema": "string", "rules": "object", "include": "array", "exclude": "array",
        "stableTagPatterns": "array", "coTags": "array", "repositories": "object", "rulesDirectories": "array",
        "ignore": "array", "failOn": "string", "limits": "object", "extends": "array", "terraform": "object",
    ]
    public static let repositoryKeys = ["lifecyclePolicy", "tagMutability", "tagMutabilityExclusionFilters"]
    public static let ruleSettingKeys = ["severity", "options"]
    public static let ignoreKeys = ["path", "rules"]
    public static let limitKeys = [
        "maxDepth", "maxAliasExpansion", "maxDocuments", "maxStringLength", "maxFileSize", "maxEvaluationDepth",
        "maxTemplateDepth", "maxCollectionSize", "maxRangeSize", "maxEvaluationSteps",
    ]
    public static let terraformKeys = ["varFiles"]

    public init() {}

    /// Walks up from `directory` to the first `.ecslint.json`; stops at a `.git` directory.
    public static func discover(from directory: String) -> String? {
        var current = FilePath.normalize(directory)
        while true {
            let candidate = current == "/" ? "/" + fileName : current + "/" + fileName
            if FileSystem.exists(atPath: candidate) { return candidate }
            if FileSystem.exists(atPath: current + "/.git") || current == "/" { return nil }
            current = FilePath.directory(of: current)
        }
    }

    /// The project root: the directory holding `.ecslint.json` or `.git`, else `directory`.
    public static func projectRoot(from directory: String) -> String {
        var current = FilePath.normalize(directory)
        while true {
            if FileSystem.exists(atPath: current + "/" + fileName)
                || FileSystem.exists(atPath: current + "/.git")
            {
                return current
            }
            if current == "/" { return FilePath.normalize(directory) }
            current = FilePath.directory(of: current)
        }
    }

    /// Loads the file at `path`; errors name it as `displayPath` (relative to the working directory).
    public func load(path: String, displayPath: String? = nil) throws(ConfigurationError) -> Configuration {
        // Bounded, regular files only: a FIFO or a huge file cannot hang the run.
        let bytes: [UInt8]
        switch FileLoader.load(path, maxSize: Configuration.defaultMaxFileSize) {
        case .loaded(let loaded): bytes = loaded
        case .skipped(let reason), .unreadable(let reason):
            throw ConfigurationError(path: displayPath ?? path, position: nil, message: "cannot read the configuration file: \(reason)")
        }
        var configuration = try parse(
            SourceFile(path: displayPath ?? path, bytes: bytes), rootDirectory: FilePath.directory(of: FilePath.normalize(path)))
        configuration.path = displayPath ?? path
        return configuration
    }

    public func parse(_ file: SourceFile, rootDirectory: String) throws(ConfigurationError) -> Configuration {
        let root: Node
        do {
            root = try JSONParser().parse(file.bytes)
        } catch {
            throw ConfigurationError(file: file, offset: error.offset, message: error.message)
        }
        guard let entries = root.entries else {
            throw ConfigurationError(file: file, offset: root.range.start, message: "the configuration must be a JSON object")
        }
        var configuration = Configuration(path: file.path, rootDirectory: rootDirectory)
        var seen: Set<String> = []
        for entry in entries {
            guard let key = entry.name else { continue }
            guard let expectedType = ConfigurationLoader.topLevelKeys[key] else {
                throw ConfigurationError(
                    file: file, offset: entry.key.range.start,
                    message: "unknown key '\(key)'"
                        + Suggestion.didYouMean(key, ConfigurationLoader.topLevelKeys.keys.sorted()))
            }
            if !seen.insert(key).inserted {
                throw ConfigurationError(file: file, offset: entry.key.range.start, message: "duplicate key '\(key)'")
            }
            try expect(entry.value, type: expectedType, key: key, file: file)
            let value = entry.value
            switch key {
            case "rules": configuration.rules = try parseRules(value, file: file)
            case "include": configuration.include = try strings(value, key: key, file: file)
            case "exclude": configuration.exclude = try strings(value, key: key, file: file)
            case "stableTagPatterns": configuration.settings.stableTagPatterns = try strings(value, key: key, file: file)
            case "coTags": configuration.settings.coTags = try strings(value, key: key, file: file)
            case "rulesDirectories":
                configuration.rulesDirectories = try strings(value, key: key, file: file).map {
                    FilePath.resolve($0, against: rootDirectory)
                }
            case "repositories": configuration.repositories = try parseRepositories(value, file: file, root: rootDirectory)
            case "ignore": configuration.ignore = try parseIgnore(value, file: file)
            case "extends": configuration.extends = try parsePresets(value, file: file)
            case "failOn":
                configuration.failOn = try severity(value, key: key, file: file)
            case "limits": try parseLimits(value, into: &configuration, file: file)
            case "terraform":
                for field in value.entries ?? [] {
                    guard let name = field.name, ConfigurationLoader.terraformKeys.contains(name) else {
                        throw ConfigurationError(
                            file: file, offset: field.key.range.start,
                            message: "unknown key '\(field.name ?? "")' in terraform"
                                + Suggestion.didYouMean(field.name ?? "", ConfigurationLoader.terraformKeys))
                    }
                    try expect(field.value, type: "array", key: "terraform.varFiles", file: file)
                    configuration.terraformVarFiles = try strings(field.value, key: "terraform.varFiles", file: file).map {
                        FilePath.resolve($0, against: rootDirectory)
                    }
                }
            default: break
            }
        }
        configuration.ruleKeyOffsets = Dictionary(
            (root["rules"]?.entries ?? []).compactMap { entry in entry.name.map { ($0, entry.key.range.start) } },
            uniquingKeysWith: { first, _ in first })
        configuration.sourceFile = file
        return configuration
    }

    func expect(_ node: Node, type: String, key: String, file: SourceFile) throws(ConfigurationError) {
        let matches: Bool
        switch type {
        case "object": matches = node.entries != nil
        case "array": matches = node.elements != nil
        case "string": matches = node.string != nil
        case "integer": matches = node.numberLexeme.flatMap { Int($0) } != nil
        default: matches = true
        }
        if !matches {
            throw ConfigurationError(
                file: file, offset: node.range.start, message: "'\(key)' must be \(type == "integer" ? "an" : "a") \(type)")
        }
    }

    func strings(_ node: Node, key: String, file: SourceFile) throws(ConfigurationError) -> [String] {
        var result: [String] = []
        for element in node.elements ?? [] {
            guard let text = element.string else {
                throw ConfigurationError(file: file, offset: element.range.start, message: "'\(key)' must hold only strings")
            }
            result.append(text)
        }
        return result
    }

    func severity(_ node: Node, key: String, file: SourceFile) throws(ConfigurationError) -> Severity {
        guard let text = node.string, let severity = Severity(rawValue: text) else {
            let written = node.string ?? ""
            throw ConfigurationError(
                file: file, offset: node.range.start,
                message: "'\(key)' must be one of error, warning, note"
                    + Suggestion.didYouMean(written, Severity.allCases.map(\.rawValue)))
        }
        return severity
    }

    func parseRules(_ node: Node, file: SourceFile) throws(ConfigurationError) -> [String: Configuration.RuleSetting] {
        var result: [String: Configuration.RuleSetting] = [:]
        for entry in node.entries ?? [] {
            guard let key = entry.name else { continue }
            let value = entry.value
            if let text = value.string {
                if text == "off" {
                    result[key] = Configuration.RuleSetting(enabled: false)
                } else if text == "on" {
                    result[key] = Configuration.RuleSetting(enabled: true)
                } else if let severity = Severity(rawValue: text) {
                    result[key] = Configuration.RuleSetting(severity: severity)
                } else {
                    throw ConfigurationError(
                        file: file, offset: value.range.start,
                        message: "rule setting for '\(key)' must be \"off\", \"on\", \"error\", \"warning\", \"note\" or an object"
                            + Suggestion.didYouMean(text, ["off", "on", "error", "warning", "note"]))
                }
                continue
            }
            guard let settingEntries = value.entries else {
                throw ConfigurationError(
                    file: file, offset: value.range.start,
                    message: "rule setting for '\(key)' must be a string or an object")
            }
            var setting = Configuration.RuleSetting()
            for settingEntry in settingEntries {
                guard let settingKey = settingEntry.name else { continue }
                switch settingKey {
                case "severity":
                    if settingEntry.value.string == "off" {
                        setting.enabled = false
                    } else {
                        setting.severity = try severity(settingEntry.value, key: "rules.\(key).severity", file: file)
                    }
                case "options":
                    try expect(settingEntry.value, type: "object", key: "rules.\(key).options", file: file)
                    setting.options = RuleOptions(settingEntry.value)
                default:
                    throw ConfigurationError(
                        file: file, offset: settingEntry.key.range.start,
                        message: "unknown key '\(settingKey)' in rules.\(key)"
                            + Suggestion.didYouMean(settingKey, ConfigurationLoader.ruleSettingKeys))
                }
            }
            result[key] = setting
        }
        return result
    }

    func parseRepositories(_ node: Node, file: SourceFile, root: String) throws(ConfigurationError) -> [String: RepositoryMapping] {
        var result: [String: RepositoryMapping] = [:]
        for entry in node.entries ?? [] {
            guard let name = entry.name else { continue }
            guard let fields = entry.value.entries else {
                throw ConfigurationError(file: file, offset: entry.value.range.start, message: "repositories.\(name) must be an object")
            }
            var mapping = RepositoryMapping()
            var mode: TagMutabilityMode?
            var filters: [String] = []
            for field in fields {
                guard let key = field.name else { continue }
                switch key {
                case "lifecyclePolicy":
                    try expect(field.value, type: "string", key: "repositories.\(name).lifecyclePolicy", file: file)
                    let relative = field.value.string ?? ""
                    mapping.lifecyclePolicyPath = FilePath.resolve(relative, against: root)
                case "tagMutability":
                    guard let text = field.value.string, let parsed = TagMutabilityMode(rawValue: text) else {
                        throw ConfigurationError(
                            file: file, offset: field.value.range.start,
                            message: "repositories.\(name).tagMutability must be one of "
                                + TagMutabilityMode.allCases.map(\.rawValue).joined(separator: ", ")
                                + Suggestion.didYouMean(field.value.string ?? "", TagMutabilityMode.allCases.map(\.rawValue)))
                    }
                    mode = parsed
                case "tagMutabilityExclusionFilters":
                    try expect(field.value, type: "array", key: "repositories.\(name).\(key)", file: file)
                    filters = try strings(field.value, key: "repositories.\(name).\(key)", file: file)
                default:
                    throw ConfigurationError(
                        file: file, offset: field.key.range.start,
                        message: "unknown key '\(key)' in repositories.\(name)"
                            + Suggestion.didYouMean(key, ConfigurationLoader.repositoryKeys))
                }
            }
            if let mode { mapping.tagMutability = TagMutability(mode: mode, exclusionFilters: filters) }
            result[name] = mapping
        }
        return result
    }

    func parsePresets(_ node: Node, file: SourceFile) throws(ConfigurationError) -> [String] {
        var names: [String] = []
        let known = RulePreset.all.map(\.name)
        for element in node.elements ?? [] {
            guard let name = element.string else {
                throw ConfigurationError(file: file, offset: element.range.start, message: "'extends' must hold only preset names")
            }
            guard RulePreset.named(name) != nil else {
                throw ConfigurationError(
                    file: file, offset: element.range.start,
                    message: "unknown preset '\(name)'" + Suggestion.didYouMean(name, known) + "; presets are "
                        + known.joined(separator: ", "))
            }
            names.append(name)
        }
        return names
    }

    func parseIgnore(_ node: Node, file: SourceFile) throws(ConfigurationError) -> [Configuration.IgnoreEntry] {
        var result: [Configuration.IgnoreEntry] = []
        for element in node.elements ?? [] {
            guard let fields = element.entries else {
                throw ConfigurationError(
                    file: file, offset: element.range.start, message: "each 'ignore' entry must be an object {\"path\", \"rules\"}")
            }
            var path: String?
            var rules: [String] = []
            for field in fields {
                guard let key = field.name else { continue }
                switch key {
                case "path":
                    try expect(field.value, type: "string", key: "ignore[].path", file: file)
                    path = field.value.string
                case "rules":
                    try expect(field.value, type: "array", key: "ignore[].rules", file: file)
                    rules = try strings(field.value, key: "ignore[].rules", file: file)
                default:
                    throw ConfigurationError(
                        file: file, offset: field.key.range.start,
                        message: "unknown key '\(key)' in an 'ignore' entry" + Suggestion.didYouMean(key, ConfigurationLoader.ignoreKeys))
                }
            }
            guard let path else {
                throw ConfigurationError(file: file, offset: element.range.start, message: "an 'ignore' entry needs a 'path' glob")
            }
            result.append(
                Configuration.IgnoreEntry(
                    path: path, rules: rules, location: Location(path: file.path, range: element.range)))
        }
        return result
    }

    func parseLimits(_ node: Node, into configuration: inout Configuration, file: SourceFile) throws(ConfigurationError) {
        for field in node.entries ?? [] {
            guard let key = field.name else { continue }
            guard ConfigurationLoader.limitKeys.contains(key) else {
                throw ConfigurationError(
                    file: file, offset: field.key.range.start,
                    message: "unknown key '\(key)' in limits" + Suggestion.didYouMean(key, ConfigurationLoader.limitKeys))
            }
            guard let value = field.value.numberLexeme.flatMap({ Int($0) }), value > 0 else {
                throw ConfigurationError(
                    file: file, offset: field.value.range.start, message: "limits.\(key) must be a positive integer")
            }
            if key == "maxDepth" && value > ParseLimits.maxDepthCeiling {
                throw ConfigurationError(
                    file: file, offset: field.value.range.start,
                    message: "limits.maxDepth must be at most \(ParseLimits.maxDepthCeiling): the parsers recurse once per level "
                        + "and deeper nesting could overflow the stack")
            }
            switch key {
            case "maxDepth": configuration.limits.maxDepth = value
            case "maxAliasExpansion": configuration.limits.maxAliasExpansion = value
            case "maxDocuments": configuration.limits.maxDocuments = value
            case "maxStringLength": configuration.limits.maxStringLength = value
            case "maxFileSize": configuration.maxFileSize = value
            case "maxEvaluationDepth": configuration.evaluationLimits.maxDepth = value
            case "maxTemplateDepth": configuration.evaluationLimits.maxTemplateDepth = value
            case "maxCollectionSize": configuration.evaluationLimits.maxCollectionSize = value
            case "maxRangeSize": configuration.evaluationLimits.maxRangeSize = value
            case "maxEvaluationSteps": configuration.evaluationLimits.maxSteps = value
            default: break
            }
        }
    }
}
