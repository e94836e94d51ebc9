/// `ecslint lsp`. (Stand-in until the language server lands.)
struct LSPCommand {
    static func run(_ arguments: [String], console: Console, context: CommandContext) -> ExitCode {
        console.writeError("ecslint lsp: not available yet\n")
        return .failure
    }
}
