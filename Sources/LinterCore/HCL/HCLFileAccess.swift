#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the evaluator and the module loader read files: only inside a project root, by paths
/// relative to it. Implementations: `HCLDiskFileAccess` and `HCLMemoryFileAccess` (tests, fuzzing).
public protocol HCLFileAccess: Sendable {
    /// The bytes of the file at `path` (relative to the root, normalised, never leaving it), or
    /// why it cannot be read. Files larger than `limit` bytes are refused.
    func read(_ path: String, limit: Int) -> Result<[UInt8], HCLFileAccessError>
    /// The names of the files (not directories) directly in `directory`, sorted.
    func fileNames(in directory: String) -> [String]
}

/// Why a file could not be read; it becomes the reason of an unknown value.
public struct HCLFileAccessError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Paths relative to a project root: normalised, and refused when they leave it.
public enum HCLProjectPath {
    /// `path` resolved against `base` (both relative to the root), or nil when it is absolute or
    /// climbs above the root.
    public static func resolve(_ path: String, against base: String) -> String? {
        if path.hasPrefix("/") { return nil }
        var components: [Substring] = []
        for component in (base + "/" + path).split(separator: "/") {
            if component == "." || component.isEmpty { continue }
            if component == ".." {
                guard !components.isEmpty else { return nil }
                components.removeLast()
                continue
            }
            components.append(component)
        }
        return components.isEmpty ? "." : components.joined(separator: "/")
    }
}

/// Files on disk under `root`. A path whose real location (symbolic links followed) is outside
/// the root is refused.
public struct HCLDiskFileAccess: HCLFileAccess {
    public let root: String
    private let realRoot: String

    public init(root: String) {
        self.root = root
        realRoot = HCLDiskFileAccess.realPath(root) ?? root
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    func inside(_ path: String) -> String? {
        guard let real = HCLDiskFileAccess.realPath(root + "/" + path) else { return nil }
        return real == realRoot || real.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/") ? real : nil
    }

    public func read(_ path: String, limit: Int) -> Result<[UInt8], HCLFileAccessError> {
        guard HCLDiskFileAccess.realPath(root + "/" + path) != nil else { return .failure(HCLFileAccessError("no file '\(path)'")) }
        guard let real = inside(path) else { return .failure(HCLFileAccessError("'\(path)' leads outside the project root (a symbolic link)")) }
        var status = stat()
        guard stat(real, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            return .failure(HCLFileAccessError("'\(path)' is not a regular file"))
        }
        guard Int(status.st_size) <= limit else { return .failure(HCLFileAccessError("'\(path)' is larger than the limit of \(limit) bytes")) }
        guard let bytes = FileSystem.contents(atPath: real) else { return .failure(HCLFileAccessError("cannot read '\(path)'")) }
        guard bytes.count <= limit else { return .failure(HCLFileAccessError("'\(path)' is larger than the limit of \(limit) bytes")) }
        return .success(bytes)
    }

    public func fileNames(in directory: String) -> [String] {
        guard let real = inside(directory), let names = FileSystem.entries(ofDirectory: real) else { return [] }
        return names.filter { PathKind(atPath: real + "/" + $0) == .other }.sorted()
    }
}

/// Files held in memory, by normalised relative path.
public struct HCLMemoryFileAccess: HCLFileAccess {
    public var files: [String: [UInt8]]

    public init(files: [String: [UInt8]]) {
        var normalised: [String: [UInt8]] = [:]
        for (path, bytes) in files { normalised[HCLProjectPath.resolve(path, against: ".") ?? path] = bytes }
        self.files = normalised
    }

    public init(texts: [String: String]) {
        self.init(files: texts.mapValues { Array($0.utf8) })
    }

    public func read(_ path: String, limit: Int) -> Result<[UInt8], HCLFileAccessError> {
        guard let bytes = files[path] else { return .failure(HCLFileAccessError("no file '\(path)'")) }
        guard bytes.count <= limit else { return .failure(HCLFileAccessError("'\(path)' is larger than the limit of \(limit) bytes")) }
        return .success(bytes)
    }

    public func fileNames(in directory: String) -> [String] {
        let prefix = directory == "." ? "" : directory + "/"
        return files.keys.filter { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains("/") }
            .map { String($0.dropFirst(prefix.count)) }.sorted()
    }
}

/// The files values can point into: `HCLSpan.file` indexes `files`.
public struct HCLFileTable: Sendable {
    public private(set) var files: [SourceFile] = []
    private var indexByPath: [String: Int] = [:]

    public init() {}

    /// The id of `file`, added when its path is new.
    public mutating func add(_ file: SourceFile) -> Int {
        if let existing = indexByPath[file.path] { return existing }
        files.append(file)
        indexByPath[file.path] = files.count - 1
        return files.count - 1
    }

    public func id(ofPath path: String) -> Int? { indexByPath[path] }

    public subscript(id: Int) -> SourceFile? {
        id >= 0 && id < files.count ? files[id] : nil
    }

    /// The source text of a span.
    public func text(of span: HCLSpan) -> String {
        self[span.file]?.text(of: span.range) ?? ""
    }
}
