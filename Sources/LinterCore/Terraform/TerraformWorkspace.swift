/// What one evaluation of a project's Terraform source shares: the modules by directory and the
/// one table of files that every value's span points into.
///
/// A reference type used by one thread, for the length of one lint run: the module instances it
/// evaluates hand the file table to each other (`withFiles`), so that a file id means the same
/// file in every module, whichever evaluator read the file first.
final class TerraformWorkspace: @unchecked Sendable {
    /// The project root, absolute; every path below is relative to it.
    let root: String
    let access: TerraformFileAccess
    let parseLimits: ParseLimits
    let evaluationLimits: HCLEvaluationLimits
    /// The latest file table: evaluators take it before they run and give it back after.
    var files = HCLFileTable()
    private var modules: [String: HCLModuleLoader.Result?] = [:]
    /// Files that did not parse, reported once each.
    private(set) var parseErrors: [(path: String, error: ParseError)] = []
    private var reportedErrors: Set<String> = []

    /// How deep local module calls may nest.
    static let maxModuleDepth = 8

    init(root: String, access: TerraformFileAccess, parseLimits: ParseLimits, evaluationLimits: HCLEvaluationLimits) {
        self.root = root
        self.access = access
        self.parseLimits = parseLimits
        self.evaluationLimits = evaluationLimits
    }

    /// The module in `directory` (relative), loaded on first use; nil when it holds no Terraform
    /// file. `isRoot` also reads its tfvars files.
    func module(at directory: String, isRoot: Bool) -> HCLModuleLoader.Result? {
        let key = (isRoot ? "root:" : "called:") + directory
        if let known = modules[key] { return known }
        var table = files
        let loaded = HCLModuleLoader.load(
            directory: directory, access: access, files: &table, isRoot: isRoot, parseLimits: parseLimits,
            evaluationLimits: evaluationLimits)
        files = table
        for (path, error) in loaded.errors where reportedErrors.insert(path).inserted {
            parseErrors.append((path, error))
        }
        let result: HCLModuleLoader.Result? = loaded.module.files.isEmpty && loaded.errors.isEmpty ? nil : loaded
        modules[key] = result
        return result
    }

    /// The values a variable file (tfvars syntax or its JSON form) sets, as `-var-file` reads it.
    func variableValues(fromFile path: String) -> [String: HCLValue] {
        guard case .success(let bytes) = access.read(path, limit: evaluationLimits.maxFileSize) else { return [:] }
        let file = SourceFile(path: path, bytes: bytes)
        let syntax: HCLFileSyntax
        do {
            syntax = try HCLModuleLoader.parse(file, limits: parseLimits)
        } catch {
            if reportedErrors.insert(path).inserted { parseErrors.append((path, error)) }
            return [:]
        }
        var evaluator = HCLEvaluator(files: files, fileAccess: access, limits: evaluationLimits)
        let id = evaluator.addFile(file)
        var values: [String: HCLValue] = [:]
        for attribute in syntax.body.attributes {
            values[attribute.name] = evaluator.evaluate(attribute.expression, inFile: id)
        }
        files = evaluator.files
        return values
    }

    /// Runs `body` on `evaluator` with the latest file table, and keeps the table it leaves.
    func withFiles<Result>(_ evaluator: inout HCLEvaluator, _ body: (inout HCLEvaluator) -> Result) -> Result {
        evaluator.files = files
        let result = body(&evaluator)
        files = evaluator.files
        return result
    }

    private var manifests: [String: TerraformModuleManifest] = [:]

    /// The `.terraform/modules/modules.json` of the root module in `directory`, read once.
    func manifest(ofRootModule directory: String) -> TerraformModuleManifest {
        if let known = manifests[directory] { return known }
        let manifest = TerraformModuleManifest.read(
            rootModule: directory, access: access, limits: parseLimits, maxFileSize: evaluationLimits.maxFileSize)
        manifests[directory] = manifest
        return manifest
    }

    /// The absolute path of a file of the table.
    func absolutePath(ofFile id: Int) -> String? {
        guard let file = files[id] else { return nil }
        return FilePath.normalize(root + "/" + file.path)
    }
}
