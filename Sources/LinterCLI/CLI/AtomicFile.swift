#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Linter
import LinterCore

/// Writes files atomically: a temporary file in the same directory, then a rename, so a reader
/// never sees half a report and an interrupted run never leaves a truncated file.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func write(_ text: String, to path: String, overwrite: Bool) throws(WriteError) {
        try write(Array(text.utf8), to: path, overwrite: overwrite)
    }

    /// An existing file whose content may be replaced: where it really is (a symbolic link keeps
    /// pointing where it did and its target is replaced) and the permission bits it keeps.
    public struct Replaceable: Sendable {
        var target: String
        var mode: mode_t
        var shownPath: String

        /// Checks that `path` can be replaced; `shownPath` names the file in errors.
        public init(_ path: String, shownPath: String) throws(WriteError) {
            guard let resolved = realpath(path, nil) else {
                throw WriteError(description: "cannot write \(shownPath): \(String(cString: strerror(errno)))")
            }
            target = String(cString: resolved)
            free(resolved)
            self.shownPath = shownPath
            var status = stat()
            guard stat(target, &status) == 0 else {
                throw WriteError(description: "cannot write \(shownPath): \(String(cString: strerror(errno)))")
            }
            // A rename would replace a file made read-only (for everyone, or for this user); that
            // is refused as a write would be, even for root, who could write it.
            guard status.st_mode & 0o222 != 0 else { throw WriteError(description: "cannot write \(shownPath): it is read-only") }
            guard access(target, W_OK) == 0 else {
                throw WriteError(description: "cannot write \(shownPath): \(String(cString: strerror(errno)))")
            }
            mode = status.st_mode & 0o7777
        }

        /// Replaces the content, keeping the permission bits.
        public func replace(with bytes: [UInt8]) throws(WriteError) {
            do {
                try AtomicFile.write(bytes, to: target, overwrite: true, mode: mode)
            } catch {
                throw WriteError(description: "cannot write \(shownPath)")
            }
        }
    }

    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool, mode: mode_t? = nil) throws(WriteError) {
        if !overwrite && FileSystem.exists(atPath: path) {
            throw WriteError(description: "\(path) already exists; refusing to overwrite it")
        }
        let directory = FilePath.directory(of: path)
        let temporary = directory + "/.ecslint-\(ProcessFacts.processIdentifier)-\(UInt64.random(in: 0...UInt64.max)).tmp"
        do {
            try FileSystem.createNewFile(atPath: temporary, contents: bytes)
        } catch {
            throw WriteError(description: "cannot write \(path)")
        }
        if let mode, chmod(temporary, mode) != 0 {
            try? FileSystem.removeFile(atPath: temporary)
            throw WriteError(description: "cannot write \(path): cannot keep its permissions")
        }
        if !overwrite {
            // link(2) fails if the name exists, so a file created since the check above is never
            // replaced (rename(2) would replace it). Filesystems without hard links fall back to
            // the check above and a rename.
            if link(temporary, path) == 0 {
                try? FileSystem.removeFile(atPath: temporary)
                return
            }
            if errno == EEXIST {
                try? FileSystem.removeFile(atPath: temporary)
                throw WriteError(description: "\(path) already exists; refusing to overwrite it")
            }
        }
        if rename(temporary, path) != 0 {
            let code = errno
            try? FileSystem.removeFile(atPath: temporary)
            throw WriteError(description: "cannot write \(path): \(String(cString: strerror(code)))")
        }
    }
}
