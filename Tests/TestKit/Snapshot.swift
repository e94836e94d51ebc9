import Foundation
import Testing

/// Compares output with a file under `Tests/Snapshots`; `ECSLINT_UPDATE_SNAPSHOTS=1 swift test`
/// rewrites the files instead (then review the diff).
public enum Snapshot {
    public static var updating: Bool { ProcessInfo.processInfo.environment["ECSLINT_UPDATE_SNAPSHOTS"] == "1" }

    /// Whether `actual` is the snapshot's text, and where they differ when not. `name` is relative
    /// to `Tests/Snapshots` and may name a subdirectory (`rules/ECS101.txt`).
    public static func matches(_ actual: String, named name: String) -> (Bool, String) {
        let path = TestPaths.snapshots + "/" + name
        if updating {
            let url = URL(fileURLWithPath: path)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(actual.utf8).write(to: url)
            return (true, "")
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            return (false, "missing snapshot \(name); run ECSLINT_UPDATE_SNAPSHOTS=1 swift test")
        }
        if expected == actual { return (true, "") }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, pair) in zip(expectedLines, actualLines).enumerated() where pair.0 != pair.1 {
            return (false, "\(name):\(index + 1) differs (ECSLINT_UPDATE_SNAPSHOTS=1 rewrites it)\n  expected: \(pair.0)\n  actual:   \(pair.1)")
        }
        return (false, "\(name): \(expectedLines.count) lines expected, \(actualLines.count) produced (ECSLINT_UPDATE_SNAPSHOTS=1 rewrites it)")
    }

    /// Records an issue at the caller when `actual` is not the snapshot.
    public static func expect(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let (same, difference) = matches(actual, named: name)
        #expect(same, Testing.Comment(rawValue: difference), sourceLocation: sourceLocation)
    }

    /// The names of the snapshots in a directory of `Tests/Snapshots`, sorted.
    public static func names(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: TestPaths.snapshots + "/" + directory)) ?? []).sorted()
    }
}
