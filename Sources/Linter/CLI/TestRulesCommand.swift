/// `ecslint test-rules [DIR]`. (Stand-in until declarative rules land.)
struct TestRulesCommand {
    static func run(_ arguments: [String], console: Console, context: CommandContext) -> ExitCode {
        console.writeError("ecslint test-rules: not available yet\n")
        return .failure
    }
}
