import Foundation
import LinterCore
import Linter
import LinterCLI
import Rules

/// Captures what the CLI writes, from any thread.
public final class CapturedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var out = ""
    private var err = ""

    public init() {}

    public func appendOut(_ text: String) { lock.withLock { out += text } }
    public func appendErr(_ text: String) { lock.withLock { err += text } }
    public var stdout: String { lock.withLock { out } }
    public var stderr: String { lock.withLock { err } }
}

/// Runs `ecslint` in process, as `main.swift` does, in a chosen working directory.
public enum CLI {
    public struct Result: Sendable {
        public var code: ExitCode
        public var stdout: String
        public var stderr: String

        /// The three parts as a tuple, to destructure: `let (code, out, err) = CLI.run(…).parts`.
        public var parts: (code: ExitCode, out: String, err: String) { (code, stdout, stderr) }
    }

    /// What the shipped executable runs with: the built-in rules and the compiled-in rules.d.
    public static let standard = CommandContext(builtinRules: BuiltinRules.all, shippedRuleFiles: ShippedRules.files(environment: [:]))
    /// The built-in rules alone (no declarative rules).
    public static let builtinOnly = CommandContext(builtinRules: BuiltinRules.all)
    /// No rules at all: the commands that do not lint (`dump`, `--version`).
    public static let bare = CommandContext()

    public static func run(
        _ arguments: [String], in directory: String = TestPaths.root, stdin: String = "", context: CommandContext = standard,
        isTerminal: Bool = false
    ) -> Result {
        let output = CapturedOutput()
        let input = Array(stdin.utf8)
        let console = Console(
            writeOut: { output.appendOut($0) }, writeError: { output.appendErr($0) },
            readInput: { maxCount in Array(input.prefix(maxCount)) }, isTerminal: isTerminal, environment: [:],
            workingDirectory: directory)
        let code = CommandLineTool(context: context).run(arguments, console: console)
        return Result(code: code, stdout: output.stdout, stderr: output.stderr)
    }
}

extension TemporaryProject {
    /// Runs `ecslint ARGS` with the project as the working directory.
    public func run(
        _ arguments: [String], stdin: String = "", context: CommandContext = CLI.standard, isTerminal: Bool = false
    ) -> CLI.Result {
        CLI.run(arguments, in: path, stdin: stdin, context: context, isTerminal: isTerminal)
    }
}
