import Linter

/// One image of one container, with what the cross-file index knows about its repository.
struct ImageUse {
    var taskDefinition: TaskDefinition
    var taskDefinitionIndex: Int
    var container: ContainerDefinition
    var image: ContainerImage
    var target: ProjectIndex.ImageTarget
    var policy: LifecyclePolicy?

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
        image.text ?? image.field.value ?? "image of container '\(container.displayName)'"
    }

    /// Runs the §1.6 simulator for this image; nil when there is no policy or the tag is unknown.
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
    var imageUses: [ImageUse] {
        var uses: [ImageUse] = []
        let model = project
        for (taskIndex, taskDefinition) in model.taskDefinitions.enumerated() {
            for container in taskDefinition.containers {
                for image in container.images where !image.field.isAbsent {
                    let target = model.index.target(of: image, in: taskDefinition, model: model)
                    let policy = target.lifecyclePolicy.map { model.lifecyclePolicies[$0] }
                    uses.append(
                        ImageUse(
                            taskDefinition: taskDefinition, taskDefinitionIndex: taskIndex, container: container,
                            image: image, target: target, policy: policy))
                }
            }
        }
        return uses
    }
}
