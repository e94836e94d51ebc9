/// The declarations of one Terraform module (the `*.tf` and `*.tf.json` files of a directory)
/// that evaluation needs: its variables and locals, and every file's syntax.
public struct HCLModule: Sendable {
    public struct File: Sendable {
        /// The id in the evaluator's `HCLFileTable`.
        public var id: Int
        public var syntax: HCLFileSyntax

        public init(id: Int, syntax: HCLFileSyntax) {
            self.id = id
            self.syntax = syntax
        }
    }

    /// `variable "name" { default = … sensitive = … }`.
    public struct Variable: Sendable {
        public var name: String
        public var file: Int
        public var block: HCLBlock
        public var defaultExpression: HCLExpression?
        public var isSensitive: Bool
        /// `nullable = false`: a null given for it (a module argument that passes an optional
        /// attribute on) means its default, as Terraform reads it.
        public var isNullable: Bool = true
    }

    /// One attribute of a `locals` block.
    public struct Local: Sendable {
        public var name: String
        public var file: Int
        public var attribute: HCLAttribute
    }

    /// The directory, relative to the project root (`.` for the root).
    public var directory: String
    public var files: [File]
    public var variables: [String: Variable] = [:]
    public var locals: [String: Local] = [:]
    /// `TYPE.NAME` of every resource, `data.TYPE.NAME` of every data source and `module.NAME`
    /// of every module call, for the evaluator's check that a reference names one.
    public private(set) var declaredAddresses: Set<String> = []

    public init(directory: String, files: [File]) {
        self.directory = directory
        self.files = files
        for file in files {
            for block in file.syntax.body.blocks {
                switch block.type {
                case "variable":
                    guard let name = block.labels.first?.value else { continue }
                    func flag(_ name: String) -> Bool? {
                        guard let attribute = block.body.attribute(name), case .literal(.bool(let value)) = attribute.expression.kind
                        else { return nil }
                        return value
                    }
                    variables[name] = Variable(name: name, file: file.id, block: block,
                        defaultExpression: block.body.attribute("default")?.expression, isSensitive: flag("sensitive") ?? false,
                        isNullable: flag("nullable") ?? true)
                case "locals":
                    for attribute in block.body.attributes {
                        locals[attribute.name] = Local(name: attribute.name, file: file.id, attribute: attribute)
                    }
                case "resource" where block.labels.count == 2:
                    declaredAddresses.insert(block.labels[0].value + "." + block.labels[1].value)
                case "data" where block.labels.count == 2:
                    declaredAddresses.insert("data." + block.labels[0].value + "." + block.labels[1].value)
                case "module" where block.labels.count == 1:
                    declaredAddresses.insert("module." + block.labels[0].value)
                default:
                    break
                }
            }
        }
    }

    /// The blocks of one type across the module's files, with their file ids, in file order.
    public func blocks(ofType type: String) -> [(file: Int, block: HCLBlock)] {
        files.flatMap { file in file.syntax.body.blocks(ofType: type).map { (file.id, $0) } }
    }
}
