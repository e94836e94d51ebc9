#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Linter
import Rules

let tool = CommandLineTool(
    context: CommandContext(builtinRules: BuiltinRules.all, shippedRuleDirectories: ShippedRules.directories()))
exit(tool.run(Array(CommandLine.arguments.dropFirst()), console: .standard()).rawValue)
