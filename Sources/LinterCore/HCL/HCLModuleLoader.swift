/// Reads a Terraform module directory: its `*.tf` and `*.tf.json` files, and for a root module
/// the variable files Terraform loads automatically, in Terraform's order (`terraform.tfvars`,
/// `terraform.tfvars.json`, then `*.auto.tfvars` and `*.auto.tfvars.json` by name; later files
/// override earlier ones).
public enum HCLModuleLoader {
    public struct Result: Sendable {
        public var module: HCLModule
        /// Variable values from the variable files (empty for a module that is not the root).
        public var variableValues: [String: HCLValue]
        /// Files that did not parse, with their errors; the module holds the others.
        public var errors: [(path: String, error: ParseError)]
    }

    /// Whether `path` is read as the JSON variant.
    public static func isJSONVariant(_ path: String) -> Bool { path.hasSuffix(".json") }

    /// Parses one configuration or variable file by its extension.
    public static func parse(_ file: SourceFile, limits: ParseLimits = .default) throws(ParseError) -> HCLFileSyntax {
        if file.path.hasSuffix(".tfvars.json") { return try HCLJSON.parseVariables(file.bytes, limits: limits) }
        if isJSONVariant(file.path) { return try HCLJSON.parseConfiguration(file.bytes, limits: limits) }
        return try HCLParser(limits: limits).parse(file.bytes)
    }

    /// Loads `directory` (relative to the root of `access`). File ids are added to `files`.
    public static func load(
        directory: String, access: any HCLFileAccess, files: inout HCLFileTable, isRoot: Bool = true,
        parseLimits: ParseLimits = .default, evaluationLimits: HCLEvaluationLimits = .default
    ) -> Result {
        let names = access.fileNames(in: directory)
        let prefix = directory == "." ? "" : directory + "/"
        var moduleFiles: [HCLModule.File] = []
        var errors: [(path: String, error: ParseError)] = []
        for name in names where name.hasSuffix(".tf") || name.hasSuffix(".tf.json") {
            let path = prefix + name
            guard case .success(let bytes) = access.read(path, limit: evaluationLimits.maxFileSize) else { continue }
            let file = SourceFile(path: path, bytes: bytes)
            do {
                let syntax = try parse(file, limits: parseLimits)
                moduleFiles.append(HCLModule.File(id: files.add(file), syntax: syntax))
            } catch {
                errors.append((path, error))
            }
        }
        let module = HCLModule(directory: directory, files: moduleFiles)
        var values: [String: HCLValue] = [:]
        if isRoot {
            let automatic = names.filter { $0.hasSuffix(".auto.tfvars") || $0.hasSuffix(".auto.tfvars.json") }.sorted()
            let ordered = ["terraform.tfvars", "terraform.tfvars.json"].filter(names.contains) + automatic
            for name in ordered {
                let path = prefix + name
                guard case .success(let bytes) = access.read(path, limit: evaluationLimits.maxFileSize) else { continue }
                let file = SourceFile(path: path, bytes: bytes)
                do {
                    let syntax = try parse(file, limits: parseLimits)
                    let id = files.add(file)
                    var evaluator = HCLEvaluator(files: files, fileAccess: access, limits: evaluationLimits)
                    for attribute in syntax.body.attributes {
                        values[attribute.name] = evaluator.evaluate(attribute.expression, inFile: id)
                    }
                } catch {
                    errors.append((path, error))
                }
            }
        }
        return Result(module: module, variableValues: values, errors: errors)
    }
}
