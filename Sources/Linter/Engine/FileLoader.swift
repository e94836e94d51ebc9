#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        let (bytes, error) = readBounded(descriptor, upTo: maxSize + 1, expectedCount: Int(status.st_size))
        if let error { return .unreadable("file cannot be read: \(String(cString: strerror(error)))") }
        if bytes.count > maxSize {
            return .skipped("file is larger than the limit of \(maxSize) bytes; skipped")
        }
        if DocumentParser.looksBinary(bytes) { return .skipped("binary file (contains a NUL byte); skipped as not text") }
        return .loaded(bytes)
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
