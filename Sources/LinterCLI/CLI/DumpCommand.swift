#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Linter
import LinterCore

/// `ecslint dump [--positions] [--model] FILE...`: the parser's (or model's) view of files.
struct DumpCommand {
    static let help = """
        Usage: ecslint dump [--positions] [--model] FILE...
               ecslint dump --eval EXPR --in DIR

        Prints each document of each FILE as one line of compact JSON, keys in source order.
        A duplicate key prints once with its last value; a YAML tag prints as {"!Tag": value}.

        Options:
          --positions   add the range (line:col-line:col, UTF-16 columns) of every node
          --model       print the normalized ECS/ECR model and its cross-file links instead
          --eval EXPR   print the value of the Terraform expression EXPR in the module of --in DIR
                        (its variables' defaults, tfvars and locals); unknown values print as
                        {"unknown": expression, "reason": why}
          --scope JSON  names (a JSON object) the expressions of dumped Terraform files may use

        Terraform files (.tf, .tfvars, .hcl, .tf.json) print their body as an array of
        {"attribute", "expression", "value"} and {"type", "labels", "body"} items.
          -h, --help    show this help

        On a parse error, prints path:line:col: error: message to stderr and exits 2.
        """

    static func run(_ arguments: [String], console: Console, context: CommandContext) -> ExitCode {
        var scanner = ArgumentScanner(arguments)
        var positions = false
        var model = false
        var paths: [String] = []
        var evaluation: String?
        var directory = "."
        var scope: String?
        while let argument = scanner.next() {
            switch argument {
            case "--eval", "--in", "--scope":
                guard let value = scanner.next() else {
                    console.writeError("ecslint dump: \(argument) needs a value\n\(help)\n")
                    return .failure
                }
                switch argument {
                case "--eval": evaluation = value
                case "--in": directory = value
                default: scope = value
                }
            case "--positions": positions = true
            case "--model": model = true
            case "-h", "--help":
                console.writeOut(help + "\n")
                return .clean
            default:
                if argument.hasPrefix("-") && argument != "-" {
                    console.writeError("ecslint dump: unknown option '\(argument)'\n\(help)\n")
                    return .failure
                }
                paths.append(argument)
            }
        }
        if let evaluation {
            return HCLDumpCommand.evaluate(evaluation, directory: directory, console: console, limits: context.limits)
        }
        guard !paths.isEmpty else {
            console.writeError("ecslint dump: no FILE given\n\(help)\n")
            return .failure
        }
        if model {
            return ModelDumpCommand.run(paths: paths, console: console, context: context)
        }
        let parser = DocumentParser(limits: context.limits)
        var output = ""
        for path in paths {
            let resolved = FilePath.absolute(path, in: console.workingDirectory)
            guard let data = FileSystem.contents(atPath: resolved) else {
                console.writeError("\(path): error: cannot read file\n")
                return .failure
            }
            let file = SourceFile(path: path, bytes: data)
            if HCLDumpCommand.isHCLPath(path) {
                do {
                    output += HCLDumpCommand.render(try HCLModuleLoader.parse(file, limits: context.limits), file: file, positions: positions, scope: scope) + "\n"
                } catch {
                    console.writeError(error.formatted(in: file) + "\n")
                    return .failure
                }
                continue
            }
            switch parser.parse(file) {
            case .failure(let error):
                console.writeError(error.formatted(in: file) + "\n")
                return .failure
            case .success(let parsed):
                let writer = NodeJSONWriter(includePositions: positions, file: file)
                for document in parsed.documents {
                    output += writer.render(document) + "\n"
                }
            }
        }
        console.writeOut(output)
        return .clean
    }
}
