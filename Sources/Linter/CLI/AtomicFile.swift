#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files atomically: a temporary file in the same directory, then a rename, so a reader
/// never sees half a report and an interrupted run never leaves a truncated file.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func write(_ text: String, to path: String, overwrite: Bool) throws(WriteError) {
        try write(Array(text.utf8), to: path, overwrite: overwrite)
    }

    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool) throws(WriteError) {
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
