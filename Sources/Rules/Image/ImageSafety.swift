import LinterCore

/// One image of one container, with what the cross-file index knows about its repository.
struct ImageUse {
    var container: ContainerDefinition
    var image: ContainerImage
    var target: ProjectIndex.ImageTarget
    var policy: LifecyclePolicy?
    /// A linted repository of the image's name in another account or region than the image's
    /// registry (`ImageTarget.repositoryElsewhere`): not the image's repository.
    var repositoryElsewhere: Repository?

    /// The tag as written, or `latest` when none is written.
    var tagForSimulation: String? {
        switch image.tag {
        case .named(let tag): return tag
        case .implicitLatest: return "latest"
        case .none: return nil
        case .unknown: return nil
        }
    }

    var versionConsistencyEnabled: Bool {
        container.versionConsistency.value?.lowercased() != "disabled"
    }

    /// "web:1.4.2" or the written reference, for messages.
    var displayReference: String {
        image.displayText ?? "image of container '\(container.displayName)'"
    }

    /// Runs the simulator of docs/aws-semantics.md §1.6 for this image; nil when there is no policy or the tag is unknown.
    func fate(settings: LintSettings) -> ImageFate? {
        guard let policy, image.tag != .unknown else { return nil }
        let query = ImageFateQuery(
            tag: tagForSimulation, digestPinned: image.isDigestPinned, coTags: settings.coTags,
            mutability: target.mutability, versionConsistencyEnabled: versionConsistencyEnabled)
        return simulateImageFate(policy: policy.specification, query: query)
    }

    /// The lifecycle rule a verdict names, as a related location.
    func relatedRule(_ verdict: ImageVerdict) -> [RelatedLocation] {
        guard let index = verdict.ruleIndex, let rule = policy?.rule(atIndex: index) else { return [] }
        let description = rule.description.value.map { " (\"\($0)\")" } ?? ""
        return [RelatedLocation(rule.location, "lifecycle \(rule.label)\(description) owns this image")]
    }
}

extension RuleContext {
    /// Every image of every container, with its repository facts.
    var imageUses: ImageUses { ImageUses(model: project) }
}

/// The image uses of a project, made one at a time as they are iterated and never held as a
/// list: a list would hold a copy of every image and policy per use (a seventh of the peak heap
/// of the benchmark's 10k-file project) and be built again by each rule that walks it. The
/// iterator is written out because a chain of lazy `flatMap`s over task definitions, containers
/// and images, which gives the same sequence, takes 3.5 % more instructions on that project.
struct ImageUses: Sequence {
    let model: ProjectModel

    func makeIterator() -> Iterator { Iterator(model: model) }

    struct Iterator: IteratorProtocol {
        let model: ProjectModel
        var taskIndex = 0
        var containers: [ContainerDefinition] = []
        var containerIndex = 0
        /// 0 is the container's image; k > 0 is its alternative k - 1.
        var imagePosition = 0

        init(model: ProjectModel) {
            self.model = model
            if let first = model.taskDefinitions.first { containers = first.containers }
        }

        mutating func next() -> ImageUse? {
            while taskIndex < model.taskDefinitions.count {
                while containerIndex < containers.count {
                    let container = containers[containerIndex]
                    let alternatives = container.imageAlternatives
                    while imagePosition <= alternatives.count {
                        let image = imagePosition == 0 ? container.image : alternatives[imagePosition - 1]
                        imagePosition += 1
                        guard !image.field.isAbsent else { continue }
                        let target = model.index.target(of: image, in: model.taskDefinitions[taskIndex], model: model)
                        let policy = target.lifecyclePolicy.map { model.lifecyclePolicies[$0] }
                        let elsewhere = target.repositoryElsewhere.map { model.repositories[$0] }
                        return ImageUse(
                            container: container, image: image, target: target, policy: policy, repositoryElsewhere: elsewhere)
                    }
                    containerIndex += 1
                    imagePosition = 0
                }
                taskIndex += 1
                containerIndex = 0
                containers = taskIndex < model.taskDefinitions.count ? model.taskDefinitions[taskIndex].containers : []
            }
            return nil
        }
    }
}

extension RuleContext {
    /// The images whose task definition Terraform hands over after creating it, with why: a
    /// service that `ignore_changes = [task_definition]` (a CodeDeploy or pipeline deployment
    /// registers the revisions that run), or a task definition that ignores changes to its
    /// `container_definitions`. The image in the file is then only the first one deployed.
    func imagesDeployedElsewhere() -> [Location: String] {
        var result: [Location: String] = [:]
        for view in project.taskDefinitionViews {
            let taskDefinition = view.taskDefinition
            var reason: String?
            if taskDefinition.ignoredChanges.contains("container_definitions") || taskDefinition.ignoredChanges.contains("all") {
                reason = "task definition '\(taskDefinition.displayName)' ignores changes to its container_definitions"
            } else if let service = view.services.first(where: { $0.ignoresChanges(to: "task_definition") })
            {
                reason = "service '\(service.displayName)' ignores changes to its task_definition"
            }
            guard let reason else { continue }
            for container in taskDefinition.containers {
                for image in container.images { result[image.location] = reason }
            }
        }
        return result
    }
}

extension Array where Element == Violation {
    /// Findings on an image that runs only until a deployment outside Terraform replaces it,
    /// as notes that say so.
    func notingImagesDeployedElsewhere(_ context: RuleContext) -> [Violation] {
        let elsewhere = context.imagesDeployedElsewhere()
        guard !elsewhere.isEmpty else { return self }
        return map { violation in
            guard let reason = elsewhere[violation.location] else { return violation }
            var noted = violation
            noted.severity = .note
            noted.message += " (\(reason), so the image written here is only the first one deployed; the revisions that run are registered elsewhere)"
            return noted
        }
    }
}
