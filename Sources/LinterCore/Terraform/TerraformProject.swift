/// The Terraform source of a project, evaluated as Terraform builds it and mapped onto the model.
///
/// Every directory that holds `*.tf` or `*.tf.json` files is a module. A module that another
/// module of the project calls with a local `source` is evaluated through those calls, with
/// their arguments: a reusable module on its own is not a deployment. The others are root
/// modules: evaluated with their tfvars files, their variables' defaults standing in (as
/// assumptions) for the values a deployment may give.
public enum TerraformProject {
    public struct Result: Sendable {
        /// Model documents by the absolute path of the file their resources are declared in.
        public var documents: [String: ModelDocument] = [:]
        /// Files read during evaluation that findings may point into (templates, JSON read
        /// with `file()`, modules' files), by absolute path.
        public var readFiles: [SourceFile] = []
        /// Files whose whole content a resource used (container definitions or a policy read
        /// with `file()` or `templatefile()`): linted through that resource, not on their own.
        public var consumedPaths: Set<String> = []
        /// Files that did not parse, by absolute path.
        public var parseErrors: [(path: String, error: ParseError)] = []
        /// The module directories, absolute.
        public var moduleDirectories: Set<String> = []
    }

    /// Evaluates the modules in `directories` (absolute, inside `root`). `loaded` holds the
    /// files the run already read (absolute path → bytes), which win over the disk.
    /// `varFiles` (absolute) apply, after the tfvars files Terraform reads itself, to the root
    /// module in their directory.
    public static func evaluate(
        directories: Set<String>, root: String, loaded: [String: [UInt8]], parseLimits: ParseLimits,
        evaluationLimits: HCLEvaluationLimits, varFiles: [String] = []
    ) -> Result {
        let rootPath = FilePath.normalize(root)
        func relative(_ path: String) -> String? {
            let normalized = FilePath.normalize(path)
            if normalized == rootPath { return "." }
            guard normalized.hasPrefix(rootPath == "/" ? "/" : rootPath + "/") else { return nil }
            return String(normalized.dropFirst(rootPath == "/" ? 1 : rootPath.count + 1))
        }
        var loadedByRelative: [String: [UInt8]] = [:]
        for (path, bytes) in loaded { if let key = relative(path) { loadedByRelative[key] = bytes } }
        let workspace = TerraformWorkspace(
            root: rootPath, access: TerraformFileAccess(root: rootPath, loaded: loadedByRelative), parseLimits: parseLimits,
            evaluationLimits: evaluationLimits)
        let moduleDirectories = directories.compactMap(relative).sorted()
        var result = Result()

        // Which modules are called by another: those are evaluated only through their calls.
        var called: Set<String> = []
        for directory in moduleDirectories {
            guard let loaded = workspace.module(at: directory, isRoot: false) else { continue }
            result.moduleDirectories.insert(FilePath.normalize(rootPath + "/" + directory))
            let probe = TerraformModuleInstance(
                workspace: workspace, module: loaded.module, address: "", scope: directory, depth: 0, variableValues: [:])
            for (file, block) in loaded.module.blocks(ofType: "module") {
                if let target = probe.localSource(of: block, file: file), target != directory { called.insert(target) }
            }
            probe.release()
        }
        var roots = moduleDirectories.filter { !called.contains($0) }
        if roots.isEmpty { roots = moduleDirectories }

        var consumed: Set<Int> = []
        for directory in roots {
            guard let loaded = workspace.module(at: directory, isRoot: true) else { continue }
            var variableValues = loaded.variableValues
            for varFile in varFiles {
                guard let path = relative(varFile), FilePath.directory(of: path) == directory
                    || (directory == "." && !path.contains("/"))
                else { continue }
                variableValues.merge(workspace.variableValues(fromFile: path)) { _, new in new }
            }
            let rootInstance = TerraformModuleInstance(
                workspace: workspace, module: loaded.module, address: "", scope: directory, depth: 0,
                variableValues: variableValues)
            var pending = [rootInstance]
            while let instance = pending.popLast() {
                mapResources(of: instance, into: &result.documents, consumed: &consumed)
                mapRegistryModuleCalls(of: instance, into: &result.documents, consumed: &consumed)
                if instance.depth < TerraformWorkspace.maxModuleDepth { pending += instance.allChildren() }
            }
            rootInstance.release()
        }

        for id in 0..<workspace.files.files.count {
            guard let source = workspace.files[id], let path = workspace.absolutePath(ofFile: id) else { continue }
            if loaded[path] == nil { result.readFiles.append(SourceFile(path: path, bytes: source.bytes)) }
            if consumed.contains(id) { result.consumedPaths.insert(path) }
        }
        for (path, error) in workspace.parseErrors {
            result.parseErrors.append((FilePath.normalize(rootPath + "/" + path), error))
        }
        return result
    }

    /// Maps every instance of every supported resource of `instance` into the documents of the
    /// files that declare them.
    static func mapResources(of instance: TerraformModuleInstance, into documents: inout [String: ModelDocument], consumed: inout Set<Int>) {
        for (file, block) in instance.module.blocks(ofType: "resource") {
            guard block.labels.count == 2, TerraformResourceMapper.supportedTypes.contains(block.labels[0].value),
                let path = instance.workspace.absolutePath(ofFile: file)
            else { continue }
            let type = block.labels[0].value
            let keys = instance.workspace.withFiles(&instance.evaluator) { TerraformInstances.keys(of: block, file: file, evaluator: &$0) } ?? [nil]
            for key in keys {
                let values = instance.workspace.withFiles(&instance.evaluator) { evaluator -> TerraformBlockValues in
                    var context = HCLContext()
                    if let key, let keyed = TerraformInstances.context(of: block, file: file, key: key, evaluator: &evaluator) {
                        context = keyed
                    }
                    return TerraformBlockValues.evaluate(block.body, range: block.range, file: file, context: context, evaluator: &evaluator)
                }
                let address = type + "." + block.labels[1].value + (key.map(TerraformModuleInstance.keyText) ?? "")
                var mapper = TerraformResourceMapper(
                    instance: instance, type: type, address: address, file: file, node: values.node(), arguments: values.argumentValues,
                    ignoredChanges: TerraformBlockValues.ignoredChanges(of: block))
                var document = documents[path]
                    ?? ModelDocument(path: path, documentIndex: 0, kind: .terraformSource, root: Node(.object([]), range: .point(0)))
                mapper.map(into: &document)
                consumed.formUnion(mapper.consumedFiles)
                documents[path] = document
            }
        }
    }

    /// Maps the resources of every registry module call of `instance` that is not present (not
    /// fetched by `terraform init`) and whose inputs ecslint understands, into the document of
    /// the file that holds the call.
    static func mapRegistryModuleCalls(of instance: TerraformModuleInstance, into documents: inout [String: ModelDocument], consumed: inout Set<Int>) {
        for (file, block) in instance.module.blocks(ofType: "module") {
            guard instance.sourceDirectory(of: block, file: file) == nil, let path = instance.workspace.absolutePath(ofFile: file),
                let source = TerraformModuleCall.registrySource(of: block), let module = TerraformRegistryModules.module(for: source)
            else { continue }
            let keys = instance.workspace.withFiles(&instance.evaluator) { TerraformInstances.keys(of: block, file: file, evaluator: &$0) } ?? [nil]
            for key in keys {
                guard let call = instance.workspace.withFiles(&instance.evaluator, {
                    TerraformModuleCall.evaluate(block, file: file, key: key, caller: instance, evaluator: &$0)
                }) else { continue }
                var document = documents[path]
                    ?? ModelDocument(path: path, documentIndex: 0, kind: .terraformSource, root: Node(.object([]), range: .point(0)))
                for resource in module.resources(of: call) {
                    var mapper = TerraformResourceMapper(
                        instance: instance, type: resource.type, address: call.localAddress + "." + resource.address, file: file,
                        node: resource.node(of: call), arguments: resource.argumentValues, ignoredChanges: resource.ignoredChanges)
                    mapper.map(into: &document)
                    consumed.formUnion(mapper.consumedFiles)
                }
                let note = ModuleDefaultNote(range: call.defaultSpan.range, note: call.defaultNote)
                if !document.moduleDefaultNotes.contains(note) { document.moduleDefaultNotes.append(note) }
                documents[path] = document
            }
        }
    }
}
