#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Linter
import LinterCore

/// `ecslint lsp`: the Language Server over standard input and output.
struct LSPCommand {
    static let help = """
        Usage: ecslint lsp [--stdio]

        Runs the Language Server Protocol server over standard input and output, for editors.
        Open ECS/ECR files (JSON or YAML) are linted as you type, with the rest of the project
        (the workspace folder, or the directory holding .ecslint.json or .git) as context; the
        configuration is read again on every lint. Protocol problems are logged to standard error.
        --stdio is accepted (and ignored) for clients that always pass it.

        Exit codes: 0 after 'shutdown' then 'exit', 1 on 'exit' without 'shutdown' or end of input,
        2 on a usage error.
        """

    static func run(_ arguments: [String], console: Console, context: CommandContext) -> ExitCode {
        for argument in arguments {
            switch argument {
            case "-h", "--help":
                console.writeOut(help + "\n")
                return .clean
            case "--stdio":
                continue
            default:
                console.writeError("ecslint lsp: unknown argument '\(argument)'\nRun 'ecslint lsp --help' for usage.\n")
                return .failure
            }
        }
        // A client that goes away must end the server through a failed write, not SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        var server = LanguageServer(linter: WorkspaceLinter(context: context), serverVersion: context.version)
        let loop = LSPStdioLoop.standard(log: { line in console.writeError(line + "\n") })
        let code = loop.run(&server)
        // The protocol's codes: 0 after shutdown, 1 otherwise (ExitCode.findings is 1).
        return code == 0 ? .clean : .findings
    }
}
