import Foundation

/// A directory under the system temporary directory, removed (with everything in it) when the
/// value is released. By default it looks like a project root: it holds a `.git` folder, so
/// that ecslint does not look for a configuration above it.
public final class TemporaryProject: @unchecked Sendable {
    /// The directory, symbolic links resolved (on macOS the temporary directory is behind one).
    public let path: String

    public init(git: Bool = true) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ecslint-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.resolvingSymlinksInPath().path
        if git { try FileManager.default.createDirectory(atPath: path + "/.git", withIntermediateDirectories: true) }
    }

    deinit {
        // Directories a test made unreadable are opened again so that they can be removed.
        let manager = FileManager.default
        for name in manager.subpaths(atPath: path) ?? [] {
            let item = path + "/" + name
            // Never through a symbolic link: it may point out of the project.
            guard (try? manager.attributesOfItem(atPath: item)[.type] as? FileAttributeType) != .typeSymbolicLink else { continue }
            try? manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: item)
        }
        try? manager.removeItem(atPath: path)
    }

    /// The absolute path of a file in the project.
    public func path(_ relative: String) -> String { path + "/" + relative }

    /// Writes a file, creating the directories above it.
    public func write(_ relative: String, _ bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: path(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    public func write(_ relative: String, _ text: String) throws { try write(relative, Array(text.utf8)) }

    /// Writes several files.
    public func write(_ files: [String: String]) throws {
        for (relative, text) in files { try write(relative, text) }
    }

    /// A file's text, nil when it cannot be read.
    public func read(_ relative: String) -> String? {
        try? String(contentsOfFile: path(relative), encoding: .utf8)
    }

    /// Makes a directory (and those above it).
    public func makeDirectory(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: path(relative), withIntermediateDirectories: true)
    }

    /// A symbolic link at `relative` to `destination` (absolute, or relative to the link).
    public func link(_ relative: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path(relative), withDestinationPath: destination)
    }

    /// Copies a file or directory of the package (`examples/clean`) into the project.
    public func copy(fromPackage relative: String, to destination: String) throws {
        try FileManager.default.copyItem(atPath: TestPaths.inPackage(relative), toPath: path(destination))
    }
}
