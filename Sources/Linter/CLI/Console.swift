import Foundation

/// Where the CLI writes. Tests pass closures that capture the text; `main` passes the real streams.
public struct Console: Sendable {
    public var writeOut: @Sendable (String) -> Void
    public var writeError: @Sendable (String) -> Void
    public var readInput: @Sendable () -> [UInt8]
    public var isTerminal: Bool
    public var environment: [String: String]
    public var workingDirectory: String

    public init(
        writeOut: @escaping @Sendable (String) -> Void,
        writeError: @escaping @Sendable (String) -> Void,
        readInput: @escaping @Sendable () -> [UInt8] = { [] },
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
            writeOut: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
            writeError: { text in FileHandle.standardError.write(Data(text.utf8)) },
            readInput: { Array(FileHandle.standardInput.readDataToEndOfFile()) },
            isTerminal: isatty(STDOUT_FILENO) != 0,
            environment: ProcessInfo.processInfo.environment,
            workingDirectory: FileManager.default.currentDirectoryPath)
    }
}
