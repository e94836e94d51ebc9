import Foundation

/// Where the CLI writes. Tests pass closures that capture the text; `main` passes the real streams.
public struct Console: Sendable {
    public var writeOut: @Sendable (String) -> Void
    public var writeError: @Sendable (String) -> Void
    /// Reads standard input, at most the given number of bytes.
    public var readInput: @Sendable (_ maxCount: Int) -> [UInt8]
    public var isTerminal: Bool
    public var environment: [String: String]
    public var workingDirectory: String

    public init(
        writeOut: @escaping @Sendable (String) -> Void,
        writeError: @escaping @Sendable (String) -> Void,
        readInput: @escaping @Sendable (_ maxCount: Int) -> [UInt8] = { _ in [] },
        isTerminal: Bool = false,
        environment: [String: String] = [:],
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) {
        self.writeOut = writeOut
        self.writeError = writeError
        self.readInput = readInput
        self.isTerminal = isTerminal
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    /// The process's real standard streams.
    public static func standard() -> Console {
        Console(
            writeOut: { text in writeAll(text, to: STDOUT_FILENO) },
            writeError: { text in writeAll(text, to: STDERR_FILENO) },
            readInput: { maxCount in readStandardInput(upTo: maxCount) },
            isTerminal: isatty(STDOUT_FILENO) != 0,
            environment: ProcessInfo.processInfo.environment,
            workingDirectory: FileManager.default.currentDirectoryPath)
    }

    /// Reads in chunks until end of input or `maxCount` bytes, never reserving more than it read.
    static func readStandardInput(upTo maxCount: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count < maxCount {
            let wanted = min(chunk.count, maxCount - bytes.count)
            let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, wanted) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// Writes the string's own UTF-8 storage: a report of tens of megabytes is not copied into
    /// `Data` first.
    static func writeAll(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            guard var pointer = UnsafeRawPointer(bytes.baseAddress) else { return }
            var remaining = bytes.count
            while remaining > 0 {
                let count = write(descriptor, pointer, remaining)
                // A non-blocking descriptor (an editor's pipe) may be full for a moment.
                if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                if count <= 0 { return }  // a closed pipe: the reader is gone, nothing more to do
                pointer += count
                remaining -= count
            }
        }
    }
}
