/// An ecspresso config: it names the task definition and service definition files to pair.
public struct EcspressoConfig: Sendable {
    public var reader: ObjectReader
    public var taskDefinition: Field<String>
    public var serviceDefinition: Field<String>

    public var path: String { reader.path }

    init(reader: ObjectReader) {
        self.reader = reader
        taskDefinition = reader.string("task_definition")
        serviceDefinition = reader.string("service_definition")
    }

    /// A path from the config resolved against the config's directory.
    public func resolve(_ relative: String) -> String {
        FilePath.resolve(relative, against: FilePath.directory(of: path))
    }
}
