struct ModelDumpCommand {
    static func run(paths: [String], console: Console, context: CommandContext) -> ExitCode {
        console.writeError("ecslint dump --model: not available yet\n")
        return .failure
    }
}
