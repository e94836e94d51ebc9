struct RulesCommand {
    static func run(_ arguments: [String], console: Console, context: CommandContext) -> ExitCode { .failure }
}
struct ExplainCommand {
    static func run(_ arguments: [String], console: Console, context: CommandContext) -> ExitCode { .failure }
}
struct InitCommand {
    static func run(_ arguments: [String], console: Console, context: CommandContext) -> ExitCode { .failure }
}
struct GenerateDocsCommand {
    static func run(_ arguments: [String], console: Console, context: CommandContext) -> ExitCode { .failure }
}
