/// Maps one evaluated resource instance of Terraform source onto the model, as a plan's resource
/// is mapped (`ModelBuilder+Terraform`), with what source has and a plan does not: JSON built
/// with `jsonencode`, read with `file()` or rendered from a template keeps the positions of the
/// literals that made it; references to other resources link by address; and `lifecycle`
/// settings say what Terraform leaves to others.
struct TerraformResourceMapper {
    let instance: TerraformModuleInstance
    /// `aws_ecs_task_definition`, …
    let type: String
    /// The address within its module, with the instance key (`aws_ecs_task_definition.app["api"]`).
    let address: String
    /// The file the resource is written in: a `resource` block's, or the `module` block's of a
    /// registry module whose inputs describe it.
    let file: Int
    /// The arguments in a plan's shape (snake_case, nested blocks as lists of objects).
    let node: Node
    /// The evaluated value of each argument, for what the node does not keep (references, JSON).
    let arguments: [String: HCLValue]
    /// `lifecycle { ignore_changes }`: what Terraform leaves to others.
    let ignoredChanges: Set<String>

    static let supportedTypes: Set<String> = [
        "aws_ecs_task_definition", "aws_ecs_service", "aws_ecr_repository", "aws_ecr_lifecycle_policy",
        "aws_appautoscaling_target",
    ]

    var workspace: TerraformWorkspace { instance.workspace }
    var origin: ResourceOrigin { .terraformModule(address: instance.qualified(address), module: instance.scope) }

    /// Files whose whole content a resource used (container definitions read with `file()`),
    /// which the engine then does not lint a second time on their own.
    var consumedFiles: [Int] = []

    func builder(forFile id: Int) -> ModelBuilder? {
        guard let path = workspace.absolutePath(ofFile: id), let source = workspace.files[id] else { return nil }
        return ModelBuilder(file: SourceFile(path: path, bytes: source.bytes), limits: workspace.parseLimits)
    }

    /// Adds the resource to `document` (whose file is the block's).
    public mutating func map(into document: inout ModelDocument) {
        guard let builder = builder(forFile: file) else { return }
        let reader = ObjectReader(node: node, path: builder.path, style: .snake)
        switch type {
        case "aws_ecs_task_definition":
            var taskDefinition = mapTaskDefinition(reader, builder: builder, document: &document)
            taskDefinition.ignoredChanges = ignoredChanges
            document.taskDefinitions.append(taskDefinition)
        case "aws_ecs_service":
            var service = builder.terraformService(reader, origin: origin)
            service.taskDefinitionLogicalId = arguments["task_definition"].flatMap {
                referencedAddress($0, type: "aws_ecs_task_definition", attributes: ["arn", "arn_without_revision", "family", "id", "revision"])
            }
            service.ignoredChanges = ignoredChanges
            document.services.append(service)
        case "aws_ecr_repository":
            builder.terraformResource(type: type, address: address, values: reader.node, into: &document, origin: origin)
            if var repository = document.repositories.popLast() {
                // Exclusion filters written as a dynamic block with an unknown for_each are unknown.
                if reader.nodeField("imageTagMutabilityExclusionFilter").isUnresolved {
                    repository.exclusionFilters = [Field(state: .unresolved, location: repository.location)]
                }
                document.repositories.append(repository)
            }
        case "aws_ecr_lifecycle_policy":
            mapLifecyclePolicy(reader, document: &document)
        case "aws_appautoscaling_target":
            builder.terraformResource(type: type, address: address, values: reader.node, into: &document, origin: origin)
            if var target = document.scalableTargets.popLast() {
                target.serviceLogicalId = arguments["resource_id"].flatMap {
                    referencedAddress($0, type: "aws_ecs_service", attributes: ["name"])
                }
                document.scalableTargets.append(target)
            }
        default:
            break
        }
    }

    // MARK: Task definitions

    private mutating func mapTaskDefinition(_ reader: ObjectReader, builder: ModelBuilder, document: inout ModelDocument) -> TaskDefinition {
        let listField = reader.nodeField("containerDefinitions")
        guard let value = arguments["container_definitions"], let (home, nodes, structure) = jsonDocument(of: value),
            let homeBuilder = self.builder(forFile: home)
        else {
            if let value = arguments["container_definitions"] {
                note(value, attribute: "container_definitions", at: listField.location, into: &document)
            }
            return builder.taskDefinition(reader, origin: origin, document: &document, containerReaders: [], containerListField: listField)
        }
        if nodes.elements == nil { note(value, attribute: "container_definitions", at: listField.location, into: &document) }
        if case .rendered(let rendering)? = value.derivation, home != file, rendering.segments.count == 1 {
            consumedFiles.append(home)
        }
        let elements = nodes.elements ?? []
        var imagesByRange: [ByteRange: [SymbolicString]] = [:]
        for (position, element) in elements.enumerated() {
            guard let imageNode = element["image"], let imageValue = structure?[position]?["image"] else { continue }
            let symbolic = TerraformImageValue.symbolic(imageValue, instance: instance)
            imagesByRange[imageNode.range] = [symbolic]
            if ContainerImage.make(field: Field(state: .present(""), location: Location(path: homeBuilder.path, range: imageNode.range)), value: symbolic).tag == .unknown {
                let name = element["name"].flatMap(ObjectReader.stringValue) ?? "#\(position + 1)"
                note(imageValue, attribute: "image of container '\(name)'", at: Location(path: homeBuilder.path, range: imageNode.range), into: &document)
            }
        }
        let containerReaders = elements.compactMap { element in
            element.entries == nil ? nil : ObjectReader(node: element, path: homeBuilder.path, style: .camel)
        }
        var list = listField
        if nodes.elements == nil { list = Field(state: .unresolved, location: listField.location, keyLocation: listField.keyLocation, node: listField.node) }
        var taskDefinition = builder.taskDefinition(
            reader, origin: origin, document: &document, containerReaders: containerReaders, containerListField: list,
            imageEvaluator: { node in
                if let known = imagesByRange[node.range] { return known }
                if let text = ObjectReader.stringValue(node), !ValueKind.isUnresolved(node) { return [SymbolicString.parsingPlaceholders(text)] }
                return [.unknown]
            })
        // An image written elsewhere (a module call's argument, a variable's default) is
        // anchored where its text is written: that is the line to change.
        for index in taskDefinition.containers.indices {
            guard let span = structure?[index]?["image"]?.span, span.file != home,
                let path = workspace.absolutePath(ofFile: span.file)
            else { continue }
            let field = taskDefinition.containers[index].image.field
            taskDefinition.containers[index].image.field = Field(state: field.state, location: Location(path: path, range: span.range))
        }
        return taskDefinition
    }

    /// The JSON document a string holds: the file it is best pointed into (where most of it was
    /// written: the `.tf` file for `jsonencode` of literals, the template or JSON file that was
    /// read), the tree with ranges in that file, and its values with their references.
    func jsonDocument(of value: HCLValue) -> (home: Int, nodes: Node, structure: HCLValue?)? {
        var home = file
        var structure: HCLValue?
        switch value.derivation {
        case .jsonEncoded(let encoded)?:
            structure = encoded
            if let span = encoded.span { home = span.file }
        case .rendered(let rendering)?:
            if let first = rendering.segments.first(where: \.isVerbatim) { home = first.span.file }
            if let root = try? JSONParser(limits: workspace.parseLimits).parse(rendering.text) {
                structure = HCLValue.fromJSON(root, span: { rendering.span(ofRendered: $0) }, rendering: rendering)
            }
        case nil:
            guard value.string != nil else { return nil }
        }
        guard let nodes = value.jsonDocument(inFile: home, limits: workspace.parseLimits) else { return nil }
        return (home, nodes, structure)
    }

    // MARK: Lifecycle policies

    private mutating func mapLifecyclePolicy(_ reader: ObjectReader, document: inout ModelDocument) {
        let repositoryName = reader.string("repository")
        let repositoryLogicalId = arguments["repository"].flatMap {
            referencedAddress($0, type: "aws_ecr_repository", attributes: ["name", "id"])
        }
        guard let policyValue = arguments["policy"], let (home, nodes, _) = jsonDocument(of: policyValue),
            let homeBuilder = builder(forFile: home), nodes.entries != nil
        else {
            if let policyValue = arguments["policy"] { note(policyValue, attribute: "policy", at: reader.nodeField("policy").location, into: &document) }
            return
        }
        if case .rendered(let rendering)? = policyValue.derivation, home != file, rendering.segments.count == 1 {
            consumedFiles.append(home)
        }
        let policyReader = ObjectReader(node: nodes, path: homeBuilder.path, style: .camel)
        // The text ECR receives is the string Terraform sends, not the expression that made it.
        var policy = homeBuilder.lifecyclePolicy(
            policyReader, origin: origin, repositoryName: repositoryName, embeddingText: reader.string("policy"))
        policy.repositoryLogicalId = repositoryLogicalId
        document.lifecyclePolicies.append(policy)
    }

    // MARK: What stayed unknown

    /// Records why `value` (or the unknown parts of it) is not known.
    func note(_ value: HCLValue, attribute: String, at location: Location, into document: inout ModelDocument) {
        var unknowns: [HCLUnknown] = []
        func collect(_ value: HCLValue) {
            switch value.kind {
            case .unknown(let unknown): unknowns.append(unknown)
            case .partial(let parts): parts.forEach(collect)
            case .tuple(let elements): elements.forEach(collect)
            case .object(let members): members.forEach { collect($0.value) }
            default: break
            }
            if case .rendered(let rendering)? = value.derivation { rendering.placeholders.forEach { collect($0.value) } }
        }
        collect(value)
        if unknowns.isEmpty {
            unknowns = [HCLUnknown(expression: workspace.files.text(of: HCLSpan(file: file, range: location.range)), reason: "not a JSON document")]
        }
        for unknown in unknowns.prefix(3) {
            document.unresolved.append(UnresolvedValue(
                resource: instance.qualified(address), attribute: attribute, expression: unknown.expression, reason: unknown.reason,
                location: location))
        }
    }

    // MARK: References

    /// The full address of the `type` resource that `value` refers to through one of
    /// `attributes` (`aws_ecs_task_definition.app.arn` → `aws_ecs_task_definition.app`), found in
    /// the value or the parts of a partly known string.
    func referencedAddress(_ value: HCLValue, type: String, attributes: Set<String>) -> String? {
        var candidates: [HCLValue] = [value]
        if let parts = value.partialParts { candidates += parts }
        if case .rendered(let rendering)? = value.derivation { candidates += rendering.placeholders.map(\.value) }
        for candidate in candidates {
            guard let unknown = candidate.unknown, let reference = unknown.reference, reference.root == type else { continue }
            let names = reference.attributeNames
            guard let name = names.first else { continue }
            let attribute = reference.steps.last.flatMap { step -> String? in
                if case .attribute(let text) = step { return text }
                return nil
            }
            guard let attribute, attributes.contains(attribute) else { continue }
            let local = type + "." + name
            let module = unknown.module ?? instance.address
            return module.isEmpty ? local : module + "." + local
        }
        return nil
    }
}
