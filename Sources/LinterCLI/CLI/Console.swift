#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Linter
import LinterCore

/// Where the CLI writes. Tests pass closures that capture the text; `main` passes the real streams.
public struct Console: Sendable {
    public var writeOut: @Sendable (String) -> Void
    /// Writes UTF-8 bytes to standard output (a report written piece by piece).
    public var writeOutBytes: @Sendable ([UInt8]) -> Void
    public var writeError: @Sendable (String) -> Void
    /// Reads standard input, at most the given number of bytes.
    public var readInput: @Sendable (_ maxCount: Int) -> [UInt8]
    public var isTerminal: Bool
    public var environment: [String: String]
    public var workingDirectory: String

    public init(
        writeOut: @escaping @Sendable (String) -> Void,
        writeOutBytes: (@Sendable ([UInt8]) -> Void)? = nil,
        writeError: @escaping @Sendable (String) -> Void,
        readInput: @escaping @Sendable (_ maxCount: Int) -> [UInt8] = { _ in [] },
        isTerminal: Bool = false,
        environment: [String: String] = [:],
        workingDirectory: String = FileSystem.currentDirectory()
    ) {
        self.writeOut = writeOut
        self.writeOutBytes = writeOutBytes ?? { bytes in writeOut(String(decoding: bytes, as: UTF8.self)) }
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
            writeOutBytes: { bytes in bytes.withUnsafeBytes { writeAll($0, to: STDOUT_FILENO) } },
            writeError: { text in writeAll(text, to: STDERR_FILENO) },
            readInput: { maxCount in readStandardInput(upTo: maxCount) },
            isTerminal: isatty(STDOUT_FILENO) != 0,
            environment: EnvironmentVariables.current(),
            workingDirectory: FileSystem.currentDirectory())
    }

    /// Reads standard input to its end or to `maxCount` bytes; a read error ends the input.
    static func readStandardInput(upTo maxCount: Int) -> [UInt8] {
        FileSystem.readBounded(STDIN_FILENO, upTo: maxCount, expectedCount: 64 * 1024).bytes
    }

    /// Writes the string's own UTF-8 storage: a report of tens of megabytes is not copied into
    /// `Data` first.
    static func writeAll(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
    }

    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) {
        guard var pointer = bytes.baseAddress else { return }
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
