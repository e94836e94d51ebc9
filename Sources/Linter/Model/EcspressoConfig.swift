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
        if relative.hasPrefix("/") { return FilePath.normalize(relative) }
        return FilePath.normalize(FilePath.directory(of: path) + "/" + relative)
    }
}

/// Path arithmetic on `/`-separated strings, independent of the file system.
public enum FilePath {
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    /// Removes `.` and resolves `..` components, keeping a leading `/`.
    public static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var components: [Substring] = []
        for component in path.split(separator: "/") {
            if component == "." || component.isEmpty { continue }
            if component == "..", let last = components.last, last != ".." {
                components.removeLast()
                continue
            }
            components.append(component)
        }
        let joined = components.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `path` relative to `base` when it lies under it; otherwise `path` unchanged.
    public static func relative(_ path: String, to base: String) -> String {
        let normalizedBase = normalize(base)
        let normalizedPath = normalize(path)
        if normalizedBase == "/" { return String(normalizedPath.dropFirst()) }
        if normalizedPath.hasPrefix(normalizedBase + "/") {
            return String(normalizedPath.dropFirst(normalizedBase.count + 1))
        }
        return normalizedPath
    }
}
