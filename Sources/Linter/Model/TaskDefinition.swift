/// A task definition, normalized from any input shape.
public struct TaskDefinition: Sendable {
    /// Copy-on-write storage: model values are copied into every rule's working lists (one
    /// `ImageUse` per image, for instance); a copy is now one reference instead of every field.
    final class Storage: @unchecked Sendable {
        var reader: ObjectReader
        var origin: ResourceOrigin
        var family: Field<String>
        var revision: Int?
        var arn: String?
        var cpu: Field<String>
        var memory: Field<String>
        var networkMode: Field<String>
        var requiresCompatibilities: Field<[String]>
        var executionRoleArn: Field<String>
        var taskRoleArn: Field<String>
        var pidMode: Field<String>
        var ipcMode: Field<String>
        var placementConstraints: Field<Node>
        var volumes: [ObjectReader]
        var containers: [ContainerDefinition]
        var containerDefinitionsField: Field<Node>

        init(reader: ObjectReader, origin: ResourceOrigin, family: Field<String>, revision: Int?, arn: String?, cpu: Field<String>, memory: Field<String>, networkMode: Field<String>, requiresCompatibilities: Field<[String]>, executionRoleArn: Field<String>, taskRoleArn: Field<String>, pidMode: Field<String>, ipcMode: Field<String>, placementConstraints: Field<Node>, volumes: [ObjectReader], containers: [ContainerDefinition], containerDefinitionsField: Field<Node>) {
            self.reader = reader
            self.origin = origin
            self.family = family
            self.revision = revision
            self.arn = arn
            self.cpu = cpu
            self.memory = memory
            self.networkMode = networkMode
            self.requiresCompatibilities = requiresCompatibilities
            self.executionRoleArn = executionRoleArn
            self.taskRoleArn = taskRoleArn
            self.pidMode = pidMode
            self.ipcMode = ipcMode
            self.placementConstraints = placementConstraints
            self.volumes = volumes
            self.containers = containers
            self.containerDefinitionsField = containerDefinitionsField
        }

        func copy() -> Storage { Storage(reader: reader, origin: origin, family: family, revision: revision, arn: arn, cpu: cpu, memory: memory, networkMode: networkMode, requiresCompatibilities: requiresCompatibilities, executionRoleArn: executionRoleArn, taskRoleArn: taskRoleArn, pidMode: pidMode, ipcMode: ipcMode, placementConstraints: placementConstraints, volumes: volumes, containers: containers, containerDefinitionsField: containerDefinitionsField) }
    }

    private var storage: Storage

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    init(reader: ObjectReader, origin: ResourceOrigin, family: Field<String>, revision: Int?, arn: String?, cpu: Field<String>, memory: Field<String>, networkMode: Field<String>, requiresCompatibilities: Field<[String]>, executionRoleArn: Field<String>, taskRoleArn: Field<String>, pidMode: Field<String>, ipcMode: Field<String>, placementConstraints: Field<Node>, volumes: [ObjectReader], containers: [ContainerDefinition], containerDefinitionsField: Field<Node>) {
        storage = Storage(reader: reader, origin: origin, family: family, revision: revision, arn: arn, cpu: cpu, memory: memory, networkMode: networkMode, requiresCompatibilities: requiresCompatibilities, executionRoleArn: executionRoleArn, taskRoleArn: taskRoleArn, pidMode: pidMode, ipcMode: ipcMode, placementConstraints: placementConstraints, volumes: volumes, containers: containers, containerDefinitionsField: containerDefinitionsField)
    }

    public var reader: ObjectReader {
        get { storage.reader }
        _modify {
            makeUnique()
            yield &storage.reader
        }
    }
    public var origin: ResourceOrigin {
        get { storage.origin }
        _modify {
            makeUnique()
            yield &storage.origin
        }
    }
    public var family: Field<String> {
        get { storage.family }
        _modify {
            makeUnique()
            yield &storage.family
        }
    }
    public var revision: Int? {
        get { storage.revision }
        _modify {
            makeUnique()
            yield &storage.revision
        }
    }
    public var arn: String? {
        get { storage.arn }
        _modify {
            makeUnique()
            yield &storage.arn
        }
    }
    public var cpu: Field<String> {
        get { storage.cpu }
        _modify {
            makeUnique()
            yield &storage.cpu
        }
    }
    public var memory: Field<String> {
        get { storage.memory }
        _modify {
            makeUnique()
            yield &storage.memory
        }
    }
    public var networkMode: Field<String> {
        get { storage.networkMode }
        _modify {
            makeUnique()
            yield &storage.networkMode
        }
    }
    public var requiresCompatibilities: Field<[String]> {
        get { storage.requiresCompatibilities }
        _modify {
            makeUnique()
            yield &storage.requiresCompatibilities
        }
    }
    public var executionRoleArn: Field<String> {
        get { storage.executionRoleArn }
        _modify {
            makeUnique()
            yield &storage.executionRoleArn
        }
    }
    public var taskRoleArn: Field<String> {
        get { storage.taskRoleArn }
        _modify {
            makeUnique()
            yield &storage.taskRoleArn
        }
    }
    public var pidMode: Field<String> {
        get { storage.pidMode }
        _modify {
            makeUnique()
            yield &storage.pidMode
        }
    }
    public var ipcMode: Field<String> {
        get { storage.ipcMode }
        _modify {
            makeUnique()
            yield &storage.ipcMode
        }
    }
    public var placementConstraints: Field<Node> {
        get { storage.placementConstraints }
        _modify {
            makeUnique()
            yield &storage.placementConstraints
        }
    }
    public var volumes: [ObjectReader] {
        get { storage.volumes }
        _modify {
            makeUnique()
            yield &storage.volumes
        }
    }
    public var containers: [ContainerDefinition] {
        get { storage.containers }
        _modify {
            makeUnique()
            yield &storage.containers
        }
    }
    /// Where the container list is written (for findings about the whole list).
    public var containerDefinitionsField: Field<Node> {
        get { storage.containerDefinitionsField }
        _modify {
            makeUnique()
            yield &storage.containerDefinitionsField
        }
    }

    public var location: Location { reader.location }
    public var path: String { reader.path }

    /// The network mode with its API default (`bridge`); nil when unresolved.
    public var effectiveNetworkMode: String? { networkMode.value(default: "bridge") }

    /// True when the task declares Fargate compatibility.
    public var requiresFargate: Bool {
        requiresCompatibilities.value?.contains { $0.uppercased() == "FARGATE" } ?? false
    }

    /// A short human name: family, CloudFormation logical id, or file.
    public var displayName: String {
        if let family = family.value { return family }
        if let id = origin.cloudFormationLogicalId { return id }
        return path
    }

    public func container(named name: String) -> ContainerDefinition? {
        containers.first { $0.name.value == name }
    }
}
