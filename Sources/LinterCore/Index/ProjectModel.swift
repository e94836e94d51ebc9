/// Every model resource of a lint run, from all files, with the cross-file index over them.
public struct ProjectModel: Sendable {
    public var documents: [ModelDocument]
    public var taskDefinitions: [TaskDefinition]
    public var services: [Service]
    public var repositories: [Repository]
    public var lifecyclePolicies: [LifecyclePolicy]
    public var scalableTargets: [ScalableTarget]
    public var ecspressoConfigs: [EcspressoConfig]
    public var index: ProjectIndex

    public init(documents: [ModelDocument], repositoryMappings: [String: RepositoryMapping] = [:]) {
        let documents = ProjectModel.pairingEcspressoDefinitions(documents)
        self.documents = documents
        taskDefinitions = documents.flatMap(\.taskDefinitions)
        services = documents.flatMap(\.services)
        repositories = documents.flatMap(\.repositories)
        lifecyclePolicies = documents.flatMap(\.lifecyclePolicies)
        scalableTargets = documents.flatMap(\.scalableTargets)
        ecspressoConfigs = documents.compactMap(\.ecspressoConfig)
        index = ProjectIndex()
        index = ProjectIndex(model: self, repositoryMappings: repositoryMappings)
    }

    /// The document that holds `location`: the one of its file whose root spans it.
    public func document(containing location: Location) -> ModelDocument? {
        documents.first { $0.path == location.path && $0.root.range.contains(location.range.start) }
            ?? documents.first { $0.path == location.path }
    }

    /// A second detection pass that needs every file: ecspresso loads the file an ecspresso
    /// config names as `service_definition` as a service whatever keys it has, so a definition
    /// with too few keys for detection by shape (`{"schedulingStrategy": "DAEMON"}`; ecspresso
    /// fills in `serviceName`, `cluster` and `taskDefinition`) becomes a service here, with
    /// origin `.ecspresso(config:)`. Documents already recognized keep their kind and origin.
    static func pairingEcspressoDefinitions(_ documents: [ModelDocument]) -> [ModelDocument] {
        var configOfServiceFile: [String: String] = [:]
        for document in documents {
            guard let config = document.ecspressoConfig, let service = config.serviceDefinition.value else { continue }
            configOfServiceFile[config.resolve(service)] = config.path
        }
        guard !configOfServiceFile.isEmpty else { return documents }
        return documents.map { document in
            guard document.kind == .unknown, document.documentIndex == 0, document.root.entries != nil,
                let config = configOfServiceFile[document.path]
            else { return document }
            var paired = document
            paired.kind = .service
            let reader = ObjectReader(node: document.root, path: document.path, style: .camel)
            // `service(_:origin:)` reads only the node; the builder's file is not needed.
            let builder = ModelBuilder(file: SourceFile(path: document.path, bytes: []))
            paired.services = [builder.service(reader, origin: .ecspresso(config: config))]
            return paired
        }
    }
}

/// The configuration's tie between a repository name and facts kept outside the linted files.
public struct RepositoryMapping: Sendable, Hashable {
    /// Absolute path of a standalone lifecycle policy file for the repository.
    public var lifecyclePolicyPath: String?
    public var tagMutability: TagMutability?

    public init(lifecyclePolicyPath: String? = nil, tagMutability: TagMutability? = nil) {
        self.lifecyclePolicyPath = lifecyclePolicyPath
        self.tagMutability = tagMutability
    }
}
