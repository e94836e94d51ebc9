/// An ECR lifecycle policy as written, with a place for every field so findings can point at it.
public struct LifecyclePolicy: Sendable {
    /// The `{"rules": [...]}` document (possibly parsed out of a string and mapped back).
    public var reader: ObjectReader
    public var origin: ResourceOrigin
    /// The repository named next to the policy (`get-lifecycle-policy` output, Terraform
    /// `repository`, or the config's `repositories` mapping).
    public var repositoryName: Field<String>
    /// A CloudFormation repository holding this policy.
    public var repositoryLogicalId: String?
    /// The string that held the policy, when it was embedded (for the text-length check).
    public var embeddingText: Field<String>?
    public var rulesField: Field<Node>
    public var rules: [LifecycleRule]

    public var location: Location { reader.location }
    public var path: String { reader.path }

    /// The policy as the pure simulator sees it: only rules whose every field is known and valid.
    public var specification: LifecyclePolicySpec {
        LifecyclePolicySpec(rules: rules.compactMap(\.specification))
    }

    /// True when some rule could not be turned into a specification (unresolved or invalid), so
    /// conclusions drawn from `specification` might miss a rule.
    public var isFullyKnown: Bool { rules.allSatisfy { $0.specification != nil } }

    public func rule(atIndex index: Int) -> LifecycleRule? {
        rules.first { $0.index == index }
    }
}

public struct LifecycleRule: Sendable {
    public var reader: ObjectReader
    public var index: Int
    public var rulePriority: Field<Int>
    public var description: Field<String>
    public var selection: ObjectReader?
    public var selectionField: Field<Node>
    public var tagStatus: Field<String>
    public var tagPrefixList: Field<[String]>
    public var tagPatternList: Field<[String]>
    public var storageClass: Field<String>
    public var countType: Field<String>
    public var countUnit: Field<String>
    public var countNumber: Field<Int>
    public var action: ObjectReader?
    public var actionField: Field<Node>
    public var actionType: Field<String>
    public var targetStorageClass: Field<String>

    public var location: Location { reader.location }

    init(reader: ObjectReader, index: Int) {
        self.reader = reader
        self.index = index
        rulePriority = reader.int("rulePriority")
        description = reader.string("description")
        selectionField = reader.nodeField("selection")
        selection = reader.object("selection")
        let absentSelection = ObjectReader(node: Node(.object([]), range: reader.node.range), path: reader.path, style: reader.style)
        let selectionReader = selection ?? absentSelection
        tagStatus = selectionReader.string("tagStatus")
        tagPrefixList = selectionReader.stringList("tagPrefixList")
        tagPatternList = selectionReader.stringList("tagPatternList")
        storageClass = selectionReader.string("storageClass")
        countType = selectionReader.string("countType")
        countUnit = selectionReader.string("countUnit")
        countNumber = selectionReader.int("countNumber")
        actionField = reader.nodeField("action")
        action = reader.object("action")
        let actionReader = action ?? absentSelection
        actionType = actionReader.string("type")
        targetStorageClass = actionReader.string("targetStorageClass")
    }

    /// The rule for the simulator, or nil when a field is unresolved or not a value AWS accepts.
    public var specification: LifecycleRuleSpec? {
        guard let priority = rulePriority.value,
            let statusText = tagStatus.value, let status = LifecycleTagStatus(rawValue: statusText),
            let countTypeText = countType.value, let type = LifecycleCountType(rawValue: countTypeText),
            let number = countNumber.value
        else { return nil }
        if tagPrefixList.isUnresolved || tagPatternList.isUnresolved { return nil }
        let storage: LifecycleStorageClass
        switch storageClass.value(default: "standard") {
        case "standard": storage = .standard
        case "archive": storage = .archive
        default: return nil
        }
        let resolvedAction: LifecycleAction
        switch actionType.value {
        case "expire": resolvedAction = .expire
        case "transition": resolvedAction = .transition
        default: return nil
        }
        return LifecycleRuleSpec(
            index: index, priority: priority, tagStatus: status, tagPrefixes: tagPrefixList.value,
            tagPatterns: tagPatternList.value, storageClass: storage, countType: type, countNumber: number,
            action: resolvedAction, description: description.value)
    }

    /// "rule 2 (priority 20)" for messages.
    public var label: String {
        if let priority = rulePriority.value { return "rule priority \(priority)" }
        return "rule #\(index + 1)"
    }
}
