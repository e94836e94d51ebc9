/// CloudFormation templates: PascalCase properties, intrinsics, and links between resources.
extension ModelBuilder {
    /// Templates with at least this many resources are built on several threads.
    static let parallelResourceThreshold = 256

    func buildCloudFormation(_ root: Node, into document: inout ModelDocument) {
        let template = CloudFormationTemplate(root: root)
        let resources = template.resources
        guard workers > 1, resources.count >= Self.parallelResourceThreshold else {
            for resource in resources { addResource(resource, of: template, into: &document) }
            return
        }
        // Resources are built independently; contiguous chunks appended in order give the same
        // model as one pass, whatever the scheduling.
        let chunks = ParallelMap.chunks(of: resources.count, size: (resources.count + workers * 4 - 1) / (workers * 4))
        let empty = ModelDocument(path: document.path, documentIndex: document.documentIndex, kind: document.kind, root: root)
        let parts = ParallelMap.map(chunks, workers: workers) { chunk in
            var part = empty
            for resource in resources[chunk] { addResource(resource, of: template, into: &part) }
            return part
        }
        for part in parts { document.append(contentsOf: part) }
    }

    private func addResource(
        _ resource: CloudFormationTemplate.Resource, of template: CloudFormationTemplate, into document: inout ModelDocument
    ) {
        recordMetadataSuppression(resource, into: &document)
        guard let properties = resource.properties, properties.entries != nil else {
            return
        }
        let reader = ObjectReader(node: properties, path: path, style: .pascal)
        let origin = ResourceOrigin.cloudFormation(logicalId: resource.logicalId)
        switch resource.type {
        case "AWS::ECS::TaskDefinition", "AWS::ECS::DaemonTaskDefinition":
            var taskDefinition = self.taskDefinition(
                reader, origin: origin, document: &document, imageEvaluator: { template.evaluate($0) })
            taskDefinition.reader = reader
            document.taskDefinitions.append(taskDefinition)
        case "AWS::ECS::Service":
            var service = self.service(reader, origin: origin)
            if let node = reader.raw("taskDefinition"), let target = template.referencedResource(node),
                let type = template.resourceType(target.logicalId), type.hasPrefix("AWS::ECS::")
            {
                service.taskDefinitionLogicalId = target.logicalId
            }
            document.services.append(service)
        case "AWS::ECR::Repository":
            var repository = cloudFormationRepository(reader, origin: origin)
            if let policyReader = reader.object("lifecyclePolicy"),
                let policy = cloudFormationPolicy(policyReader, origin: origin, document: &document)
            {
                var attached = policy
                attached.repositoryLogicalId = resource.logicalId
                attached.repositoryName = repository.name
                repository.lifecyclePolicy = attached
                document.lifecyclePolicies.append(attached)
            }
            document.repositories.append(repository)
        case "AWS::ApplicationAutoScaling::ScalableTarget":
            document.scalableTargets.append(scalableTarget(reader, origin: origin, template: template))
        default:
            break
        }
    }

    func recordMetadataSuppression(_ resource: CloudFormationTemplate.Resource, into document: inout ModelDocument) {
        guard let ignore = resource.metadata?["ecslint"]?["ignore"] else { return }
        let items = ignore.elements ?? [ignore]
        var rules: [String] = []
        var ranges: [ByteRange] = []
        for item in items {
            if let text = ObjectReader.stringValue(item) {
                rules.append(text)
                ranges.append(item.range)
            }
        }
        let range = ByteRange(start: resource.keyRange.start, end: max(resource.keyRange.end, resource.node.range.end))
        document.metadataSuppressions.append(MetadataSuppression(resourceRange: range, rules: rules, ruleLocations: ranges))
    }

    func cloudFormationRepository(_ reader: ObjectReader, origin: ResourceOrigin) -> Repository {
        let filters = reader.objects("imageTagMutabilityExclusionFilters").map {
            $0.string("imageTagMutabilityExclusionFilterValue")
        }
        let scanning = reader.object("imageScanningConfiguration")
        return Repository(.init(
            reader: reader, origin: origin, name: reader.string("repositoryName"),
            tagMutability: reader.string("imageTagMutability"), exclusionFilters: filters,
            scanOnPush: scanning?.bool("scanOnPush") ?? .absent(in: reader.location), lifecyclePolicy: nil))
    }

    /// `LifecyclePolicyText` as a string, or a `!Sub` of a string without variables.
    func cloudFormationPolicy(
        _ reader: ObjectReader, origin: ResourceOrigin, document: inout ModelDocument
    ) -> LifecyclePolicy? {
        guard let entry = reader.entry("lifecyclePolicyText") else { return nil }
        var textNode = entry.value
        if let intrinsic = Intrinsic(textNode), intrinsic.name == "Fn::Sub",
            let text = ObjectReader.stringValue(intrinsic.argument), !text.contains("${")
        {
            textNode = intrinsic.argument
        }
        guard case .string = ObjectReader.unwrapCoreTag(textNode).kind else { return nil }
        let field = Field<String>(
            state: .present(ObjectReader.stringValue(textNode) ?? ""), location: Location(path: path, range: textNode.range),
            keyLocation: Location(path: path, range: entry.key.range), node: textNode)
        return embeddedPolicy(field, origin: origin, repositoryName: .absent(in: reader.location), document: &document)
    }

    func scalableTarget(_ reader: ObjectReader, origin: ResourceOrigin, template: CloudFormationTemplate) -> ScalableTarget {
        var target = ScalableTarget(.init(
            reader: reader, origin: origin, resourceId: reader.nodeField("resourceId"),
            serviceNamespace: reader.string("serviceNamespace"), minCapacity: reader.int("minCapacity"),
            maxCapacity: reader.int("maxCapacity"), serviceLogicalId: nil, referencesServiceByRef: false,
            serviceRefLocation: nil, literalServiceName: nil))
        guard let resourceId = reader.raw("resourceId") else { return target }
        if let text = ObjectReader.stringValue(resourceId), !ValueKind.isUnresolved(resourceId) {
            target.literalServiceName = text.split(separator: "/").last.map(String.init)
            return target
        }
        func isService(_ id: String) -> Bool { template.resourceType(id) == "AWS::ECS::Service" }
        // The intrinsics are gathered first: a closure over the template and the builder copied
        // both, retaining values that every thread building the model shares, for every node.
        var intrinsics: [(node: Node, intrinsic: Intrinsic)] = []
        resourceId.forEachNode { node in
            if let intrinsic = Intrinsic(node) { intrinsics.append((node, intrinsic)) }
        }
        for (node, intrinsic) in intrinsics {
            if let ref = intrinsic.refTarget, isService(ref) {
                target.serviceLogicalId = ref
                target.referencesServiceByRef = true
                target.serviceRefLocation = Location(path: path, range: node.range)
            } else if let getAtt = intrinsic.getAttTarget, isService(getAtt.logicalId) {
                target.serviceLogicalId = getAtt.logicalId
            } else if intrinsic.name == "Fn::Sub" {
                let templateText = ObjectReader.stringValue(intrinsic.argument)
                    ?? intrinsic.argument.elements?.first.flatMap(ObjectReader.stringValue) ?? ""
                for name in SubstitutionTemplate(templateText).pieces.map(\.name) {
                    if isService(name) {
                        target.serviceLogicalId = name
                        target.referencesServiceByRef = true
                        target.serviceRefLocation = Location(path: path, range: intrinsic.argument.range)
                    } else if let dot = name.firstIndex(ofASCII: "."), isService(String(name[..<dot])) {
                        target.serviceLogicalId = String(name[..<dot])
                    }
                }
            }
        }
        return target
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
