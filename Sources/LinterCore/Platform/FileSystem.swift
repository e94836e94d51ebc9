#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file-system calls ecslint makes outside `FileLoader`, written on the C library rather
/// than Foundation's `FileManager`: linking Foundation for them would triple the binary's size.
public enum FileSystem {
    /// An operation that failed, with the C library's description of why.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        init(_ what: String, _ path: String, code: Int32) {
            description = "cannot \(what) \(path): \(String(cString: strerror(code)))"
        }
    }

    /// Whether something exists at `path`, following symbolic links (a broken link does not exist).
    public static func exists(atPath path: String) -> Bool {
        PathKind(atPath: path) != .missing
    }

    /// Whether `path` itself is a symbolic link, whatever it points to.
    public static func isSymbolicLink(atPath path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK
    }

    /// The whole content of a regular file, or nil when it cannot be read.
    public static func contents(atPath path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT != S_IFDIR else { return nil }
        let (bytes, error) = readBounded(descriptor, upTo: Int.max, expectedCount: Int(status.st_size))
        return error == nil ? bytes : nil
    }

    /// The names in a directory, without `.` and `..`, in the order the system lists them; nil
    /// when it cannot be listed.
    public static func entries(ofDirectory path: String) -> [String]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Creates `path` and every missing directory above it; succeeds when it already exists.
    public static func createDirectory(atPath path: String) throws(Failure) {
        if PathKind(atPath: path) == .directory { return }
        let parent = FilePath.directory(of: path)
        if parent != path && !parent.isEmpty { try createDirectory(atPath: parent) }
        if mkdir(path, 0o777) != 0 && errno != EEXIST { throw Failure("create directory", path, code: errno) }
    }

    /// Removes a file (not a directory).
    public static func removeFile(atPath path: String) throws(Failure) {
        if unlink(path) != 0 { throw Failure("remove", path, code: errno) }
    }

    /// Creates a new file holding `bytes`, failing when `path` exists. Permissions are 0666 less
    /// the process's umask, as any file the user's tools create.
    public static func createNewFile(atPath path: String, contents bytes: [UInt8]) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw Failure("create", path, code: errno) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                SystemCall.write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                let code = errno
                close(descriptor)
                unlink(path)
                throw Failure("write", path, code: code)
            }
            offset += written
        }
        if close(descriptor) != 0 {
            let code = errno
            unlink(path)
            throw Failure("write", path, code: code)
        }
    }

    /// The path with every symbolic link resolved (`realpath`), or the path as given when it
    /// cannot be resolved (it does not exist).
    public static func resolvingSymbolicLinks(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The process's working directory; "/" in the odd case it cannot be named (removed).
    public static func currentDirectory() -> String {
        guard let path = getcwd(nil, 0) else { return "/" }
        defer { free(path) }
        return String(cString: path)
    }

    /// Reads `descriptor` to its end or to `maxCount` bytes, whichever comes first; a read error
    /// other than an interruption ends it, with the bytes read so far and the error number.
    public static func readBounded(_ descriptor: Int32, upTo maxCount: Int, expectedCount: Int) -> (bytes: [UInt8], error: Int32?) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, min(expectedCount, maxCount)))
        // The chunk is sized to what is expected: a fixed 64 KB one was zero-filled for every 2 KB
        // task definition, a tenth of the instructions of linting a 10,000-file project.
        var chunk = [UInt8](repeating: 0, count: min(64 * 1024, max(4 * 1024, expectedCount + 1)))
        while bytes.count < maxCount {
            let wanted = min(chunk.count, maxCount - bytes.count)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, wanted) }
            if count < 0 {
                if errno == EINTR { continue }
                return (bytes, errno)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return (bytes, nil)
    }
}
