#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LinterCore
import Linter
import LinterCLI
import Rules

let environment = EnvironmentVariables.current()
let tool = CommandLineTool(
    context: CommandContext(
        commit: buildCommit, builtinRules: BuiltinRules.all, shippedRuleFiles: ShippedRules.files(environment: environment),
        shippedRuleDirectories: ShippedRules.directories(environment: environment)))
exit(tool.run(Array(CommandLine.arguments.dropFirst()), console: .standard()).rawValue)
