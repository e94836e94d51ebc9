import Foundation
import Testing

/// Where the repository's files are, found from this source file's path (the tests run from
/// any working directory).
public enum TestPaths {
    /// The package root: the directory holding `Package.swift`.
    public static let root: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().standardizedFileURL.path

    /// `Tests/Fixtures`: realistic inputs, one folder per input shape.
    public static let fixtures = root + "/Tests/Fixtures"
    /// `Tests/Snapshots`: expected outputs (`Snapshot`).
    public static let snapshots = root + "/Tests/Snapshots"

    /// A path inside the package.
    public static func inPackage(_ relative: String) -> String { root + "/" + relative }

    /// A fixture's path, relative to `Tests/Fixtures`.
    public static func fixture(_ relative: String) -> String { fixtures + "/" + relative }

    /// The text of a file inside the package.
    public static func read(_ relative: String) throws -> String {
        try String(contentsOfFile: inPackage(relative), encoding: .utf8)
    }
}

/// The read-only reference data beside the repository (`../shared`: the real-world corpus, the
/// conformance suites, the SARIF schema), or where `ECSLINT_SHARED` points. It is absent on a
/// clean clone: tests that need it are disabled with `.requiresShared(…)` and show as skipped.
public enum Shared {
    public static let directory: String = {
        if let configured = ProcessInfo.processInfo.environment["ECSLINT_SHARED"], !configured.isEmpty {
            return URL(fileURLWithPath: configured, relativeTo: URL(fileURLWithPath: TestPaths.root)).standardizedFileURL.path
        }
        return URL(fileURLWithPath: TestPaths.root + "/../shared").standardizedFileURL.path
    }()

    /// The path of something in the shared data, whether or not it exists.
    public static func path(_ relative: String) -> String { directory + "/" + relative }

    /// Whether the shared data holds this file or directory.
    public static func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: path(relative))
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only when `../shared/<relative>` exists; otherwise it is reported as skipped.
    public static func requiresShared(_ relative: String) -> Self {
        .enabled(if: Shared.exists(relative), Testing.Comment(rawValue: "\(Shared.path(relative)) not found"))
    }
}
