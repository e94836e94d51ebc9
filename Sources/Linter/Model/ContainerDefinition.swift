/// A container of a task definition, normalized across input shapes.
public struct ContainerDefinition: Sendable {
    /// Copy-on-write storage: model values are copied into every rule's working lists (one
    /// `ImageUse` per image, for instance); a copy is now one reference instead of every field.
    final class Storage: @unchecked Sendable {
        var reader: ObjectReader
        var index: Int
        var name: Field<String>
        var image: ContainerImage
        var imageAlternatives: [ContainerImage]
        var essential: Field<Bool>
        var cpu: Field<Int>
        var memory: Field<Int>
        var memoryReservation: Field<Int>
        var portMappings: [PortMapping]
        var healthCheck: HealthCheck?
        var healthCheckField: Field<Node>
        var dependsOn: [ContainerDependency]
        var environment: [EnvironmentVariable]
        var secrets: [ContainerSecret]
        var logConfiguration: LogConfiguration?
        var logConfigurationField: Field<Node>
        var versionConsistency: Field<String>
        var privileged: Field<Bool>
        var user: Field<String>
        var readonlyRootFilesystem: Field<Bool>
        var linuxParameters: ObjectReader?
        var repositoryCredentials: Field<Node>

        init(reader: ObjectReader, index: Int, name: Field<String>, image: ContainerImage, imageAlternatives: [ContainerImage], essential: Field<Bool>, cpu: Field<Int>, memory: Field<Int>, memoryReservation: Field<Int>, portMappings: [PortMapping], healthCheck: HealthCheck?, healthCheckField: Field<Node>, dependsOn: [ContainerDependency], environment: [EnvironmentVariable], secrets: [ContainerSecret], logConfiguration: LogConfiguration?, logConfigurationField: Field<Node>, versionConsistency: Field<String>, privileged: Field<Bool>, user: Field<String>, readonlyRootFilesystem: Field<Bool>, linuxParameters: ObjectReader?, repositoryCredentials: Field<Node>) {
            self.reader = reader
            self.index = index
            self.name = name
            self.image = image
            self.imageAlternatives = imageAlternatives
            self.essential = essential
            self.cpu = cpu
            self.memory = memory
            self.memoryReservation = memoryReservation
            self.portMappings = portMappings
            self.healthCheck = healthCheck
            self.healthCheckField = healthCheckField
            self.dependsOn = dependsOn
            self.environment = environment
            self.secrets = secrets
            self.logConfiguration = logConfiguration
            self.logConfigurationField = logConfigurationField
            self.versionConsistency = versionConsistency
            self.privileged = privileged
            self.user = user
            self.readonlyRootFilesystem = readonlyRootFilesystem
            self.linuxParameters = linuxParameters
            self.repositoryCredentials = repositoryCredentials
        }

        func copy() -> Storage { Storage(reader: reader, index: index, name: name, image: image, imageAlternatives: imageAlternatives, essential: essential, cpu: cpu, memory: memory, memoryReservation: memoryReservation, portMappings: portMappings, healthCheck: healthCheck, healthCheckField: healthCheckField, dependsOn: dependsOn, environment: environment, secrets: secrets, logConfiguration: logConfiguration, logConfigurationField: logConfigurationField, versionConsistency: versionConsistency, privileged: privileged, user: user, readonlyRootFilesystem: readonlyRootFilesystem, linuxParameters: linuxParameters, repositoryCredentials: repositoryCredentials) }
    }

    private var storage: Storage

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    public var reader: ObjectReader {
        get { storage.reader }
        _modify {
            makeUnique()
            yield &storage.reader
        }
    }
    public var index: Int {
        get { storage.index }
        _modify {
            makeUnique()
            yield &storage.index
        }
    }
    public var name: Field<String> {
        get { storage.name }
        _modify {
            makeUnique()
            yield &storage.name
        }
    }
    public var image: ContainerImage {
        get { storage.image }
        _modify {
            makeUnique()
            yield &storage.image
        }
    }
    /// Further possible images when the reference has branches (CloudFormation `Fn::If`).
    public var imageAlternatives: [ContainerImage] {
        get { storage.imageAlternatives }
        _modify {
            makeUnique()
            yield &storage.imageAlternatives
        }
    }
    public var essential: Field<Bool> {
        get { storage.essential }
        _modify {
            makeUnique()
            yield &storage.essential
        }
    }
    public var cpu: Field<Int> {
        get { storage.cpu }
        _modify {
            makeUnique()
            yield &storage.cpu
        }
    }
    public var memory: Field<Int> {
        get { storage.memory }
        _modify {
            makeUnique()
            yield &storage.memory
        }
    }
    public var memoryReservation: Field<Int> {
        get { storage.memoryReservation }
        _modify {
            makeUnique()
            yield &storage.memoryReservation
        }
    }
    public var portMappings: [PortMapping] {
        get { storage.portMappings }
        _modify {
            makeUnique()
            yield &storage.portMappings
        }
    }
    public var healthCheck: HealthCheck? {
        get { storage.healthCheck }
        _modify {
            makeUnique()
            yield &storage.healthCheck
        }
    }
    public var healthCheckField: Field<Node> {
        get { storage.healthCheckField }
        _modify {
            makeUnique()
            yield &storage.healthCheckField
        }
    }
    public var dependsOn: [ContainerDependency] {
        get { storage.dependsOn }
        _modify {
            makeUnique()
            yield &storage.dependsOn
        }
    }
    public var environment: [EnvironmentVariable] {
        get { storage.environment }
        _modify {
            makeUnique()
            yield &storage.environment
        }
    }
    public var secrets: [ContainerSecret] {
        get { storage.secrets }
        _modify {
            makeUnique()
            yield &storage.secrets
        }
    }
    public var logConfiguration: LogConfiguration? {
        get { storage.logConfiguration }
        _modify {
            makeUnique()
            yield &storage.logConfiguration
        }
    }
    public var logConfigurationField: Field<Node> {
        get { storage.logConfigurationField }
        _modify {
            makeUnique()
            yield &storage.logConfigurationField
        }
    }
    public var versionConsistency: Field<String> {
        get { storage.versionConsistency }
        _modify {
            makeUnique()
            yield &storage.versionConsistency
        }
    }
    public var privileged: Field<Bool> {
        get { storage.privileged }
        _modify {
            makeUnique()
            yield &storage.privileged
        }
    }
    public var user: Field<String> {
        get { storage.user }
        _modify {
            makeUnique()
            yield &storage.user
        }
    }
    public var readonlyRootFilesystem: Field<Bool> {
        get { storage.readonlyRootFilesystem }
        _modify {
            makeUnique()
            yield &storage.readonlyRootFilesystem
        }
    }
    public var linuxParameters: ObjectReader? {
        get { storage.linuxParameters }
        _modify {
            makeUnique()
            yield &storage.linuxParameters
        }
    }
    public var repositoryCredentials: Field<Node> {
        get { storage.repositoryCredentials }
        _modify {
            makeUnique()
            yield &storage.repositoryCredentials
        }
    }

    public var location: Location { reader.location }

    /// Every image this container may run.
    public var images: [ContainerImage] { [image] + imageAlternatives }

    /// `essential` defaults to true when omitted; nil when unresolved.
    public var isEssential: Bool? { essential.value(default: true) }

    /// The name when known, else a positional label for messages.
    public var displayName: String {
        if let value = name.value { return value }
        if let node = name.node, let target = Intrinsic(node)?.refTarget { return "${\(target)}" }
        return "container #\(index + 1)"
    }

    init(reader: ObjectReader, index: Int, image: ContainerImage) {
        storage = Storage(
            reader: reader,
            index: index,
            name: reader.string("name"),
            image: image,
            imageAlternatives: [],
            essential: reader.bool("essential"),
            cpu: reader.int("cpu"),
            memory: reader.int("memory"),
            memoryReservation: reader.int("memoryReservation"),
            portMappings: reader.objects("portMappings").map(PortMapping.init(reader:)),
            healthCheck: reader.object("healthCheck").map(HealthCheck.init(reader:)),
            healthCheckField: reader.nodeField("healthCheck"),
            dependsOn: reader.objects("dependsOn").map(ContainerDependency.init(reader:)),
            environment: reader.objects("environment").map(EnvironmentVariable.init(reader:)),
            secrets: reader.objects("secrets").map(ContainerSecret.init(reader:)),
            logConfiguration: reader.object("logConfiguration").map(LogConfiguration.init(reader:)),
            logConfigurationField: reader.nodeField("logConfiguration"),
            versionConsistency: reader.string("versionConsistency"),
            privileged: reader.bool("privileged"),
            user: reader.string("user"),
            readonlyRootFilesystem: reader.bool("readonlyRootFilesystem"),
            linuxParameters: reader.object("linuxParameters"),
            repositoryCredentials: reader.nodeField("repositoryCredentials"))
    }
}

public struct PortMapping: Sendable {
    public var reader: ObjectReader
    public var containerPort: Field<Int>
    public var hostPort: Field<Int>
    public var `protocol`: Field<String>
    public var name: Field<String>

    public var location: Location { reader.location }

    init(reader: ObjectReader) {
        self.reader = reader
        containerPort = reader.int("containerPort")
        hostPort = reader.int("hostPort")
        self.protocol = reader.string("protocol")
        name = reader.string("name")
    }

    /// `tcp` unless written otherwise; nil when unresolved.
    public var effectiveProtocol: String? { self.protocol.value(default: "tcp")?.lowercased() }
}

public struct HealthCheck: Sendable {
    public var reader: ObjectReader
    public var command: Field<[String]>
    public var interval: Field<Int>
    public var timeout: Field<Int>
    public var retries: Field<Int>
    public var startPeriod: Field<Int>

    public var location: Location { reader.location }

    init(reader: ObjectReader) {
        self.reader = reader
        command = reader.stringList("command")
        interval = reader.int("interval")
        timeout = reader.int("timeout")
        retries = reader.int("retries")
        startPeriod = reader.int("startPeriod")
    }
}

public struct ContainerDependency: Sendable {
    public var reader: ObjectReader
    public var containerName: Field<String>
    public var condition: Field<String>

    public var location: Location { reader.location }

    init(reader: ObjectReader) {
        self.reader = reader
        containerName = reader.string("containerName")
        condition = reader.string("condition")
    }
}

public struct EnvironmentVariable: Sendable {
    public var reader: ObjectReader
    public var name: Field<String>
    public var value: Field<String>

    public var location: Location { reader.location }

    init(reader: ObjectReader) {
        self.reader = reader
        name = reader.string("name")
        value = reader.string("value")
    }
}

public struct ContainerSecret: Sendable {
    public var reader: ObjectReader
    public var name: Field<String>
    public var valueFrom: Field<String>

    init(reader: ObjectReader) {
        self.reader = reader
        name = reader.string("name")
        valueFrom = reader.string("valueFrom")
    }
}

public struct LogConfiguration: Sendable {
    public var reader: ObjectReader
    public var logDriver: Field<String>
    public var options: ObjectReader?

    public var location: Location { reader.location }

    init(reader: ObjectReader) {
        self.reader = reader
        logDriver = reader.string("logDriver")
        options = reader.object("options")
    }
}
