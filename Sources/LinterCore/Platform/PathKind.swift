#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path names once symbolic links are followed: what
/// `FileManager.fileExists(atPath:isDirectory:)` answers, whose `isDirectory` argument is an
/// `ObjCBool` on Darwin and a `Bool` in swift-foundation; one `stat` call serves both.
public enum PathKind: Sendable, Equatable {
    /// Nothing there, a broken symbolic link, or a path that cannot be examined.
    case missing
    case directory
    /// A regular file or anything else that is not a directory.
    case other

    public init(atPath path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            self = .missing
            return
        }
        self = status.st_mode & S_IFMT == S_IFDIR ? .directory : .other
    }
}
