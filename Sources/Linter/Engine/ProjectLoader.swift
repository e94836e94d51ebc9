import LinterCore

/// Reads a project from disk: the files to lint, found by `FileDiscovery`, plus what cross-file
/// checks need beside them (the rest of the project when files are named, lifecycle policy
/// files `.ecslint.json` maps to repositories, definition files an ecspresso config names), each
/// loaded defensively (`FileLoader`) and analyzed (`SourceAnalyzer`).
struct ProjectLoader {
    var configuration: Configuration
    var workers: Int

    struct Loaded {
        var analyses: [FileAnalysis]
        /// The files whose findings are reported, when files were named; nil for all.
        var focus: Set<String>?
        /// Files not linted, and why.
        var skipped: [(path: String, reason: String)]

        /// The analyses, leaving none behind: the run then holds the only reference to the list,
        /// and takes each file's documents out of it without the list being copied and every
        /// per-file document array kept alive by the copy left here.
        mutating func takeAnalyses() -> [FileAnalysis] {
            var taken: [FileAnalysis] = []
            swap(&taken, &analyses)
            return taken
        }
    }

    /// An editor buffer or standard input: linted as the file at its path, in place of that
    /// file on disk, perhaps already analyzed.
    struct Buffer {
        var source: SourceFile
        var analysis: FileAnalysis?
    }

    /// Loads `paths` (the project root when empty). When files are named, as pre-commit does,
    /// the rest of the project is loaded as context, and only the named files are in focus.
    func load(paths: [String], workingDirectory: String) throws(LintEngine.MissingPaths) -> Loaded {
        let requested = discovery.discover(paths.isEmpty ? ["."] : paths, workingDirectory: workingDirectory)
        if !requested.missing.isEmpty { throw LintEngine.MissingPaths(paths: requested.missing) }
        let notices = requested.notices.map { (path: $0.path, reason: $0.message) }
        let namesFiles = paths.contains { PathKind(atPath: FilePath.absolute($0, in: workingDirectory)) == .other }
        guard namesFiles else { return load(requested.files, focus: nil, notices: notices, buffer: nil) }
        let files = Array(Set(requested.files).union(projectFiles(workingDirectory: workingDirectory))).sorted()
        return load(files, focus: Set(requested.files), notices: notices, buffer: nil)
    }

    /// Loads the project around a buffer, which is the only file in focus.
    func load(buffer: Buffer, workingDirectory: String) -> Loaded {
        let files = projectFiles(workingDirectory: workingDirectory).sorted().filter { $0 != buffer.source.path }
        return load(files, focus: [buffer.source.path], notices: [], buffer: buffer)
    }

    private var discovery: FileDiscovery {
        FileDiscovery(root: configuration.rootDirectory, include: configuration.include, exclude: configuration.exclude)
    }

    private func projectFiles(workingDirectory: String) -> [String] {
        discovery.discover([configuration.rootDirectory], workingDirectory: workingDirectory).files
    }

    private func load(
        _ files: [String], focus: Set<String>?, notices: [(path: String, reason: String)], buffer: Buffer?
    ) -> Loaded {
        var files = files
        for mapping in configuration.repositories.values {
            if let policy = mapping.lifecyclePolicyPath, !files.contains(policy), FileSystem.exists(atPath: policy) {
                files.append(policy)
            }
        }
        var skipped = notices
        let maxFileSize = configuration.maxFileSize
        let loaded: [(String, FileLoader.Outcome)] = ParallelMap.map(files, workers: workers) { path in
            (path, FileLoader.load(path, maxSize: maxFileSize))
        }
        var sources: [SourceFile] = buffer.flatMap { $0.analysis == nil ? [$0.source] : nil } ?? []
        for (path, outcome) in loaded {
            switch outcome {
            case .loaded(let bytes): sources.append(SourceFile(path: path, bytes: bytes))
            case .skipped(let reason), .unreadable(let reason):
                if focus == nil || focus?.contains(path) == true { skipped.append((path, reason)) }
            }
        }
        let analyzer = SourceAnalyzer(limits: configuration.limits, workers: workers)
        var analyses = (buffer?.analysis.map { [$0] } ?? []) + analyzer.analyze(sources)
        for path in ecspressoDefinitions(outside: analyses) {
            if case .loaded(let bytes) = FileLoader.load(path, maxSize: maxFileSize) {
                analyses += analyzer.analyze([SourceFile(path: path, bytes: bytes)])
            }
        }
        return Loaded(analyses: analyses, focus: focus, skipped: skipped)
    }

    /// The task and service definition files that ecspresso configs name and that are not among
    /// the analyzed files (they may lie outside the linted paths), sorted.
    private func ecspressoDefinitions(outside analyses: [FileAnalysis]) -> [String] {
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
        return extra.sorted()
    }
}

/// Parses and models files (`FileAnalysis.analyze`) on the run's threads.
struct SourceAnalyzer {
    var limits: ParseLimits
    var workers: Int

    func analyze(_ sources: [SourceFile], largeFileBytes: Int = FileAnalysis.largeFileBytes) -> [FileAnalysis] {
        let limits = limits
        let workers = workers
        // Small files run in parallel with each other. A large file instead spreads its own work
        // over the threads (its resources are modelled in parallel), so it is analyzed on its
        // own, outside the files' parallel map: libdispatch runs an apply nested in another
        // serially, which would leave all but one thread idle.
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
}
