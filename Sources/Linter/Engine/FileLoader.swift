import Foundation

/// Reads a file's bytes defensively: size limit, unreadable files, binary content.
public enum FileLoader {
    public enum Outcome: Sendable {
        case loaded([UInt8])
        case skipped(String)
        case unreadable(String)
    }

    public static func load(_ path: String, maxSize: Int) -> Outcome {
        let fileManager = FileManager.default
        // stat follows symbolic links: the type and size are those of the file that will be read.
        // Only regular files are opened, so a FIFO or device named on the command line cannot block
        // the run or feed it endless bytes.
        var status = stat()
        guard stat(path, &status) == 0 else { return .unreadable("file cannot be read: \(String(cString: strerror(errno)))") }
        guard status.st_mode & S_IFMT == S_IFREG else { return .skipped("not a regular file; skipped") }
        guard fileManager.isReadableFile(atPath: path) else { return .unreadable("file cannot be read (permission denied)") }
        if Int(status.st_size) > maxSize {
            return .skipped("file is \(status.st_size) bytes, larger than the limit of \(maxSize) bytes; skipped")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { return .unreadable("file cannot be opened") }
        defer { try? handle.close() }
        // Read at most one byte past the limit, so a file growing while it is read is still bounded.
        let data: Data
        do {
            data = try handle.read(upToCount: maxSize + 1) ?? Data()
        } catch {
            return .unreadable("file cannot be read: \(error.localizedDescription)")
        }
        if data.count > maxSize {
            return .skipped("file is larger than the limit of \(maxSize) bytes; skipped")
        }
        let bytes = Array(data)
        if DocumentParser.looksBinary(bytes) { return .skipped("binary file (contains a NUL byte); skipped as not text") }
        return .loaded(bytes)
    }
}
