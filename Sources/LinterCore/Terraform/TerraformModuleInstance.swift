/// One instance of a Terraform module: the root module of a directory, or a module called from
/// another instance with the arguments of its `module` block, whose source is a local path or a
/// directory `terraform init` fetched it into (`TerraformModuleManifest`).
///
/// A reference type, like its workspace: instances are created while another instance is being
/// evaluated (a `module.x.output` reference), keep their evaluator's caches between uses, and
/// are used by one thread during one lint run. `release()` breaks the instance ↔ resolver cycle.
final class TerraformModuleInstance: @unchecked Sendable {
    let workspace: TerraformWorkspace
    let module: HCLModule
    /// `""` for a root module; `module.app`, `module.app["x"].module.db` for called ones.
    let address: String
    /// The root module directory this instance was reached from: the scope its references
    /// resolve in.
    let scope: String
    /// The names of the module calls from the root module to this instance (`["ecs", "service"]`),
    /// as `modules.json` keys them.
    let callPath: [String]
    let depth: Int
    /// A module evaluated on its own although nothing in the project calls it, or a root module:
    /// variables without a value take their defaults, which findings mark as assumptions.
    var evaluator: HCLEvaluator
    /// Called instances by call key (`app`, `app[0]`, `app["x"]`); nil when the call cannot be
    /// evaluated (a registry module that was not fetched, too deep, no files).
    private var children: [String: TerraformModuleInstance?] = [:]

    init(
        workspace: TerraformWorkspace, module: HCLModule, address: String, scope: String, callPath: [String] = [], depth: Int,
        variableValues: [String: HCLValue]
    ) {
        self.workspace = workspace
        self.module = module
        self.address = address
        self.scope = scope
        self.callPath = callPath
        self.depth = depth
        evaluator = HCLEvaluator(
            module: module, files: workspace.files, variableValues: variableValues, fileAccess: workspace.access,
            limits: workspace.evaluationLimits,
            paths: HCLPaths(
                module: module.directory == scope ? "." : FilePath.relative("/" + module.directory, to: "/" + scope), root: ".",
                workingDirectory: scope))
        evaluator.resolver = TerraformResolver(instance: self)
        evaluator.treatsUndeclaredAsUnknown = true
    }

    /// Forgets the resolver, which holds this instance, and the children's.
    func release() {
        evaluator.resolver = HCLUnresolvedReferences()
        for case let child? in children.values { child.release() }
        children = [:]
    }

    /// `expression`, written in file `file` of this module, evaluated in `context`.
    func evaluate(_ expression: HCLExpression, inFile file: Int, context: HCLContext = HCLContext()) -> HCLValue {
        workspace.withFiles(&evaluator) { $0.evaluate(expression, inFile: file, context: context) }
    }

    /// The full address of a resource of this instance.
    func qualified(_ address: String) -> String {
        self.address.isEmpty ? address : self.address + "." + address
    }

    // MARK: Module calls

    /// The meta-arguments of a `module` block, which are not inputs.
    static let moduleMetaArguments: Set<String> = ["source", "version", "count", "for_each", "providers", "depends_on"]

    /// The directory a `module` block calls, relative to the project root, when its source is a
    /// local path (`./service`, `../modules/ecs`).
    func localSource(of block: HCLBlock, file: Int) -> String? {
        guard let attribute = block.body.attribute("source"),
            case .template(let template) = attribute.expression.kind, let source = template.literalText,
            source.hasPrefix("./") || source.hasPrefix("../")
        else { return nil }
        return HCLProjectPath.resolve(source, against: module.directory)
    }

    /// The directory a `module` block's source is read from: a local path, else the directory
    /// `terraform init` fetched it into, when the root module has a `modules.json` that lists it.
    func sourceDirectory(of block: HCLBlock, file: Int) -> String? {
        if let local = localSource(of: block, file: file) { return local }
        guard let name = block.labels.first?.value else { return nil }
        return workspace.manifest(ofRootModule: scope).directories[(callPath + [name]).joined(separator: ".")]
    }

    /// The instance of the module call `name` (with its instance key, if it has `count` or
    /// `for_each`), created with its arguments evaluated by `caller` (this instance's evaluator,
    /// borrowed while it evaluates). A repeated call without a key is one symbolic instance when
    /// `symbolic` (for the model, when the keys are unknown), else unknown: its outputs would be a
    /// collection. Nil when the call cannot be evaluated.
    func child(_ name: String, key: HCLTraversal.Step?, symbolic: Bool = false, caller: inout HCLEvaluator) -> TerraformModuleInstance? {
        let callKey = name + (key.map(TerraformModuleInstance.keyText) ?? "")
        if let known = children[callKey] { return known }
        guard depth < TerraformWorkspace.maxModuleDepth,
            let (file, block) = module.blocks(ofType: "module").first(where: { $0.block.labels.first?.value == name }),
            let directory = sourceDirectory(of: block, file: file)
        else { return nil }
        let isRepeated = block.body.attribute("count") != nil || block.body.attribute("for_each") != nil
        if isRepeated && key == nil && !symbolic { return nil }
        if !isRepeated && key != nil { return nil }
        children[callKey] = .some(nil)
        var context = HCLContext()
        if let key {
            guard let instanceContext = TerraformInstances.context(of: block, file: file, key: key, evaluator: &caller) else { return nil }
            context = instanceContext
        }
        workspace.files = caller.files
        let loaded = workspace.module(at: directory, isRoot: false)
        caller.files = workspace.files
        guard let loaded else { return nil }
        var inputs: [String: HCLValue] = [:]
        for attribute in block.body.attributes where !TerraformModuleInstance.moduleMetaArguments.contains(attribute.name) {
            // References in an argument name the caller's resources, wherever the value is used.
            inputs[attribute.name] = caller.evaluate(attribute.expression, inFile: file, context: context).leavingModule(address)
        }
        workspace.files = caller.files
        let instance = TerraformModuleInstance(
            workspace: workspace, module: loaded.module, address: qualified("module." + callKey), scope: scope,
            callPath: callPath + [name], depth: depth + 1, variableValues: inputs)
        children[callKey] = instance
        return instance
    }

    /// The value of output `name`, as seen from the calling module.
    func output(_ name: String) -> HCLValue? {
        guard let (file, block) = module.blocks(ofType: "output").first(where: { $0.block.labels.first?.value == name }),
            let attribute = block.body.attribute("value")
        else { return nil }
        return evaluate(attribute.expression, inFile: file).leavingModule(address)
    }

    /// Every instance of every module call read from a directory, for the model. A call whose `count` or
    /// `for_each` is unknown is one symbolic instance.
    func allChildren() -> [TerraformModuleInstance] {
        var result: [TerraformModuleInstance] = []
        for (file, block) in module.blocks(ofType: "module") {
            guard let name = block.labels.first?.value, sourceDirectory(of: block, file: file) != nil else { continue }
            let keys = workspace.withFiles(&evaluator) { TerraformInstances.keys(of: block, file: file, evaluator: &$0) } ?? [nil]
            for key in keys {
                if let instance = workspace.withFiles(&evaluator, { child(name, key: key, symbolic: true, caller: &$0) }) {
                    result.append(instance)
                }
            }
        }
        return result
    }

    /// `[0]`, `["api"]`.
    static func keyText(_ step: HCLTraversal.Step) -> String {
        switch step {
        case .index(let index): return "[\(index)]"
        case .key(let key): return "[" + NodeJSONWriter.quoted(key) + "]"
        case .attribute(let name): return "." + name
        }
    }
}
