import LinterCore

/// One resource a declarative rule looks at, with what its paths and message placeholders need.
struct TargetInstance {
    var reader: ObjectReader
    /// Where findings about absent fields point.
    var location: Location
    /// A field the model has worked out and that is spelled differently per input shape (`name`
    /// of a service or repository), by its single-segment path.
    var virtualField: (name: String, field: Field<Node>)?
    /// Image facts: for the `image` target at the root, for a container under `image.`.
    var image: ContainerImage?
    var imageUnderKey = false
    var templateValues = TemplateValues()

    /// The values of a message's named placeholders. Plain stored properties, not a dictionary:
    /// every rule builds one per resource of the project, and most are never rendered.
    struct TemplateValues {
        var family: String?
        var containerName: String?
        var serviceName: String?
        var repositoryName: String?

        subscript(name: String) -> String? {
            switch name {
            case "family": return family
            case "container.name": return containerName
            case "service.name": return serviceName
            case "repository.name": return repositoryName
            default: return nil
            }
        }
    }

    /// Visits every instance of a target in the project, in model order, without collecting them.
    /// `containerImages`: whether `container` instances carry their image's facts (`image.tag`…).
    static func forEach(
        _ target: DeclarativeTarget, in project: ProjectModel, containerImages: Bool = true, _ body: (TargetInstance) -> Void
    ) {
        switch target {
        case .taskDefinition:
            for definition in project.taskDefinitions {
                var instance = TargetInstance(reader: definition.reader, location: definition.location)
                instance.virtualField = ("containerDefinitions", definition.containerDefinitionsField)
                instance.templateValues.family = definition.displayName
                body(instance)
            }
        case .container:
            for definition in project.taskDefinitions {
                let family = definition.displayName
                for container in definition.containers {
                    var instance = TargetInstance(reader: container.reader, location: container.location)
                    if containerImages { instance.image = container.image }
                    instance.imageUnderKey = true
                    instance.templateValues.family = family
                    instance.templateValues.containerName = container.displayName
                    body(instance)
                }
            }
        case .image:
            for definition in project.taskDefinitions {
                let family = definition.displayName
                for container in definition.containers {
                    for image in container.images {
                        var instance = TargetInstance(reader: container.reader, location: image.location)
                        instance.image = image
                        instance.templateValues.family = family
                        instance.templateValues.containerName = container.displayName
                        body(instance)
                    }
                }
            }
        case .service:
            for service in project.services {
                var instance = TargetInstance(reader: service.reader, location: service.location)
                instance.virtualField = ("name", service.name.map { _ in service.name.node })
                instance.templateValues.serviceName = service.displayName
                body(instance)
            }
        case .repository:
            for repository in project.repositories {
                var instance = TargetInstance(reader: repository.reader, location: repository.location)
                instance.virtualField = ("name", repository.name.map { _ in repository.name.node })
                instance.templateValues.repositoryName = repository.displayName
                body(instance)
            }
        case .lifecyclePolicy:
            for policy in project.lifecyclePolicies {
                var instance = TargetInstance(reader: policy.reader, location: policy.location)
                instance.virtualField = ("repositoryName", policy.repositoryName.map { _ in policy.repositoryName.node })
                instance.templateValues.repositoryName = policy.repositoryName.value ?? "(unknown repository)"
                body(instance)
            }
        case .lifecycleRule:
            for policy in project.lifecyclePolicies {
                let repositoryName = policy.repositoryName.value ?? "(unknown repository)"
                for rule in policy.rules {
                    var instance = TargetInstance(reader: rule.reader, location: rule.location)
                    instance.templateValues.repositoryName = repositoryName
                    body(instance)
                }
            }
        }
    }

    // MARK: Path resolution

    func resolve(_ path: RulePath) -> [ResolvedValue] {
        let segments = path.segments[...]
        if let image, let result = resolveImage(path, image: image) { return result }
        if case .key(let name) = segments.first, let (virtualName, field) = virtualField, virtualName == name, segments.count == 1 {
            switch field.state {
            case .absent:
                return [ResolvedValue(state: .absent, location: location, path: path.text, isSecret: path.isSecret)]
            case .unresolved, .present:
                guard let node = field.node else {
                    return [ResolvedValue(state: .absent, location: location, path: path.text, isSecret: path.isSecret)]
                }
                let state: ResolvedValue.State = ValueKind.isUnresolved(node) ? .unresolved : .present(node)
                return [ResolvedValue(state: state, location: field.location, path: path.text, isSecret: path.isSecret)]
            }
        }
        return walk(reader.node, segments, concrete: "")
            .map { ResolvedValue(state: $0.0, location: $0.1, path: $0.2, isSecret: path.isSecret) }
    }

    private func walk(_ node: Node, _ segments: ArraySlice<PathSegment>, concrete: String)
        -> [(ResolvedValue.State, Location, String)]
    {
        guard let segment = segments.first else {
            if ValueKind.isUnresolved(node) { return [(.unresolved, reader.location(of: node), concrete)] }
            return [(.present(node), reader.location(of: node), concrete)]
        }
        let rest = segments.dropFirst()
        func absent(_ suffix: String) -> [(ResolvedValue.State, Location, String)] {
            [(.absent, location, concrete + suffix + Self.text(rest))]
        }
        if ValueKind.isUnresolved(node) {
            return [(.unresolved, reader.location(of: node), concrete + Self.text(segments))]
        }
        var current = ObjectReader.unwrapCoreTag(node)
        switch segment {
        case .key(let name):
            let suffix = concrete.isEmpty ? name : concrete + "." + name
            if reader.style == .snake, let elements = current.elements, elements.count == 1, elements[0].entries != nil {
                current = elements[0]
            }
            guard current.entries != nil, let entry = reader.entry(name, in: current) else {
                return [(.absent, location, suffix + Self.text(rest))]
            }
            let value = entry.value
            if reader.isUnset(value, field: name) { return [(.absent, location, suffix + Self.text(rest))] }
            return walk(value, rest, concrete: suffix)
        case .elements:
            var elements = current.elements
            if elements == nil, reader.style == .snake, current.entries != nil { elements = [current] }
            guard let elements else { return [] }
            return elements.enumerated().flatMap { index, element in
                walk(element, rest, concrete: concrete + "[\(index)]")
            }
        case .index(let index):
            guard let elements = current.elements, index < elements.count else { return absent("[\(index)]") }
            return walk(elements[index], rest, concrete: concrete + "[\(index)]")
        }
    }

    static func text(_ segments: ArraySlice<PathSegment>) -> String {
        var output = ""
        for segment in segments {
            switch segment {
            case .key(let name): output += "." + name
            case .elements: output += "[*]"
            case .index(let index): output += "[\(index)]"
            }
        }
        return output
    }

    /// `registry`, `repository`, `tag`, `digest`, `reference` of an image, as far as known.
    private func resolveImage(_ path: RulePath, image: ContainerImage) -> [ResolvedValue]? {
        let names = path.segments.compactMap { segment -> String? in
            if case .key(let name) = segment { return name }
            return nil
        }
        guard names.count == path.segments.count else { return nil }
        let part: String
        if imageUnderKey {
            guard names.count == 2, names[0] == "image" else { return nil }
            part = names[1]
        } else {
            guard names.count == 1 else { return nil }
            part = names[0]
        }
        let anchor = image.location
        func value(_ text: String?, knownAbsent: Bool) -> ResolvedValue {
            let state: ResolvedValue.State
            if image.field.isAbsent {
                state = .absent
            } else if let text {
                state = .present(Node(.string(text, .plain), range: anchor.range))
            } else if knownAbsent {
                state = .absent
            } else {
                state = .unresolved
            }
            return ResolvedValue(state: state, location: anchor, path: path.text, isSecret: false)
        }
        if let reference = image.reference {
            switch part {
            case "registry": return [value(reference.registry, knownAbsent: false)]
            case "repository": return [value(reference.repository, knownAbsent: false)]
            case "tag": return [value(reference.tag, knownAbsent: true)]
            case "digest": return [value(reference.digest, knownAbsent: true)]
            case "reference": return [value(image.text, knownAbsent: false)]
            default: return nil
            }
        }
        switch part {
        case "registry", "reference": return [value(nil, knownAbsent: false)]
        case "repository": return [value(image.repositoryName, knownAbsent: false)]
        case "tag":
            switch image.tag {
            case .named(let tag): return [value(tag, knownAbsent: true)]
            case .implicitLatest, .none: return [value(nil, knownAbsent: image.parseError == nil)]
            case .unknown: return [value(nil, knownAbsent: false)]
            }
        case "digest":
            if image.isDigestPinned { return [value(image.digest, knownAbsent: false)] }
            switch image.tag {
            case .named, .implicitLatest: return [value(nil, knownAbsent: image.parseError == nil)]
            case .none, .unknown: return [value(nil, knownAbsent: false)]
            }
        default: return nil
        }
    }
}
