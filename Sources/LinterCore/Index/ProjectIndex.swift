/// Links between resources across files. Every lookup is a dictionary access; nothing here is
/// quadratic in the number of files. A link that cannot be established is unknown, never an error.
public struct ProjectIndex: Sendable {
    /// Where an image's repository facts came from.
    public struct ImageTarget: Sendable {
        public var repositoryName: String?
        /// Index into `ProjectModel.repositories`.
        public var repository: Int?
        /// Index into `ProjectModel.lifecyclePolicies`.
        public var lifecyclePolicy: Int?
        /// The tag mutability, when known from a repository resource or the configuration.
        public var mutability: TagMutability?
        /// A repository of the image's name that the linted files place in another account or
        /// region than the image's registry host: not the image's repository, whose lifecycle
        /// policy and settings are then unresolved.
        public var repositoryElsewhere: Int?
    }

    var taskDefinitionsByFamily: [String: [Int]] = [:]
    var taskDefinitionsByPath: [String: [Int]] = [:]
    /// Task definition index → its `revision` (describe output only).
    var revisionOfTaskDefinition: [Int: Int] = [:]
    var taskDefinitionByLogicalId: [String: [String: Int]] = [:]
    var repositoriesByName: [String: [Int]] = [:]
    var repositoryByLogicalId: [String: [String: Int]] = [:]
    var policiesByRepositoryName: [String: [Int]] = [:]
    var policiesByPath: [String: [Int]] = [:]
    /// First policy attached to a CloudFormation repository, by file and repository logical id
    /// (looked up for every image, so that finding it is not a scan of all policies, which would
    /// make CloudFormation projects quadratic).
    var policyByRepositoryLogicalId: [String: [String: Int]] = [:]
    var servicesByName: [String: [Int]] = [:]
    var serviceByLogicalId: [String: [String: Int]] = [:]
    var ecspressoTaskDefinitionForService: [String: String] = [:]
    var repositoryMappings: [String: RepositoryMapping] = [:]
    /// Service index → task definition index.
    public private(set) var taskDefinitionOfService: [Int: Int] = [:]
    /// Services whose family matches several task definitions that nothing tells apart: the
    /// candidates, so that messages can say the link is ambiguous rather than missing.
    public private(set) var ambiguousTaskDefinitionsOfService: [Int: [Int]] = [:]
    /// Task definition index → service indexes.
    public private(set) var servicesOfTaskDefinition: [Int: [Int]] = [:]
    /// Service index → scalable target indexes.
    public private(set) var scalableTargetsOfService: [Int: [Int]] = [:]

    init() {}

    init(model: ProjectModel, repositoryMappings: [String: RepositoryMapping]) {
        self.repositoryMappings = repositoryMappings
        for (position, taskDefinition) in model.taskDefinitions.enumerated() {
            if let family = taskDefinition.family.value { taskDefinitionsByFamily[family, default: []].append(position) }
            taskDefinitionsByPath[taskDefinition.path, default: []].append(position)
            if let revision = taskDefinition.revision { revisionOfTaskDefinition[position] = revision }
            if let id = taskDefinition.origin.logicalId {
                taskDefinitionByLogicalId[taskDefinition.origin.linkScope(path: taskDefinition.path), default: [:]][id] = position
            }
        }
        for (position, repository) in model.repositories.enumerated() {
            if let name = repository.name.value { repositoriesByName[name, default: []].append(position) }
            if let id = repository.origin.logicalId {
                repositoryByLogicalId[repository.origin.linkScope(path: repository.path), default: [:]][id] = position
            }
        }
        for (position, policy) in model.lifecyclePolicies.enumerated() {
            policiesByPath[policy.path, default: []].append(position)
            let policyScope = policy.origin.linkScope(path: policy.path)
            if let id = policy.repositoryLogicalId, policyByRepositoryLogicalId[policyScope]?[id] == nil {
                policyByRepositoryLogicalId[policyScope, default: [:]][id] = position
            }
            if let name = policy.repositoryName.value { policiesByRepositoryName[name, default: []].append(position) }
        }
        for (name, mapping) in repositoryMappings {
            guard let policyPath = mapping.lifecyclePolicyPath else { continue }
            for position in policiesByPath[policyPath] ?? [] where model.lifecyclePolicies[position].repositoryName.value == nil {
                policiesByRepositoryName[name, default: []].append(position)
            }
        }
        for (position, service) in model.services.enumerated() {
            if let name = service.name.value { servicesByName[name, default: []].append(position) }
            if let id = service.origin.logicalId {
                serviceByLogicalId[service.origin.linkScope(path: service.path), default: [:]][id] = position
            }
        }
        for config in model.ecspressoConfigs {
            guard let task = config.taskDefinition.value, let service = config.serviceDefinition.value else { continue }
            ecspressoTaskDefinitionForService[config.resolve(service)] = config.resolve(task)
        }
        for (position, service) in model.services.enumerated() {
            var candidates: [Int] = []
            guard let target = resolveTaskDefinition(of: service, ambiguousAmong: &candidates) else {
                if candidates.count > 1 { ambiguousTaskDefinitionsOfService[position] = candidates }
                continue
            }
            taskDefinitionOfService[position] = target
            servicesOfTaskDefinition[target, default: []].append(position)
        }
        for (position, target) in model.scalableTargets.enumerated() {
            var service: Int?
            if let id = target.serviceLogicalId { service = serviceByLogicalId[target.origin.linkScope(path: target.reader.path)]?[id] }
            if service == nil, let name = target.literalServiceName, let candidates = servicesByName[name],
                candidates.count == 1
            {
                service = candidates.first
            }
            if let service { scalableTargetsOfService[service, default: []].append(position) }
        }
    }

    /// The task definition a service runs: by CloudFormation reference, ecspresso pairing,
    /// or family (`family`, `family:revision` or an ARN).
    /// When the family matches several task definitions and nothing picks one, nil, with the
    /// candidates in `ambiguousAmong`.
    func resolveTaskDefinition(of service: Service, ambiguousAmong ambiguous: inout [Int]) -> Int? {
        if let id = service.taskDefinitionLogicalId {
            return taskDefinitionByLogicalId[service.origin.linkScope(path: service.path)]?[id]
        }
        if let linked = service.linkedTaskDefinitionPath ?? ecspressoTaskDefinitionForService[service.path],
            let candidates = taskDefinitionsByPath[linked], candidates.count == 1
        {
            return candidates.first
        }
        guard let reference = service.taskDefinition.value else { return nil }
        var familyAndRevision = Substring(reference)
        if reference.hasPrefix("arn:"), let slash = reference.lastIndex(ofASCII: "/") {
            familyAndRevision = reference[reference.index(after: slash)...]
        }
        var family = familyAndRevision
        var revision: Int?
        if let colon = familyAndRevision.lastIndex(ofASCII: ":") {
            family = familyAndRevision[..<colon]
            revision = Int(familyAndRevision[familyAndRevision.index(after: colon)...])
        }
        guard let candidates = taskDefinitionsByFamily[String(family)], !candidates.isEmpty else { return nil }
        if candidates.count == 1 { return candidates.first }
        // Several files declare the family: prefer the one in the service's own file or the
        // matching revision; otherwise the link is ambiguous and stays unknown.
        if let sameFile = taskDefinitionsByPath[service.path]?.first(where: candidates.contains) { return sameFile }
        if let revision {
            let matching = candidates.filter { revisionOfTaskDefinition[$0] == revision }
            if matching.count == 1 { return matching.first }
        }
        ambiguous = candidates
        return nil
    }

    /// Repository, lifecycle policy and mutability for an image of a container in `taskDefinition`.
    public func target(of image: ContainerImage, in taskDefinition: TaskDefinition, model: ProjectModel) -> ImageTarget {
        var target = ImageTarget()
        if let id = image.repositoryLogicalId,
            let position = repositoryByLogicalId[taskDefinition.origin.linkScope(path: taskDefinition.path)]?[id]
        {
            target.repository = position
            target.repositoryName = model.repositories[position].name.value
        } else if let name = image.repositoryName {
            target.repositoryName = name
            if let candidates = repositoriesByName[name], let first = candidates.first {
                if let location = image.reference?.ecr {
                    target.repository = candidates.first { model.repositories[$0].registry?.excludes(location) != true }
                    if target.repository == nil { target.repositoryElsewhere = first }
                } else {
                    target.repository = first
                }
            }
        }
        if let position = target.repository {
            let repository = model.repositories[position]
            target.mutability = repository.mutability
            // CloudFormation attaches the policy to the repository; Terraform's
            // aws_ecr_lifecycle_policy names it by reference.
            if let id = repository.origin.logicalId,
                let policy = policyByRepositoryLogicalId[repository.origin.linkScope(path: repository.path)]?[id]
            {
                target.lifecyclePolicy = policy
            }
        }
        if let name = target.repositoryName {
            if target.lifecyclePolicy == nil, let policies = policiesByRepositoryName[name] {
                // A policy that names another registry is not this image's. When the repository
                // of the name is known to be elsewhere, a policy that does not name both the
                // image's account and region most likely belongs with that repository.
                let location = image.reference?.ecr
                target.lifecyclePolicy = policies.first { position in
                    guard let location else { return true }
                    let registry = model.lifecyclePolicies[position].registry
                    if registry?.excludes(location) == true { return false }
                    if target.repositoryElsewhere != nil { return registry?.accountId != nil && registry?.region != nil }
                    return true
                }
            }
            if let mapping = repositoryMappings[name], let mutability = mapping.tagMutability {
                if target.mutability == nil { target.mutability = mutability }
            }
        }
        return target
    }

    public func taskDefinition(ofService position: Int) -> Int? { taskDefinitionOfService[position] }

    /// The task definitions a service may run when its link is ambiguous (empty otherwise).
    public func ambiguousTaskDefinitions(ofService position: Int) -> [Int] {
        ambiguousTaskDefinitionsOfService[position] ?? []
    }

    public func services(ofTaskDefinition position: Int) -> [Int] { servicesOfTaskDefinition[position] ?? [] }

    public func scalableTargets(ofService position: Int) -> [Int] { scalableTargetsOfService[position] ?? [] }
}
