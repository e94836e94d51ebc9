import LinterCore

/// The output formats of `--format`.
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json, sarif, github, gitlab

    /// Whether reports in this format carry each finding's fingerprint.
    public var showsFingerprints: Bool {
        switch self {
        case .json, .sarif, .gitlab: return true
        case .text, .github: return false
        }
    }
}

/// What every reporter may need besides the findings.
public struct ReportContext: Sendable {
    public var outcome: LintOutcome
    public var version: String
    /// Turns a root-relative path into the path shown to the user in text formats.
    public var displayPath: @Sendable (String) -> String
    public var color: Bool
    public var showSource: Bool
    public var sarifTimestamps: Bool
    public var exitCode: ExitCode
    /// Threads a reporter may format findings on (the run's `--jobs`).
    public var workers: Int

    public init(
        outcome: LintOutcome, version: String = ECSLintVersion.current,
        displayPath: @escaping @Sendable (String) -> String = { $0 }, color: Bool = false, showSource: Bool = false,
        sarifTimestamps: Bool = false, exitCode: ExitCode = .clean, workers: Int = 1
    ) {
        self.outcome = outcome
        self.version = version
        self.displayPath = displayPath
        self.color = color
        self.showSource = showSource
        self.sarifTimestamps = sarifTimestamps
        self.exitCode = exitCode
        self.workers = max(1, workers)
    }

    public var findings: [Finding] { outcome.findings }
}

public enum Reporter {
    public static func render(_ format: OutputFormat, _ context: ReportContext) -> String {
        switch format {
        case .text: return TextReporter.render(context)
        case .json: return JSONReporter.render(context)
        case .sarif: return SARIFReporter.render(context)
        case .github: return GitHubReporter.render(context)
        case .gitlab: return GitLabReporter.render(context)
        }
    }

    /// The report as UTF-8: the JSON formats are written as bytes and never made a `String`.
    public static func renderBytes(_ format: OutputFormat, _ context: ReportContext, sarifCategory: String? = nil) -> [UInt8] {
        switch format {
        case .json: return JSONReporter.renderBytes(context)
        case .sarif: return SARIFReporter.renderBytes(context, category: sarifCategory)
        case .gitlab: return GitLabReporter.renderBytes(context)
        case .text, .github: return Array(render(format, context).utf8)
        }
    }

    /// `3 errors, 1 warning, 0 notes in 12 files`, and how many of them were recognized when not
    /// all were: a file that holds no ECS or ECR shape is not "clean", it was not checked.
    public static func summary(_ context: ReportContext) -> String {
        var counts: [Severity: Int] = [:]
        for finding in context.findings { counts[finding.severity, default: 0] += 1 }
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        let files = context.outcome.fileCount
        let unrecognized = min(files, context.outcome.unrecognizedPaths.count)
        var text = "\(plural(counts[.error] ?? 0, "error")), \(plural(counts[.warning] ?? 0, "warning")), "
            + "\(plural(counts[.note] ?? 0, "note")) in \(plural(files, "file"))"
        if unrecognized > 0 {
            let recognized = files - unrecognized
            text += recognized == 0
                ? " (none of them an ECS or ECR shape ecslint knows)"
                : " (\(recognized) of them \(recognized == 1 ? "is an" : "are") ECS or ECR \(recognized == 1 ? "shape" : "shapes"); the rest were not checked)"
        }
        let safe = context.findings.filter { $0.fix?.safety == .safe }.count
        let unsafe = context.findings.filter { $0.fix?.safety == .unsafe }.count
        if safe + unsafe > 0 {
            let parts = [
                safe > 0 ? "\(safe) fixable with --fix" : nil,
                unsafe > 0 ? "\(unsafe) \(safe > 0 ? "more" : "fixable") with --unsafe-fixes" : nil,
            ]
            text += "; " + parts.compactMap { $0 }.joined(separator: ", ")
        }
        return text
    }
}
