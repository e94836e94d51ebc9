import Foundation
import LinterCore
import Linter
import LinterCLI
import Rules

/// Captures what the CLI writes, from any thread.
final class CapturedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var out = ""
    private var err = ""

    func appendOut(_ text: String) { lock.withLock { out += text } }
    func appendErr(_ text: String) { lock.withLock { err += text } }
    var stdout: String { lock.withLock { out } }
    var stderr: String { lock.withLock { err } }
}

/// Runs `ecslint` in process, exactly as `main.swift` does, with a chosen working directory.
enum CLI {
    static let packageRoot: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    struct Result {
        var code: ExitCode
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], in directory: String = packageRoot, stdin: String = "") -> Result {
        let output = CapturedOutput()
        let input = Array(stdin.utf8)
        let console = Console(
            writeOut: { output.appendOut($0) }, writeError: { output.appendErr($0) }, readInput: { maxCount in Array(input.prefix(maxCount)) },
            isTerminal: false, environment: [:], workingDirectory: directory)
        let tool = CommandLineTool(
            context: CommandContext(builtinRules: BuiltinRules.all, shippedRuleFiles: ShippedRules.files(environment: [:])))
        let code = tool.run(arguments, console: console)
        return Result(code: code, stdout: output.stdout, stderr: output.stderr)
    }
}

/// A temporary directory that looks like a project root (it has a `.git` folder).
final class TemporaryProject: @unchecked Sendable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("ecslint-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/.git", withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func write(_ relative: String, _ text: String) throws {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
    }

    func read(_ relative: String) -> String? {
        try? String(contentsOfFile: path + "/" + relative, encoding: .utf8)
    }

    func run(_ arguments: [String], stdin: String = "") -> CLI.Result {
        CLI.run(arguments, in: path, stdin: stdin)
    }
}

/// Compares output with a file under `Tests/Snapshots`; `ECSLINT_UPDATE_SNAPSHOTS=1` rewrites it.
enum Snapshot {
    static func matches(_ actual: String, named name: String) -> (Bool, String) {
        let path = CLI.packageRoot + "/Tests/Snapshots/" + name
        if ProcessInfo.processInfo.environment["ECSLINT_UPDATE_SNAPSHOTS"] == "1" {
            try? actual.write(toFile: path, atomically: true, encoding: .utf8)
            return (true, "")
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            return (false, "missing snapshot \(name); run ECSLINT_UPDATE_SNAPSHOTS=1 swift test")
        }
        if expected == actual { return (true, "") }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, pair) in zip(expectedLines, actualLines).enumerated() where pair.0 != pair.1 {
            return (false, "\(name):\(index + 1) differs\n  expected: \(pair.0)\n  actual:   \(pair.1)")
        }
        return (false, "\(name): \(expectedLines.count) lines expected, \(actualLines.count) produced")
    }
}
