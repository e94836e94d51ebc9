/// An ECR lifecycle policy as written, with a place for every field so findings can point at it.
@dynamicMemberLookup
public struct LifecyclePolicy: CopyOnWriteFields, Sendable {
    public struct Fields: Sendable {
        /// The `{"rules": [...]}` document (possibly parsed out of a string and mapped back).
        public var reader: ObjectReader
        public var origin: ResourceOrigin
        /// The repository named next to the policy (`get-lifecycle-policy` output, Terraform
        /// `repository`, or the config's `repositories` mapping).
        public var repositoryName: Field<String>
        /// A CloudFormation repository holding this policy.
        public var repositoryLogicalId: String?
        /// The account named next to the policy (`registryId` of `get-lifecycle-policy` output).
        public var registry: ECRRegistry?
        /// The string that held the policy, when it was embedded (for the text-length check).
        public var embeddingText: Field<String>?
        public var rulesField: Field<Node>
        public let rules: [LifecycleRule]
        /// The policy as the pure simulator sees it: only rules whose every field is known and
        /// valid. Made once with the rules, which never change, not derived on each read: the
        /// image rules ask for it once per image that a policy can reach.
        public let specification: LifecyclePolicySpec

        init(
            reader: ObjectReader, origin: ResourceOrigin, repositoryName: Field<String>, repositoryLogicalId: String?,
            embeddingText: Field<String>?, rulesField: Field<Node>, rules: [LifecycleRule]
        ) {
            self.reader = reader
            self.origin = origin
            self.repositoryName = repositoryName
            self.repositoryLogicalId = repositoryLogicalId
            self.registry = nil
            self.embeddingText = embeddingText
            self.rulesField = rulesField
            self.rules = rules
            specification = LifecyclePolicySpec(rules: rules.compactMap { $0.specification })
        }
    }

    public var storage: CopyOnWrite<Fields>

    init(_ fields: Fields) { storage = CopyOnWrite(fields) }

    public var location: Location { self.reader.location }
    public var path: String { self.reader.path }

    /// True when some rule could not be turned into a specification (unresolved or invalid), so
    /// conclusions drawn from `specification` might miss a rule.
    public var isFullyKnown: Bool { self.specification.rules.count == self.rules.count }

    public func rule(atIndex index: Int) -> LifecycleRule? {
        self.rules.first { $0.index == index }
    }
}

@dynamicMemberLookup
public struct LifecycleRule: CopyOnWriteFields, Sendable {
    public struct Fields: Sendable {
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
    }

    public var storage: CopyOnWrite<Fields>

    init(reader: ObjectReader, index: Int) { storage = CopyOnWrite(Fields(reader: reader, index: index)) }

    public var location: Location { self.reader.location }

    /// The rule for the simulator, or nil when a field is unresolved or not a value AWS accepts.
    public var specification: LifecycleRuleSpec? {
        guard let priority = self.rulePriority.value,
            let statusText = self.tagStatus.value, let status = LifecycleTagStatus(rawValue: statusText),
            let countTypeText = self.countType.value, let type = LifecycleCountType(rawValue: countTypeText),
            let number = self.countNumber.value
        else { return nil }
        if self.tagPrefixList.isUnresolved || self.tagPatternList.isUnresolved { return nil }
        let resolvedStorage: LifecycleStorageClass
        switch self.storageClass.value(default: "standard") {
        case "standard": resolvedStorage = .standard
        case "archive": resolvedStorage = .archive
        default: return nil
        }
        let resolvedAction: LifecycleAction
        switch self.actionType.value {
        case "expire": resolvedAction = .expire
        case "transition": resolvedAction = .transition
        default: return nil
        }
        return LifecycleRuleSpec(
            index: self.index, priority: priority, tagStatus: status, tagPrefixes: self.tagPrefixList.value,
            tagPatterns: self.tagPatternList.value, storageClass: resolvedStorage, countType: type, countNumber: number,
            action: resolvedAction, description: self.description.value)
    }

    /// "rule 2 (priority 20)" for messages.
    public var label: String {
        if let priority = self.rulePriority.value { return "rule priority \(priority)" }
        return "rule #\(self.index + 1)"
    }
}
