#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LinterCore

/// Loads declarative rules from a `rules.d` directory: every `*.json`, `*.yaml` and `*.yml` file
/// in it (not recursively; `*.schema.json` is the editor schema and is skipped).
public enum RuleDirectoryLoader {
    /// The rules of a directory. `existing` are the rules already registered (built-ins and
    /// earlier directories): an id or name clash with one of them is reported at the rule's id or
    /// name in its file.
    public static func load(_ directory: String, existing: [RuleMetadata] = []) -> Result<[any Rule], RuleLoadErrors> {
        loadRules(directory, existing: existing).map { $0 }
    }

    /// Same as `load`, with the concrete type (for `test-rules`).
    public static func loadRules(_ directory: String, existing: [RuleMetadata] = []) -> Result<[DeclarativeRule], RuleLoadErrors> {
        guard let files = ruleFiles(in: directory) else {
            return .failure(
                RuleLoadErrors([ConfigurationError(path: directory, position: nil, message: "the rules directory does not exist or cannot be read")]))
        }
        return parse(files.map { path in
            // Bounded, regular files only: a FIFO or a huge file named like a rule file cannot hang the run.
            switch FileLoader.load(path, maxSize: Configuration.defaultMaxFileSize) {
            case .loaded(let bytes): return (path, .success(bytes))
            case .skipped(let reason), .unreadable(let reason): return (path, .failure(Unreadable(reason: reason)))
            }
        }, existing: existing)
    }

    /// The rules of files held in memory (the shipped rules compiled into the executable), checked
    /// as a directory's are.
    public static func loadRules(_ files: [RuleFileText], existing: [RuleMetadata] = []) -> Result<[DeclarativeRule], RuleLoadErrors> {
        parse(files.map { ($0.path, .success(Array($0.text.utf8))) }, existing: existing)
    }

    private struct Unreadable: Error {
        let reason: String
    }

    private static func parse(
        _ files: [(path: String, bytes: Result<[UInt8], Unreadable>)], existing: [RuleMetadata]
    ) -> Result<[DeclarativeRule], RuleLoadErrors> {
        var errors: [ConfigurationError] = []
        var rules: [DeclarativeRule] = []
        var taken: [String: String] = [:]
        for metadata in existing {
            taken[metadata.id] = "rule \(metadata.id) (\(metadata.name))"
            taken[metadata.name] = "rule \(metadata.id) (\(metadata.name))"
        }
        for (path, read) in files {
            let bytes: [UInt8]
            switch read {
            case .success(let loaded): bytes = loaded
            case .failure(let failure):
                errors.append(ConfigurationError(path: path, position: nil, message: "cannot read the rule file: \(failure.reason)"))
                continue
            }
            var parser = RuleFileParser(file: SourceFile(path: path, bytes: bytes))
            let parsed = parser.parse()
            errors += parser.errors.enumerated().sorted { left, right in
                let (a, b) = (left.element.position?.offset ?? 0, right.element.position?.offset ?? 0)
                return a != b ? a < b : left.offset < right.offset
            }.map(\.element)
            for item in parsed {
                let metadata = item.rule.metadata
                var clash = false
                if let owner = taken[metadata.id] {
                    errors.append(
                        ConfigurationError(
                            path: path, position: item.rule.position,
                            message: "duplicate rule id '\(metadata.id)': already used by \(owner)"))
                    clash = true
                }
                if let owner = taken[metadata.name] {
                    errors.append(
                        ConfigurationError(
                            path: path, position: item.namePosition,
                            message: "duplicate rule name '\(metadata.name)': already used by \(owner)"))
                    clash = true
                }
                if clash { continue }
                let owner = "rule \(metadata.id) (\(metadata.name)) at \(path):\(item.rule.position)"
                taken[metadata.id] = owner
                taken[metadata.name] = owner
                rules.append(item.rule)
            }
        }
        return errors.isEmpty ? .success(rules) : .failure(RuleLoadErrors(errors))
    }

    /// The rule files of a directory, sorted; nil when it is not a readable directory.
    public static func ruleFiles(in directory: String) -> [String]? {
        guard PathKind(atPath: directory) == .directory,
            let names = FileSystem.entries(ofDirectory: directory)
        else { return nil }
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        return names.filter { name in
            let lower = name.lowercased()
            guard !lower.hasPrefix("."), !lower.hasSuffix(".schema.json") else { return false }
            return lower.hasSuffix(".json") || lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
        }.sorted().map { base + "/" + $0 }
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
