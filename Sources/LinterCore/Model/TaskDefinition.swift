/// A task definition, normalized from any input shape.
@dynamicMemberLookup
public struct TaskDefinition: CopyOnWriteFields, Sendable {
    /// What most checks read, made once; the rest is looked up when asked (below), as for
    /// containers.
    public struct Fields: Sendable {
        public var reader: ObjectReader
        public var origin: ResourceOrigin
        public var family: Field<String>
        public var revision: Int?
        public var cpu: Field<String>
        public var memory: Field<String>
        public var networkMode: Field<String>
        public var requiresCompatibilities: Field<[String]>
        public var containers: [ContainerDefinition]
        /// Where the container list is written (for findings about the whole list).
        public var containerDefinitionsField: Field<Node>
        /// Terraform `lifecycle { ignore_changes = [...] }` of the task definition, or `all`.
        public var ignoredChanges: Set<String> = []
    }

    public var storage: CopyOnWrite<Fields>

    init(_ fields: Fields) { storage = CopyOnWrite(fields) }

    // MARK: Read on demand

    public var arn: String? { self.reader.string("taskDefinitionArn").value }
    public var executionRoleArn: Field<String> { taskLevel { $0.string("executionRoleArn") } }
    public var taskRoleArn: Field<String> { taskLevel { $0.string("taskRoleArn") } }
    public var pidMode: Field<String> { taskLevel { $0.string("pidMode") } }
    public var ipcMode: Field<String> { taskLevel { $0.string("ipcMode") } }
    public var placementConstraints: Field<Node> { taskLevel { $0.nodeField("placementConstraints") } }

    /// Whether only the containers are written (a bare container list), the rest unknown.
    public var isContainerListOnly: Bool {
        if case .containerDefinitionList = self.origin { return true }
        return false
    }

    /// A task-level field as written; unknown for a bare container list, whose task definition is
    /// written elsewhere.
    private func taskLevel<Value>(_ read: (ObjectReader) -> Field<Value>) -> Field<Value> {
        isContainerListOnly ? Field(state: .unresolved, location: self.location) : read(self.reader)
    }
    public var volumes: [ObjectReader] { self.reader.objects("volumes") }

    public var location: Location { self.reader.location }
    public var path: String { self.reader.path }

    /// The network mode with its API default (`bridge`); nil when unresolved.
    public var effectiveNetworkMode: String? { self.networkMode.value(default: "bridge") }

    /// True when the task declares Fargate compatibility.
    public var requiresFargate: Bool {
        self.requiresCompatibilities.value?.contains { $0.uppercased() == "FARGATE" } ?? false
    }

    /// A short human name: family, CloudFormation logical id, or file.
    public var displayName: String { self.origin.displayName(named: self.family.value, path: path) }

    public func container(named name: String) -> ContainerDefinition? {
        self.containers.first { $0.name.value == name }
    }
}
