/// A container of a task definition, normalized across input shapes.
@dynamicMemberLookup
public struct ContainerDefinition: CopyOnWriteFields, Sendable {
    /// What most checks read, made once. The rest is looked up in the container's object when
    /// asked (below): each is read by one to five checks, and made eagerly they would take about
    /// two thirds of a container's memory (its lists of environment variables, secrets, port
    /// mappings and dependencies most of all), in models of tens of thousands of containers.
    public struct Fields: Sendable {
        public var reader: ObjectReader
        public var index: Int
        public var name: Field<String>
        public var image: ContainerImage
        /// Further possible images when the reference has branches (CloudFormation `Fn::If`).
        public var imageAlternatives: [ContainerImage]
        public var essential: Field<Bool>
        public var cpu: Field<Int>
        public var memory: Field<Int>
        public var memoryReservation: Field<Int>
    }

    public var storage: CopyOnWrite<Fields>

    public var location: Location { self.reader.location }

    /// Every image this container may run.
    public var images: [ContainerImage] { [self.image] + self.imageAlternatives }

    /// `essential` defaults to true when omitted; nil when unresolved.
    public var isEssential: Bool? { self.essential.value(default: true) }

    /// The name when known, else a positional label for messages.
    public var displayName: String {
        if let value = self.name.value { return value }
        if let node = self.name.node, let target = Intrinsic(node)?.refTarget { return "${\(target)}" }
        return "container #\(self.index + 1)"
    }

    // MARK: Read on demand

    public var portMappings: [PortMapping] { self.reader.objects("portMappings").map(PortMapping.init(reader:)) }
    public var dependsOn: [ContainerDependency] {
        self.reader.objects("dependsOn").map(ContainerDependency.init(reader:))
    }
    public var environment: [EnvironmentVariable] {
        self.reader.objects("environment").map(EnvironmentVariable.init(reader:))
    }
    public var secrets: [ContainerSecret] { self.reader.objects("secrets").map(ContainerSecret.init(reader:)) }
    public var healthCheck: HealthCheck? { self.reader.object("healthCheck").map(HealthCheck.init(reader:)) }
    public var healthCheckField: Field<Node> { self.reader.nodeField("healthCheck") }
    public var logConfiguration: LogConfiguration? {
        self.reader.object("logConfiguration").map(LogConfiguration.init(reader:))
    }
    public var logConfigurationField: Field<Node> { self.reader.nodeField("logConfiguration") }
    public var versionConsistency: Field<String> { self.reader.string("versionConsistency") }
    public var privileged: Field<Bool> { self.reader.bool("privileged") }
    public var user: Field<String> { self.reader.string("user") }
    public var readonlyRootFilesystem: Field<Bool> { self.reader.bool("readonlyRootFilesystem") }
    public var linuxParameters: ObjectReader? { self.reader.object("linuxParameters") }
    public var repositoryCredentials: Field<Node> { self.reader.nodeField("repositoryCredentials") }

    init(reader: ObjectReader, index: Int, image: ContainerImage) {
        storage = CopyOnWrite(Fields(
            reader: reader,
            index: index,
            name: reader.string("name"),
            image: image,
            imageAlternatives: [],
            essential: reader.bool("essential"),
            cpu: reader.int("cpu"),
            memory: reader.int("memory"),
            memoryReservation: reader.int("memoryReservation")))
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
        options = reader.freeMap("options")
    }
}
