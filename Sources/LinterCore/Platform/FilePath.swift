/// Path arithmetic on `/`-separated strings, independent of the file system.
public enum FilePath {
    /// `path` made absolute: itself when it starts with `/`, else `base` joined with it.
    public static func absolute(_ path: String, in base: String) -> String {
        path.hasPrefix("/") ? path : base + "/" + path
    }

    /// `path` made absolute against `base`, then normalized.
    public static func resolve(_ path: String, against base: String) -> String {
        normalize(absolute(path, in: base))
    }

    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    /// Removes `.` and resolves `..` components, keeping a leading `/`.
    public static func normalize(_ path: String) -> String {
        if isNormalized(path) { return path }
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

    /// True when `normalize` would return `path` unchanged: not empty, no empty, `.` or `..`
    /// component, and no trailing `/` (except the root itself).
    static func isNormalized(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes -> Bool in
            let count = bytes.count
            if count == 0 { return false }
            if count == 1 && bytes[0] == UInt8(ascii: "/") { return true }
            var componentStart = bytes[0] == UInt8(ascii: "/") ? 1 : 0
            var index = componentStart
            while index <= count {
                if index == count || bytes[index] == UInt8(ascii: "/") {
                    let length = index - componentStart
                    if length == 0 { return false }
                    if bytes[componentStart] == UInt8(ascii: ".")
                        && (length == 1 || (length == 2 && bytes[componentStart + 1] == UInt8(ascii: ".")))
                    {
                        return false
                    }
                    componentStart = index + 1
                }
                index += 1
            }
            return true
        }
    }

    /// `path` relative to `base`: under it, the rest of the path; elsewhere, with `..` for each
    /// directory climbed out of, so that a report never shows where the machine keeps a file.
    /// A relative `path` is returned normalized.
    public static func relative(_ path: String, to base: String) -> String {
        let normalizedBase = normalize(base)
        let normalizedPath = normalize(path)
        guard normalizedPath.hasPrefix("/") else { return normalizedPath }
        if normalizedBase == "/" { return String(normalizedPath.dropFirst()) }
        if normalizedPath.hasPrefix(normalizedBase + "/") {
            return String(normalizedPath.dropFirst(normalizedBase.count + 1))
        }
        if normalizedPath == normalizedBase { return "." }
        let pathParts = normalizedPath.split(separator: "/")
        let baseParts = normalizedBase.split(separator: "/")
        var shared = 0
        while shared < pathParts.count, shared < baseParts.count, pathParts[shared] == baseParts[shared] { shared += 1 }
        return (Array(repeating: "..", count: baseParts.count - shared) + pathParts[shared...].map(String.init))
            .joined(separator: "/")
    }
}
