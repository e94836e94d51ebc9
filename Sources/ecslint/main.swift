import Foundation
import Linter
import Rules

let tool = CommandLineTool(
    context: CommandContext(builtinRules: BuiltinRules.all, shippedRuleDirectories: ShippedRules.directories()))
exit(tool.run(Array(CommandLine.arguments.dropFirst()), console: .standard()).rawValue)
