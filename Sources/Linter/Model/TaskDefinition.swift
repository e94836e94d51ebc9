/// A task definition, normalized from any input shape.
@dynamicMemberLookup
public struct TaskDefinition: CopyOnWriteFields, Sendable {
    public struct Fields: Sendable {
        public var reader: ObjectReader
        public var origin: ResourceOrigin
        public var family: Field<String>
        public var revision: Int?
        public var arn: String?
        public var cpu: Field<String>
        public var memory: Field<String>
        public var networkMode: Field<String>
        public var requiresCompatibilities: Field<[String]>
        public var executionRoleArn: Field<String>
        public var taskRoleArn: Field<String>
        public var pidMode: Field<String>
        public var ipcMode: Field<String>
        public var placementConstraints: Field<Node>
        public var volumes: [ObjectReader]
        public var containers: [ContainerDefinition]
        /// Where the container list is written (for findings about the whole list).
        public var containerDefinitionsField: Field<Node>
    }

    public var storage: CopyOnWrite<Fields>

    init(_ fields: Fields) { storage = CopyOnWrite(fields) }

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
