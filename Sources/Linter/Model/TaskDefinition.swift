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
    }

    public var storage: CopyOnWrite<Fields>

    init(_ fields: Fields) { storage = CopyOnWrite(fields) }

    // MARK: Read on demand

    public var arn: String? { self.reader.string("taskDefinitionArn").value }
    public var executionRoleArn: Field<String> { self.reader.string("executionRoleArn") }
    public var taskRoleArn: Field<String> { self.reader.string("taskRoleArn") }
    public var pidMode: Field<String> { self.reader.string("pidMode") }
    public var ipcMode: Field<String> { self.reader.string("ipcMode") }
    public var placementConstraints: Field<Node> { self.reader.nodeField("placementConstraints") }
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
