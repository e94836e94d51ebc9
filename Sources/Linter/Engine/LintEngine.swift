#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A rule as configured for this run.
public struct ResolvedRule: Sendable {
    public var rule: any Rule
    public var severity: Severity
    public var enabled: Bool
    public var options: RuleOptions

    public var metadata: RuleMetadata { rule.metadata }
}

/// What a lint run produced.
public struct LintOutcome: Sendable {
    public var findings: [Finding]
    /// Every file read, by root-relative path (for code frames and editors).
    public var sources: [String: SourceFile]
    /// Every rule of the registry with its configured state, in registry order.
    public var rules: [ResolvedRule]
    public var fileCount: Int
    /// Fingerprints of every finding before the baseline filter (for `--write-baseline`), in no
    /// particular order, as numbers (see `Finding.fingerprintHash`).
    public var allFingerprintHashes: [UInt64]

    /// `allFingerprintHashes` as written in baselines and reports.
    public var allFingerprints: [String] { allFingerprintHashes.map(Fingerprint.hex(hash:)) }
    /// The model and index the findings were computed from.
    public var project: ProjectModel
    /// Root-relative paths of the linted files (those in focus, when files were named) that hold
    /// no ECS or ECR shape ecslint knows, so nothing in them was checked.
    public var unrecognizedPaths: [String] = []
    /// Byte ranges of secret values per root-relative path (`SecretDetector.secretLocations`),
    /// which no report may show, not even in a code frame.
    public var secretRanges: [String: [ByteRange]] = [:]
    /// The files findings were limited to (source paths), when files were named: the rest of the
    /// project was read as context only.
    public var focus: Set<String>?
}

/// Orchestrates a run: discover → parse → model → index → rules → suppressions → sort.
public struct LintEngine: Sendable {
    public var registry: RuleRegistry
    public var configuration: Configuration
    public var workers: Int
    public var reportUnusedSuppressions: Bool
    /// Only these rule ids run (the examples harness runs one rule at a time).
    public var onlyRules: Set<String>?
    /// Fingerprints of known findings to leave out.
    public var baseline: Set<String>
    /// Whether findings get fingerprints. Only the machine-readable formats and baselines use
    /// them; hashing every finding's snippet is 6 % of a large template's instructions, wasted
    /// on the text a terminal or an editor reads. A baseline needs them and turns them back on.
    public var computesFingerprints = true

    public init(
        registry: RuleRegistry, configuration: Configuration,
        workers: Int = ProcessFacts.activeProcessorCount, reportUnusedSuppressions: Bool = false,
        onlyRules: Set<String>? = nil, baseline: Set<String> = []
    ) {
        self.registry = registry
        self.configuration = configuration
        self.workers = max(1, workers)
        self.reportUnusedSuppressions = reportUnusedSuppressions
        self.onlyRules = onlyRules
        self.baseline = baseline
    }

    // MARK: Rule configuration

    public var resolvedRules: [ResolvedRule] {
        registry.rules.map { rule in
            let metadata = rule.metadata
            let setting = configuration.rules[metadata.id] ?? configuration.rules[metadata.name]
            var enabled = setting?.enabled ?? metadata.isEnabled(extending: configuration.extends)
            if let onlyRules { enabled = onlyRules.contains(metadata.id) }
            return ResolvedRule(
                rule: rule, severity: setting?.severity ?? metadata.defaultSeverity, enabled: enabled,
                options: setting?.options ?? RuleOptions())
        }
    }

    /// Rule keys in the configuration that name no rule: configuration errors.
    public func unknownRuleKeys() -> [ConfigurationError] {
        var errors: [ConfigurationError] = []
        for key in configuration.rules.keys.sorted() where registry.rule(key) == nil {
            let position = configuration.sourceFile.flatMap { file in
                configuration.ruleKeyOffsets[key].map { file.position(of: $0) }
            }
            errors.append(
                ConfigurationError(
                    path: configuration.path ?? ConfigurationLoader.fileName, position: position,
                    message: "unknown rule '\(key)'" + Suggestion.didYouMean(key, registry.allKeys)))
        }
        for rule in resolvedRules {
            let documented = Set(rule.metadata.options.map(\.name))
            guard let entries = rule.options.node?.entries else { continue }
            for entry in entries {
                guard let name = entry.name, !documented.contains(name) else { continue }
                let position = configuration.sourceFile?.position(of: entry.key.range.start)
                errors.append(
                    ConfigurationError(
                        path: configuration.path ?? ConfigurationLoader.fileName, position: position,
                        message: "rule \(rule.metadata.id) (\(rule.metadata.name)) has no option '\(name)'"
                            + Suggestion.didYouMean(name, documented.sorted())))
            }
        }
        return errors
    }

    // MARK: Linting from disk

    public struct MissingPaths: Error, Sendable {
        public var paths: [String]
    }

    /// Lints paths. When files are named explicitly (as pre-commit does), the rest of the project
    /// is loaded as context so that cross-file checks still see it, and only findings that touch
    /// the named files are reported.
    public func lint(paths: [String], workingDirectory: String) throws(MissingPaths) -> LintOutcome {
        try lint(paths: paths, workingDirectory: workingDirectory, buffer: nil)
    }

    /// Lints an editor buffer or standard input as if it were the file at `buffer.path` (absolute),
    /// with the rest of the project as context.
    public func lint(buffer: SourceFile, workingDirectory: String) -> LintOutcome {
        (try? lint(paths: [], workingDirectory: workingDirectory, buffer: buffer))
            ?? lint(sources: [buffer], focus: [buffer.path])
    }

    /// `lint(buffer:workingDirectory:)` for a buffer already parsed and modelled with this
    /// configuration's limits (`FileAnalysis.analyze`), for example while the rules loaded.
    public func lint(buffer analysis: FileAnalysis, workingDirectory: String) -> LintOutcome {
        (try? lint(paths: [], workingDirectory: workingDirectory, buffer: analysis.source, bufferAnalysis: analysis))
            ?? run([analysis], focus: [analysis.source.path], skipped: [])
    }

    func lint(
        paths: [String], workingDirectory: String, buffer: SourceFile?, bufferAnalysis: FileAnalysis? = nil
    ) throws(MissingPaths) -> LintOutcome {
        let root = configuration.rootDirectory
        let discovery = FileDiscovery(root: root, include: configuration.include, exclude: configuration.exclude)
        var requested = FileDiscovery.Result(files: [], notices: [], missing: [])
        if buffer == nil {
            requested = discovery.discover(paths.isEmpty ? ["."] : paths, workingDirectory: workingDirectory)
        }
        if !requested.missing.isEmpty { throw MissingPaths(paths: requested.missing) }
        let explicitFiles = buffer != nil || paths.contains { path in
            let absolute = path.hasPrefix("/") ? path : workingDirectory + "/" + path
            return PathKind(atPath: absolute) == .other
        }
        var files = requested.files
        var focus: Set<String>?
        if explicitFiles {
            focus = Set(requested.files + (buffer.map { [$0.path] } ?? []))
            let context = discovery.discover([root], workingDirectory: workingDirectory)
            files = Array(Set(files).union(context.files)).sorted()
        }
        if let buffer { files.removeAll { $0 == buffer.path } }
        for mapping in configuration.repositories.values {
            if let policy = mapping.lifecyclePolicyPath, !files.contains(policy),
                FileSystem.exists(atPath: policy)
            {
                files.append(policy)
            }
        }
        var skipped: [(String, String)] = requested.notices.map { ($0.path, $0.message) }
        let maxFileSize = configuration.maxFileSize
        let loaded: [(String, FileLoader.Outcome)] = ParallelMap.map(files, workers: workers) { path in
            (path, FileLoader.load(path, maxSize: maxFileSize))
        }
        var sources: [SourceFile] = bufferAnalysis == nil ? (buffer.map { [$0] } ?? []) : []
        for (path, outcome) in loaded {
            switch outcome {
            case .loaded(let bytes): sources.append(SourceFile(path: path, bytes: bytes))
            case .skipped(let reason), .unreadable(let reason):
                if focus == nil || focus?.contains(path) == true { skipped.append((path, reason)) }
            }
        }
        var analyses = (bufferAnalysis.map { [$0] } ?? []) + analyze(sources)
        // ecspresso configs name definition files that may lie outside the linted paths.
        let known = Set(analyses.map(\.source.path))
        var extra: [String] = []
        for analysis in analyses {
            for document in analysis.documents {
                guard let config = document.ecspressoConfig else { continue }
                for field in [config.taskDefinition, config.serviceDefinition] {
                    guard let relative = field.value else { continue }
                    let path = config.resolve(relative)
                    if !known.contains(path), !extra.contains(path) { extra.append(path) }
                }
            }
        }
        for path in extra.sorted() {
            if case .loaded(let bytes) = FileLoader.load(path, maxSize: maxFileSize) {
                analyses += analyze([SourceFile(path: path, bytes: bytes)])
            }
        }
        return run(consume analyses, focus: focus, skipped: skipped)
    }

    // MARK: Linting in memory

    /// Lints in-memory files (stdin, editors, examples, fuzzing). `focus` limits reporting.
    public func lint(sources: [SourceFile], focus: Set<String>? = nil) -> LintOutcome {
        run(analyze(sources), focus: focus, skipped: [])
    }

    func analyze(_ sources: [SourceFile], largeFileBytes: Int = FileAnalysis.largeFileBytes) -> [FileAnalysis] {
        let limits = configuration.limits
        // Small files run in parallel with each other. A large file instead spreads its own work
        // over the threads (its resources are modelled in parallel), so it is analyzed on its
        // own, outside the files' parallel map: libdispatch runs an apply nested in another
        // serially, which left one core idle while the other modelled a 5 MB template alone.
        let large = sources.indices.filter { sources[$0].bytes.count >= largeFileBytes }
        guard workers > 1, sources.count > 1, !large.isEmpty else {
            return ParallelMap.map(sources, workers: workers, context: { KeyTable() }) { source, keys in
                FileAnalysis.analyze(source, limits: limits, workers: workers, keys: keys)
            }
        }
        var analyses: [FileAnalysis?] = Array(repeating: nil, count: sources.count)
        let keys = KeyTable()
        for index in large {
            analyses[index] = FileAnalysis.analyze(sources[index], limits: limits, workers: workers, keys: keys)
        }
        let small = sources.indices.filter { sources[$0].bytes.count < largeFileBytes }
        let smallAnalyses = ParallelMap.map(small, workers: workers, context: { KeyTable() }) { index, keys in
            FileAnalysis.analyze(sources[index], limits: limits, workers: 1, keys: keys)
        }
        for (index, analysis) in zip(small, smallAnalyses) { analyses[index] = analysis }
        return analyses.compactMap { $0 }
    }

    /// An empty range (a parse error at a line end, an empty value) widened to one character, so
    /// editors can underline it and SARIF regions have `endColumn > startColumn`.
    static func visibleRange(_ range: ByteRange, in file: SourceFile) -> ByteRange {
        guard range.length == 0 else { return range }
        let bytes = file.bytes
        var start = range.start
        if start >= bytes.count {
            // At the end of the file: point at the last character written.
            var last = bytes.count
            while last > 0 && (bytes[last - 1] == 0x20 || bytes[last - 1] == 0x0A || bytes[last - 1] == 0x0D || bytes[last - 1] == 0x09) {
                last -= 1
            }
            guard last > 0 else { return range }
            start = last
        }
        if start >= bytes.count || bytes[start] == 0x0A || bytes[start] == 0x0D || start == bytes.count {
            // At a line end or the end of the file: take the character before, if on the same line.
            guard start > 0, bytes[start - 1] != 0x0A, bytes[start - 1] != 0x0D else { return range }
            start -= 1
            while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        }
        var end = start + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        return ByteRange(start: start, end: min(end, bytes.count))
    }

    func rootRelative(_ path: String) -> String {
        path.hasPrefix("/") ? FilePath.relative(path, to: configuration.rootDirectory) : path
    }

    /// Adds `text` with every run of whitespace collapsed to one space and no leading or trailing
    /// whitespace (`text.split(whereSeparator: \.isWhitespace).joined(separator: " ")`) to a
    /// fingerprint hash. Collapsed on the bytes when the range is ASCII, the common case; the text
    /// is never built, as findings on a whole container would make it kilobytes each.
    static func addCollapsedSnippet(_ file: SourceFile, _ range: ByteRange, to hasher: inout FNV1a64) {
        let start = max(0, min(range.start, file.bytes.count))
        let end = max(start, min(range.end, file.bytes.count))
        if start == end { return }
        file.bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var index = start
            while index + 8 <= end {
                if UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
                index += 8
            }
            while index < end {
                if base[index] >= 0x80 {
                    hasher.add(file.text(of: range).split(whereSeparator: { $0.isWhitespace }).joined(separator: " "))
                    return
                }
                index += 1
            }
            var started = false
            var pendingSpace = false
            // Findings on a whole container hash kilobytes each: eight bytes are taken at once
            // when none of them is a space or control byte, or when all are spaces (indentation).
            let ones: UInt64 = 0x0101_0101_0101_0101
            let spaces: UInt64 = 0x2020_2020_2020_2020
            index = start
            while index < end {
                if index + 8 <= end {
                    let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                    if word == spaces {
                        pendingSpace = started
                        index += 8
                        continue
                    }
                    // No byte below 0x21 (the bytes are ASCII): no whitespace among the eight.
                    if (word &- ones &* 0x21) & ~word & 0x8080_8080_8080_8080 == 0 {
                        if pendingSpace {
                            hasher.add(0x20)
                            pendingSpace = false
                        }
                        hasher.add(word: word)
                        started = true
                        index += 8
                        continue
                    }
                }
                let stop = min(index + 8, end)
                while index < stop {
                    let byte = base[index]
                    // Character.isWhitespace for ASCII: U+0009...U+000D and U+0020.
                    if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                        pendingSpace = started
                    } else {
                        if pendingSpace {
                            hasher.add(0x20)
                            pendingSpace = false
                        }
                        hasher.add(byte)
                        started = true
                    }
                    index += 1
                }
            }
        }
    }

    func run(_ analyses: consuming [FileAnalysis], focus: Set<String>?, skipped: [(String, String)]) -> LintOutcome {
        TerraformStage.apply(to: &analyses, configuration: configuration)
        // Findings repeat the same few paths: make them root-relative once per path.
        var relativePaths: [String: String] = [:]
        func rootRelative(_ path: String) -> String {
            if let cached = relativePaths[path] { return cached }
            let relative = self.rootRelative(path)
            relativePaths[path] = relative
            return relative
        }
        let rules = resolvedRules
        // Violations carry their rule as an index: `metadata` is computed through the rule's
        // existential and copies every string of it, which per violation showed in profiles,
        // and a `ResolvedRule` per violation made the violation lists half again as large.
        let ruleIds = rules.map(\.metadata.id)
        let ruleNames = rules.map(\.metadata.name)
        let enabledRuleIndices = rules.indices.filter { rules[$0].enabled }
        let enabledIds = Set(enabledRuleIndices.map { ruleIds[$0] })
        let sourcesByPath = Dictionary(analyses.map { ($0.source.path, $0.source) }, uniquingKeysWith: { _, last in last })
        // Every file's documents move into the one list the model is made of (copying them left
        // each document struct held twice for the rest of the run); `documentRanges[i]` are the
        // documents of `analyses[i]`.
        var documents: [ModelDocument] = []
        documents.reserveCapacity(analyses.reduce(0) { $0 + $1.documents.count })
        var documentRanges: [Range<Int>] = []
        documentRanges.reserveCapacity(analyses.count)
        for index in analyses.indices {
            let start = documents.count
            documents.append(contentsOf: analyses[index].documents)
            analyses[index].documents = []
            documentRanges.append(start..<documents.count)
        }
        let firstPath = analyses.first?.source.path ?? ""
        let project = ProjectModel(documents: documents, repositoryMappings: configuration.repositories)
        let settings = configuration.settings

        // Rules run in parallel; their order in the output comes from sorting, not scheduling.
        var ruleResults: [(rule: Int, violations: [Violation], failure: Violation?)] = ParallelMap.map(
            enabledRuleIndices, workers: workers
        ) { ruleIndex in
            let resolved = rules[ruleIndex]
            let context = RuleContext(project: project, options: resolved.options, settings: settings)
            do {
                var violations = try resolved.rule.check(context)
                Violation.shareMessages(&violations)
                return (ruleIndex, violations, nil)
            } catch {
                let location = (error as? RuleFailure)?.location ?? Location(path: firstPath, range: .point(0))
                let failure = Violation(
                    "rule \(ruleIds[ruleIndex]) (\(ruleNames[ruleIndex])) failed and was skipped for this run: \(error)",
                    at: location)
                return (ruleIndex, [], failure)
            }
        }

        var raw: [(rule: Int, violation: Violation, severity: Severity)] = []
        raw.reserveCapacity(ruleResults.reduce(0) { $0 + $1.violations.count + ($1.failure == nil ? 0 : 1) })
        let ruleIndexById = Dictionary(ruleIds.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        func engineRule(_ rule: EngineRule) -> Int? {
            ruleIndexById[rule.metadata.id].flatMap { rules[$0].enabled ? $0 : nil }
        }
        // A finding at a value a Terraform registry module chose by default says so.
        var defaultNotes: [Location: String] = [:]
        for document in documents {
            for note in document.moduleDefaultNotes { defaultNotes[Location(path: document.path, range: note.range)] = note.note }
        }
        for (ruleIndex, violations, failure) in ruleResults {
            let resolved = rules[ruleIndex]
            let configured = configuration.rules[ruleIds[ruleIndex]]?.severity
                ?? configuration.rules[ruleNames[ruleIndex]]?.severity
            for var violation in violations {
                if !defaultNotes.isEmpty, let note = defaultNotes[violation.location] { violation.message += " (" + note + ")" }
                raw.append((ruleIndex, violation, configured ?? violation.severity ?? resolved.severity))
            }
            if let failure, let internalRule = ruleIndexById[EngineRules.internalError.metadata.id] {
                raw.append((internalRule, failure, rules[internalRule].severity))
            }
        }
        ruleResults.removeAll()
        if let parseRule = engineRule(EngineRules.parseError) {
            for (analysis, range) in zip(analyses, documentRanges) {
                if let error = analysis.parseError {
                    raw.append(
                        (parseRule, Violation(error.message, at: Location(path: analysis.source.path, range: error.range)),
                         rules[parseRule].severity))
                }
                for document in documents[range] {
                    for problem in document.problems {
                        raw.append((parseRule, Violation(problem.message, at: problem.location), rules[parseRule].severity))
                    }
                }
            }
        }
        if let skipRule = engineRule(EngineRules.fileSkipped) {
            for (path, reason) in skipped {
                raw.append((skipRule, Violation(reason, at: Location(path: path, range: .point(0))), rules[skipRule].severity))
            }
            let configured = configuration.rules[EngineRules.fileSkipped.metadata.id]?.severity
                ?? configuration.rules[EngineRules.fileSkipped.metadata.name]?.severity
            for index in analyses.indices {
                guard let error = analyses[index].unreadableTemplate else { continue }
                let analysis = analyses[index]
                let message = "template source not linted: it is not valid \(DocumentParser.format(forPath: analysis.source.path, bytes: analysis.source.bytes).rawValue.uppercased()) until rendered, even with its {{ }} placeholders read as unknown values (\(error.message)); lint the rendered output to check it"
                raw.append(
                    (skipRule, Violation(message, at: Location(path: analysis.source.path, range: error.range)), configured ?? .note))
            }
        }

        // Suppressions: comments and CloudFormation metadata per file, then config ignores.
        var suppressions = analyses.flatMap(\.suppressions)
        let ignoreGlobs = configuration.ignore.map { (Glob($0.path), $0) }
        var used = Array(repeating: false, count: suppressions.count)
        var usedIgnores = Array(repeating: false, count: ignoreGlobs.count)
        var kept: [(rule: Int, violation: Violation, severity: Severity)] = []
        kept.reserveCapacity(raw.count)
        var suppressionsByPath: [String: [Int]] = [:]
        for (position, suppression) in suppressions.enumerated() {
            suppressionsByPath[suppression.path, default: []].append(position)
        }
        for item in raw {
            let violation = item.violation
            let ruleId = ruleIds[item.rule]
            let ruleName = ruleNames[item.rule]
            var silenced = false
            if let positions = suppressionsByPath[violation.location.path], let file = sourcesByPath[violation.location.path] {
                let line = file.line(of: violation.location.range.start)
                for position in positions {
                    let suppression = suppressions[position]
                    if suppression.covers(ruleId: ruleId, ruleName: ruleName),
                        suppression.covers(line: line, offset: violation.location.range.start)
                    {
                        used[position] = true
                        silenced = true
                    }
                }
            }
            let relativePath = ignoreGlobs.isEmpty ? "" : rootRelative(violation.location.path)
            for (position, (glob, entry)) in ignoreGlobs.enumerated() where glob.matchesPath(relativePath) {
                if entry.rules.isEmpty || entry.rules.contains(ruleId) || entry.rules.contains(ruleName) {
                    usedIgnores[position] = true
                    silenced = true
                }
            }
            if !silenced { kept.append(item) }
        }
        raw.removeAll()
        if reportUnusedSuppressions, let unusedRule = ruleIndexById[EngineRules.unusedSuppression.metadata.id] {
            for (position, suppression) in suppressions.enumerated() where !used[position] {
                guard let location = suppression.location else { continue }
                let names = suppression.rules.isEmpty ? "all rules" : suppression.rules.joined(separator: ", ")
                let reachable = suppression.rules.isEmpty
                    || suppression.rules.contains { key in registry.rule(key).map { enabledIds.contains($0.metadata.id) } ?? true }
                guard reachable else { continue }
                // A comment goes with its line; a metadata list or ignore entry is the author's
                // structure to tidy.
                let fix = suppression.origin == .comment
                    ? Fix("Remove the unused suppression comment", safety: .safe,
                          edits: [FixEdit(path: location.path, .removeComment(location.range))])
                    : nil
                kept.append(
                    (unusedRule,
                     Violation(
                        "this \(suppression.origin.rawValue) suppression (\(names)) silences nothing; remove it", at: location,
                        fix: fix),
                     rules[unusedRule].severity))
            }
            for (position, (_, entry)) in ignoreGlobs.enumerated() where !usedIgnores[position] {
                guard let location = entry.location else { continue }
                kept.append(
                    (unusedRule,
                     Violation("the ignore entry for '\(entry.path)' silences nothing; remove it", at: location),
                     rules[unusedRule].severity))
            }
        }
        suppressions.removeAll()

        // Resolve positions and fingerprints. All but the occurrence count depends on one finding
        // alone, so it runs in parallel; the count then runs in order, so the output never
        // depends on scheduling.
        let rootsByPath = Dictionary(grouping: documents, by: \.path).mapValues { $0.map(\.root) }
        let messagePaths = MessagePaths(root: configuration.rootDirectory, paths: sourcesByPath.keys)
        for path in sourcesByPath.keys { _ = rootRelative(path) }
        let knownRelativePaths = relativePaths
        if let focus {
            // Violations come grouped by file: each run of one path is looked up once.
            var lastPath: String?
            var lastInFocus = false
            kept.removeAll { _, violation, _ in
                if violation.location.path != lastPath {
                    lastPath = violation.location.path
                    lastInFocus = focus.contains(violation.location.path)
                }
                return !lastInFocus && !violation.related.contains { focus.contains($0.location.path) }
            }
        }
        // A Terraform module called from several places is evaluated once per call: a problem
        // written in it is found once per call, with the same rule, place and message. One is kept.
        var seenFindings: Set<RepeatedFinding> = []
        kept.removeAll { ruleIndex, violation, _ in
            !seenFindings.insert(RepeatedFinding(rule: ruleIndex, location: violation.location, message: violation.message)).inserted
        }
        seenFindings.removeAll()
        // Each finding's file, looked up once per run of findings in the same file (they come
        // grouped by rule and file): hashing a long path per finding, several times over, cost
        // more than placing it.
        var placedFiles: [PlacedFile] = []
        var fileIndexByPath: [String: Int] = [:]
        var fileIndices: [Int] = []
        fileIndices.reserveCapacity(kept.count)
        var lastPath: String?
        var lastIndex = 0
        for item in kept {
            let path = item.violation.location.path
            if path != lastPath {
                if let known = fileIndexByPath[path] {
                    lastIndex = known
                } else {
                    lastIndex = placedFiles.count
                    fileIndexByPath[path] = lastIndex
                    placedFiles.append(
                        PlacedFile(
                            source: sourcesByPath[path], relativePath: knownRelativePaths[path] ?? rootRelative(path),
                            roots: rootsByPath[path] ?? []))
                }
                lastPath = path
            }
            fileIndices.append(lastIndex)
        }
        // The violations are released as soon as they are placed (the block ends). Fingerprint
        // hashes and findings are made in two passes, so that the findings are made straight
        // into the array that is reported: a list of (finding, hash) pairs turned into findings
        // afterwards held every finding twice, at the run's peak of memory.
        var findings: [Finding] = []
        var hashes: [UInt64] = []
        do {
            let files = placedFiles
            let indices = fileIndices
            let keptItems = kept
            kept = []
            let positions = Array(keptItems.indices)
            let fingerprinting = computesFingerprints || !baseline.isEmpty
            hashes = !fingerprinting ? [] : ParallelMap.map(positions, workers: workers) { position in
                let (ruleIndex, violation, _) = keptItems[position]
                let file = files[indices[position]]
                let range = violation.location.range
                let logicalPath = LogicalPath.of(range, in: file.roots)
                // The key is rule|path|logical path|collapsed snippet, hashed as it is written.
                var key = FNV1a64()
                for part in [ruleIds[ruleIndex], file.relativePath, logicalPath] {
                    key.add(part)
                    key.add(UInt8(ascii: "|"))
                }
                if let source = file.source { LintEngine.addCollapsedSnippet(source, range, to: &key) }
                return key.value
            }
            let unplaced = SourceRange(start: SourcePosition(offset: 0, line: 1, column: 1), end: SourcePosition(offset: 0, line: 1, column: 1))
            findings = ParallelMap.map(positions, workers: workers) { position in
                let (ruleIndex, violation, severity) = keptItems[position]
                let file = files[indices[position]]
                func relative(_ path: String) -> String { knownRelativePaths[path] ?? self.rootRelative(path) }
                let range = file.source.map { $0.range(of: LintEngine.visibleRange(violation.location.range, in: $0)) } ?? unplaced
                let related = violation.related.map { item in
                    RelatedFinding(
                        path: relative(item.location.path),
                        range: sourcesByPath[item.location.path]?.range(of: item.location.range) ?? unplaced,
                        message: messagePaths.relativize(item.message))
                }
                return Finding(
                    ruleId: ruleIds[ruleIndex], ruleName: ruleNames[ruleIndex], severity: severity,
                    message: messagePaths.relativize(violation.message), path: file.relativePath, range: range,
                    related: related)
            }
            // Fixes are rendered in parallel, as few findings carry one: a template of thousands
            // of resources can have thousands.
            let fixed = positions.filter { keptItems[$0].violation.fix != nil }
            if !fixed.isEmpty {
                let paths = Set(fixed.flatMap { keptItems[$0].violation.fix?.edits.map(\.path) ?? [] })
                let renderedTemplates = Set(documents.filter(\.isRenderedTemplate).map(\.path))
                var files: [String: FixRenderer.File] = [:]
                for path in paths {
                    guard let source = sourcesByPath[path] else { continue }
                    files[path] = FixRenderer.File(
                        source: source, roots: rootsByPath[path] ?? [],
                        displayPath: knownRelativePaths[path] ?? rootRelative(path),
                        isRenderedTemplate: renderedTemplates.contains(path))
                }
                let renderer = FixRenderer(files: files)
                let rendered = ParallelMap.map(fixed, workers: workers) { position in
                    keptItems[position].violation.fix.flatMap { renderer.render($0) }
                }
                for (position, fix) in zip(fixed, rendered) { findings[position].fix = fix }
            }
        }
        // Equal keys are counted by their 64-bit hash: keys whose hashes collide already shared
        // a fingerprint, so counting them together only tells their findings apart.
        var fingerprintCounts: [UInt64: Int] = [:]
        for (position, hash) in hashes.enumerated() {
            let occurrence = fingerprintCounts[hash, default: 0]
            fingerprintCounts[hash] = occurrence + 1
            if occurrence > 0 {
                var repeated = FNV1a64(continuing: hash)
                repeated.add("|\(occurrence)")
                findings[position].fingerprintHash = repeated.value
            } else {
                findings[position].fingerprintHash = hash
            }
        }
        hashes = []
        fingerprintCounts.removeAll()
        let allFingerprintHashes = findings.compactMap(\.fingerprintHash)
        if !baseline.isEmpty { findings.removeAll { baseline.contains($0.fingerprint) } }
        Finding.sortForReport(&findings)
        var sources: [String: SourceFile] = [:]
        for (path, source) in sourcesByPath { sources[rootRelative(path)] = source }
        var unrecognizedPaths: [String] = []
        for (analysis, range) in zip(analyses, documentRanges) where focus?.contains(analysis.source.path) ?? true {
            let recognized = documents[range].contains { $0.kind != .unknown }
            if !recognized && !analysis.isRecognized && analysis.parseError == nil && analysis.skipReason == nil
                && analysis.unreadableTemplate == nil
            {
                unrecognizedPaths.append(rootRelative(analysis.source.path))
            }
        }
        var secretRanges: [String: [ByteRange]] = [:]
        for location in SecretDetector.secretLocations(in: project) {
            secretRanges[rootRelative(location.path), default: []].append(location.range)
        }
        return LintOutcome(
            findings: findings, sources: sources, rules: rules,
            fileCount: focus?.count ?? analyses.count, allFingerprintHashes: allFingerprintHashes, project: project,
            unrecognizedPaths: unrecognizedPaths.sorted(), secretRanges: secretRanges, focus: focus)
    }
}

/// What placing a finding needs of its file, looked up once per file.
struct PlacedFile: Sendable {
    var source: SourceFile?
    var relativePath: String
    var roots: [Node]
}

/// What makes two findings the same finding.
struct RepeatedFinding: Hashable {
    var rule: Int
    var location: Location
    var message: String
}
