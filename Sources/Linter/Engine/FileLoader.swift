#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LinterCore

/// Reads a file's bytes defensively: size limit, unreadable files, binary content.
public enum FileLoader {
    public enum Outcome: Sendable {
        case loaded([UInt8])
        case skipped(String)
        case unreadable(String)
    }

    public static func load(_ path: String, maxSize requested: Int) -> Outcome {
        // No file is larger than a range can address (this also keeps the read of one byte past
        // the limit from overflowing).
        let maxSize = max(0, min(requested, ByteRange.maxOffset))
        // Opened without blocking (a FIFO would otherwise wait for a writer), then checked through
        // the descriptor, so the file read is the file checked: only a regular file is read, so a
        // FIFO or device cannot block the run or feed it endless bytes.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == EACCES { return .unreadable("file cannot be read (permission denied)") }
            return .unreadable("file cannot be read: \(String(cString: strerror(code)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .unreadable("file cannot be read: \(String(cString: strerror(errno)))") }
        guard status.st_mode & S_IFMT == S_IFREG else { return .skipped("not a regular file; skipped") }
        if Int(status.st_size) > maxSize {
            return .skipped("file is \(status.st_size) bytes, larger than the limit of \(maxSize) bytes; skipped")
        }
        // Read at most one byte past the limit, so a file growing while it is read is still bounded.
        let (bytes, error) = FileSystem.readBounded(descriptor, upTo: maxSize + 1, expectedCount: Int(status.st_size))
        if let error { return .unreadable("file cannot be read: \(String(cString: strerror(error)))") }
        if bytes.count > maxSize {
            return .skipped("file is larger than the limit of \(maxSize) bytes; skipped")
        }
        if DocumentParser.looksBinary(bytes) { return .skipped("binary file (contains a NUL byte); skipped as not text") }
        return .loaded(bytes)
    }
}
