import Foundation
import Linter
import Rules

let tool = CommandLineTool()
let status = tool.run(Array(CommandLine.arguments.dropFirst()), console: .standard())
exit(status.rawValue)
