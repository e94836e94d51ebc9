/// Turns a parsed document of any recognized shape into model resources.
public struct ModelBuilder: Sendable {
    public var file: SourceFile
    public var limits: ParseLimits
    /// Threads a large CloudFormation template's resources may be built on.
    public var workers: Int

    public init(file: SourceFile, limits: ParseLimits = .default, workers: Int = 1) {
        self.file = file
        self.limits = limits
        self.workers = max(1, workers)
    }

    var path: String { file.path }

    public func build(_ root: Node, documentIndex: Int = 0) -> ModelDocument {
        let kind = DocumentKind.detect(root, path: path)
        var document = ModelDocument(path: path, documentIndex: documentIndex, kind: kind, root: root)
        let reader = ObjectReader(node: root, path: path, style: .camel)
        switch kind {
        case .taskDefinition:
            document.taskDefinitions.append(taskDefinition(reader, origin: .apiInput, document: &document))
        case .taskDefinitionDescription:
            let inner = reader.object("taskDefinition") ?? reader
            document.taskDefinitions.append(taskDefinition(inner, origin: .describeOutput, document: &document))
        case .service:
            document.services.append(service(reader, origin: .apiInput))
        case .serviceDescriptions:
            document.services += reader.objects("services").map { service($0, origin: .describeOutput) }
        case .lifecyclePolicy:
            document.lifecyclePolicies.append(
                lifecyclePolicy(reader, origin: .apiInput, repositoryName: .absent(in: reader.location)))
        case .lifecyclePolicyOutput:
            let textField = reader.string("lifecyclePolicyText")
            if var policy = embeddedPolicy(
                textField, origin: .describeOutput, repositoryName: reader.string("repositoryName"),
                document: &document)
            {
                policy.registry = ECRRegistry.from(registryId: reader.string("registryId").value, uri: nil, arn: nil)
                document.lifecyclePolicies.append(policy)
            }
        case .repository:
            document.repositories.append(repository(reader, origin: .apiInput))
        case .repositoryDescriptions:
            document.repositories += reader.objects("repositories").map { repository($0, origin: .describeOutput) }
        case .cloudFormation:
            buildCloudFormation(root, into: &document)
        case .terraformPlan:
            buildTerraform(root, into: &document)
        case .containerDefinitions:
            document.taskDefinitions.append(containerDefinitionList(root, document: &document))
        case .ecspressoConfig:
            document.ecspressoConfig = EcspressoConfig(reader: ObjectReader(node: root, path: path, style: .snake))
        case .unknown, .terraformSource:
            // Terraform source is evaluated module by module (`TerraformProject`), not per document.
            break
        }
        return document
    }

    // MARK: Task definitions

    func taskDefinition(
        _ reader: ObjectReader, origin: ResourceOrigin, document: inout ModelDocument,
        containerReaders: [ObjectReader]? = nil, containerListField: Field<Node>? = nil,
        imageEvaluator: ((Node) -> [SymbolicString])? = nil
    ) -> TaskDefinition {
        let containerDefinitions = containerReaders ?? reader.objects("containerDefinitions")
        let containers = containerDefinitions.enumerated().map { index, containerReader in
            container(containerReader, index: index, imageEvaluator: imageEvaluator)
        }
        return TaskDefinition(.init(
            reader: reader, origin: origin, family: reader.string("family"), revision: reader.int("revision").value,
            cpu: reader.string("cpu"), memory: reader.string("memory"), networkMode: reader.string("networkMode"),
            requiresCompatibilities: reader.stringList("requiresCompatibilities"), containers: containers,
            containerDefinitionsField: containerListField ?? reader.nodeField("containerDefinitions")))
    }

    func container(
        _ reader: ObjectReader, index: Int, imageEvaluator: ((Node) -> [SymbolicString])?
    ) -> ContainerDefinition {
        let imageField = reader.string("image")
        var values: [SymbolicString]
        if let node = imageField.node {
            if let imageEvaluator {
                values = imageEvaluator(node)
            } else if let text = ObjectReader.stringValue(node), !ValueKind.isUnresolved(node) || ValueKind.containsPlaceholder(text) {
                values = [SymbolicString.parsingPlaceholders(text)]
            } else {
                values = [.unknown]
            }
        } else {
            values = []
        }
        let images = values.map { ContainerImage.make(field: imageField, value: $0) }
        var container = ContainerDefinition(
            reader: reader, index: index, image: images.first ?? ContainerImage.make(field: imageField, value: nil))
        container.imageAlternatives = Array(images.dropFirst())
        return container
    }

    /// A task definition around a bare container list: the containers as written, every
    /// task-level field unknown (not absent, which would mean the API defaults).
    func containerDefinitionList(_ root: Node, document: inout ModelDocument) -> TaskDefinition {
        let listLocation = Location(path: path, range: root.range)
        let wrapper = Node(.object([Entry(key: Node(.string("containerDefinitions", .plain), range: .point(root.range.start)), value: root)]), range: root.range)
        let reader = ObjectReader(node: wrapper, path: path, style: .camel)
        var taskDefinition = taskDefinition(reader, origin: .containerDefinitionList, document: &document)
        let unknownText = Field<String>(state: .unresolved, location: listLocation)
        taskDefinition.family = unknownText
        taskDefinition.cpu = unknownText
        taskDefinition.memory = unknownText
        taskDefinition.networkMode = unknownText
        taskDefinition.requiresCompatibilities = Field(state: .unresolved, location: listLocation)
        return taskDefinition
    }

    // MARK: Services

    func service(_ reader: ObjectReader, origin: ResourceOrigin) -> Service {
        let deployment = reader.object("deploymentConfiguration")
        let breaker = deployment?.object("deploymentCircuitBreaker")
        let absent = Field<Int>.absent(in: deployment?.location ?? reader.location)
        var name = reader.string("serviceName")
        if name.isAbsent, origin == .apiInput, reader.raw("service") != nil { name = reader.string("service") }
        return Service(.init(
            reader: reader, origin: origin, name: name, cluster: reader.string("cluster"),
            taskDefinition: reader.string("taskDefinition"), taskDefinitionLogicalId: nil,
            desiredCount: reader.int("desiredCount"), launchType: reader.string("launchType"),
            capacityProviderStrategy: reader.nodeField("capacityProviderStrategy"),
            platformVersion: reader.string("platformVersion"), schedulingStrategy: reader.string("schedulingStrategy"),
            deploymentControllerType: reader.object("deploymentController")?.string("type")
                ?? .absent(in: reader.location),
            maximumPercent: deployment?.int("maximumPercent") ?? absent,
            minimumHealthyPercent: deployment?.int("minimumHealthyPercent") ?? absent,
            deploymentConfiguration: reader.nodeField("deploymentConfiguration"),
            circuitBreakerEnable: breaker?.bool("enable") ?? .absent(in: deployment?.location ?? reader.location),
            circuitBreakerRollback: breaker?.bool("rollback") ?? .absent(in: deployment?.location ?? reader.location),
            circuitBreaker: deployment?.nodeField("deploymentCircuitBreaker")
                ?? .absent(in: reader.location),
            loadBalancers: reader.objects("loadBalancers").map(ServiceLoadBalancer.init(reader:)),
            loadBalancersField: reader.nodeField("loadBalancers"),
            networkConfiguration: reader.nodeField("networkConfiguration"),
            healthCheckGracePeriodSeconds: reader.int("healthCheckGracePeriodSeconds"),
            serviceRegistries: reader.nodeField("serviceRegistries")))
    }

    // MARK: Repositories and lifecycle policies

    /// The keys that name a repository's fields, which differ between the API's shape (and
    /// CloudFormation's, read through the same reader) and Terraform's `aws_ecr_repository`.
    struct RepositoryKeys {
        var name: String
        var exclusionFilters: String
        var uri: String
        var arn: String

        static let api = RepositoryKeys(
            name: "repositoryName", exclusionFilters: "imageTagMutabilityExclusionFilters", uri: "repositoryUri",
            arn: "repositoryArn")
        static let terraform = RepositoryKeys(
            name: "name", exclusionFilters: "imageTagMutabilityExclusionFilter", uri: "repositoryUrl", arn: "arn")
    }

    func repository(_ reader: ObjectReader, origin: ResourceOrigin, keys: RepositoryKeys = .api) -> Repository {
        let filters = reader.objects(keys.exclusionFilters).map { $0.string("filter") }
        return Repository(.init(
            reader: reader, origin: origin, name: reader.string(keys.name),
            tagMutability: reader.string("imageTagMutability"), exclusionFilters: filters,
            scanOnPush: reader.object("imageScanningConfiguration")?.bool("scanOnPush")
                ?? .absent(in: reader.location),
            lifecyclePolicy: nil,
            registry: ECRRegistry.from(
                registryId: reader.string("registryId").value, uri: reader.string(keys.uri).value,
                arn: reader.string(keys.arn).value)))
    }

    func lifecyclePolicy(
        _ reader: ObjectReader, origin: ResourceOrigin, repositoryName: Field<String>,
        embeddingText: Field<String>? = nil
    ) -> LifecyclePolicy {
        let rules = reader.objects("rules").enumerated().map { LifecycleRule(reader: $1, index: $0) }
        return LifecyclePolicy(.init(
            reader: reader, origin: origin, repositoryName: repositoryName, repositoryLogicalId: nil,
            embeddingText: embeddingText, rulesField: reader.nodeField("rules"), rules: rules))
    }

    /// A policy held as JSON text in a string field.
    func embeddedPolicy(
        _ textField: Field<String>, origin: ResourceOrigin, repositoryName: Field<String>,
        document: inout ModelDocument
    ) -> LifecyclePolicy? {
        guard let node = textField.node, textField.isPresent,
            let inner = embedded(node, what: "lifecycle policy", document: &document)
        else { return nil }
        let reader = ObjectReader(node: inner, path: path, style: .camel)
        return lifecyclePolicy(reader, origin: origin, repositoryName: repositoryName, embeddingText: textField)
    }

    /// Parses JSON held in a string node; a parse failure is recorded as a model problem.
    func embedded(_ node: Node, what: String, document: inout ModelDocument) -> Node? {
        var stringNode = node
        if case .tagged(let tag, let inner) = node.kind, tag.hasPrefix("!!") { stringNode = inner }
        switch EmbeddedDocument.parse(stringNode, in: file, limits: limits) {
        case .success(let embedded):
            return embedded.root
        case .failure(let error):
            document.problems.append(
                ModelProblem(
                    message: "the \(what) text is not valid JSON: \(error.message)",
                    location: Location(path: path, range: error.range)))
            return nil
        }
    }
}
