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
