#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LinterCore

/// Expands the paths given on the command line into the files to lint.
public struct FileDiscovery: Sendable {
    public static let skippedDirectories: Set<String> = [".git", ".build", "node_modules", ".terraform", ".svn", ".hg"]
    public static let lintedExtensions: Set<String> = ["json", "yaml", "yml", "template", "tmpl", "tf", "tfvars"]

    /// A path that was not linted, and why; reported as a finding or a notification.
    public struct Notice: Sendable, Hashable {
        public var path: String
        public var message: String
    }

    public struct Result: Sendable {
        /// Absolute, normalized paths, sorted.
        public var files: [String]
        public var notices: [Notice]
        /// Paths that do not exist: a usage error.
        public var missing: [String]
    }

    public var root: String
    public var include: [Glob]
    public var exclude: [Glob]

    public init(root: String, include: [String], exclude: [String]) {
        self.root = FilePath.normalize(root)
        self.include = include.map(Glob.init)
        self.exclude = exclude.map(Glob.init)
    }

    public func discover(_ paths: [String], workingDirectory: String) -> Result {
        var files: Set<String> = []
        var notices: [Notice] = []
        var missing: [String] = []
        for path in paths {
            let absolute = FilePath.resolve(path, against: workingDirectory)
            let kind = PathKind(atPath: absolute)
            guard kind != .missing else {
                if FileSystem.isSymbolicLink(atPath: absolute) {
                    notices.append(Notice(path: absolute, message: "broken symbolic link, not followed"))
                } else {
                    missing.append(path)
                }
                continue
            }
            if kind == .directory {
                walk(absolute, realRoot: realPath(absolute), into: &files, notices: &notices, visited: [])
            } else if !isExcluded(absolute) {
                // A file named explicitly is linted whatever its extension.
                files.insert(absolute)
            }
        }
        return Result(files: files.sorted(), notices: notices, missing: missing)
    }

    /// True when `path` is `root` or lies below it (both real, normalized paths).
    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root == "/" ? "/" : root + "/")
    }

    func realPath(_ path: String) -> String {
        FileSystem.resolvingSymbolicLinks(path)
    }

    func relative(_ path: String) -> String { FilePath.relative(path, to: root) }

    // Both checks run for every entry of the tree: the root-relative path is only computed when
    // a glob needs it, and the default test looks at the extension's bytes alone.
    func isExcluded(_ path: String) -> Bool {
        if exclude.isEmpty { return false }
        let relativePath = relative(path)
        return exclude.contains { $0.matchesPath(relativePath) }
    }

    func isIncluded(_ path: String) -> Bool {
        if !include.isEmpty {
            let relativePath = relative(path)
            return include.contains { $0.matchesPath(relativePath) }
        }
        let utf8 = path.utf8
        let nameStart = utf8.lastIndex(of: UInt8(ascii: "/")).map(utf8.index(after:)) ?? utf8.startIndex
        guard let dot = utf8[nameStart...].lastIndex(of: UInt8(ascii: ".")) else { return false }
        return FileDiscovery.lintedExtensions.contains(String(decoding: utf8[utf8.index(after: dot)...], as: UTF8.self).lowercased())
    }

    func walk(_ directory: String, realRoot: String, into files: inout Set<String>, notices: inout [Notice], visited: Set<String>) {
        let realDirectory = realPath(directory)
        if visited.contains(realDirectory) {
            notices.append(Notice(path: directory, message: "symbolic link loop, not followed"))
            return
        }
        var visited = visited
        visited.insert(realDirectory)
        guard let names = FileSystem.entries(ofDirectory: directory) else {
            notices.append(Notice(path: directory, message: "directory cannot be read"))
            return
        }
        for name in names.sorted() {
            let path = directory == "/" ? "/" + name : directory + "/" + name
            if FileDiscovery.skippedDirectories.contains(name) { continue }
            // lstat, not FileManager.attributesOfItem: the latter builds a dictionary of a dozen
            // attributes per entry, a measurable share of discovering a 10,000-file tree.
            var status = stat()
            guard lstat(path, &status) == 0 else { continue }
            let type = status.st_mode & S_IFMT
            if type == S_IFLNK {
                let kind = PathKind(atPath: path)
                guard kind != .missing else {
                    notices.append(Notice(path: path, message: "broken symbolic link, not followed"))
                    continue
                }
                if kind == .directory {
                    let target = realPath(path)
                    if visited.contains(target) || realDirectory.hasPrefix(target + "/") || target == realDirectory {
                        notices.append(Notice(path: path, message: "symbolic link loop, not followed"))
                    } else if !FileDiscovery.isInside(target, realRoot) {
                        notices.append(Notice(path: path, message: "symbolic link to a directory outside the linted tree, not followed"))
                    } else if !isExcluded(path) {
                        walk(path, realRoot: realRoot, into: &files, notices: &notices, visited: visited)
                    }
                    continue
                }
                guard isIncluded(path) && !isExcluded(path) else { continue }
                // A link out of the tree could make a report quote a file the tree's author cannot
                // read otherwise (CI credentials, a home directory), so it is reported, not read.
                let target = realPath(path)
                if FileDiscovery.isInside(target, realRoot) {
                    files.insert(path)
                } else {
                    notices.append(Notice(path: path, message: "symbolic link to a file outside the linted tree, not followed"))
                }
                continue
            }
            if type == S_IFDIR {
                if isExcluded(path) { continue }
                walk(path, realRoot: realRoot, into: &files, notices: &notices, visited: visited)
            } else if type == S_IFREG, isIncluded(path), !isExcluded(path) {
                files.insert(path)
            }
        }
    }
}
