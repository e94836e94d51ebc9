import LinterCore

/// A lint run, composed of stages that each do one job:
///
///     discovery and loading (ProjectLoader: FileDiscovery, FileLoader)
///     → parsing and modelling each file (SourceAnalyzer: FileAnalysis)
///     → Terraform modules evaluated (TerraformStage)
///     → the project model and its index (ProjectModel)
///     → rules (RuleRunner)
///     → suppressions (SuppressionFilter)
///     → placement: focus, positions, fixes (FindingPlacement) and fingerprints (Fingerprinter)
///     → baseline → findings in report order (Finding.sortForReport)
///
/// Violations stay byte ranges until placement; the order of the findings never depends on the
/// threads that computed them.
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
    /// them, and hashing every finding's text costs a large template a noticeable share of its
    /// run; a baseline needs them whatever the format.
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

    public struct MissingPaths: Error, Sendable {
        public var paths: [String]
    }

    /// Lints files and directories on disk. When files are named explicitly (as pre-commit does),
    /// the rest of the project is read as context so that cross-file checks still see it, and
    /// only findings that touch the named files are reported.
    public func lint(paths: [String], workingDirectory: String) throws(MissingPaths) -> LintOutcome {
        var loaded = try ProjectLoader(configuration: configuration, workers: workers)
            .load(paths: paths, workingDirectory: workingDirectory)
        return run(loaded.takeAnalyses(), focus: loaded.focus, skipped: loaded.skipped)
    }

    /// Lints an editor buffer or standard input as the file at `buffer.path` (absolute), with the
    /// rest of the project on disk as context. `analysis` is the buffer already analyzed with
    /// this configuration's limits, when the caller has it.
    public func lint(buffer: SourceFile, analysis: FileAnalysis? = nil, workingDirectory: String) -> LintOutcome {
        var loaded = ProjectLoader(configuration: configuration, workers: workers)
            .load(buffer: .init(source: buffer, analysis: analysis), workingDirectory: workingDirectory)
        return run(loaded.takeAnalyses(), focus: loaded.focus, skipped: loaded.skipped)
    }

    /// Lints files held in memory, and nothing else (examples, tests, fuzzing). `focus` limits
    /// reporting to some of them.
    public func lint(sources: [SourceFile], focus: Set<String>? = nil) -> LintOutcome {
        run(SourceAnalyzer(limits: configuration.limits, workers: workers).analyze(sources), focus: focus, skipped: [])
    }

    func run(_ analyses: consuming [FileAnalysis], focus: Set<String>?, skipped: [(path: String, reason: String)]) -> LintOutcome {
        TerraformStage.apply(to: &analyses, configuration: configuration)
        let table = RuleTable(resolvedRules, configuration: configuration)
        let sources = Dictionary(analyses.map { ($0.source.path, $0.source) }, uniquingKeysWith: { _, last in last })
        let paths = RelativePaths(root: configuration.rootDirectory, paths: sources.keys)
        let documents = ProjectDocuments(taking: &analyses)
        let project = ProjectModel(documents: documents.all, repositoryMappings: configuration.repositories)

        let runner = RuleRunner(table: table, settings: configuration.settings, workers: workers)
        var violations = runner.run(on: project, documents: documents.all, firstPath: analyses.first?.source.path ?? "")
        violations += runner.engineViolations(analyses, documents: documents, skipped: skipped)
        let suppressions = SuppressionFilter(
            suppressions: analyses.flatMap(\.suppressions), ignores: configuration.ignore, reportUnused: reportUnusedSuppressions)
        violations = suppressions.apply(consume violations, table: table, registry: registry, sources: sources, paths: paths)

        let placement = FindingPlacement(sources: sources, paths: paths, documents: documents.all, workers: workers)
        var findings: [Finding] = []
        do {
            let placed = placement.narrow(consume violations, focus: focus)
            let fingerprinter = Fingerprinter(workers: workers)
            let hashes = computesFingerprints || !baseline.isEmpty ? fingerprinter.hashes(placed, table: table) : []
            findings = placement.findings(placed, table: table)
            Fingerprinter.assign(hashes, to: &findings)
        }
        let allFingerprintHashes = findings.compactMap(\.fingerprintHash)
        if !baseline.isEmpty { findings.removeAll { baseline.contains($0.fingerprint) } }
        Finding.sortForReport(&findings)

        var unrecognizedPaths: [String] = []
        for (analysis, range) in zip(analyses, documents.rangesByFile) where focus?.contains(analysis.source.path) ?? true {
            if !documents.all[range].contains(where: { $0.kind != .unknown }) && analysis.isUnrecognized {
                unrecognizedPaths.append(paths.relative(analysis.source.path))
            }
        }
        var secretRanges: [String: [ByteRange]] = [:]
        for location in SecretDetector.secretLocations(in: project) {
            secretRanges[paths.relative(location.path), default: []].append(location.range)
        }
        var sourcesByRelativePath: [String: SourceFile] = [:]
        for (path, source) in sources { sourcesByRelativePath[paths.relative(path)] = source }
        return LintOutcome(
            findings: findings, sources: sourcesByRelativePath,
            rules: table.rules, fileCount: focus?.count ?? analyses.count, allFingerprintHashes: allFingerprintHashes,
            project: project, unrecognizedPaths: unrecognizedPaths.sorted(), secretRanges: secretRanges, focus: focus)
    }
}
