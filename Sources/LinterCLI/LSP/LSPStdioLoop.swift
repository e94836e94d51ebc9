#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Linter
import LinterCore

/// Moves bytes between a byte stream and the server: read what is there, frame it, handle the
/// complete messages, write the answers. Malformed input is logged and skipped, never fatal.
public struct LSPStdioLoop {
    /// Returns the next bytes, or `nil`/empty at end of input.
    public var read: () -> [UInt8]?
    /// Writes bytes; returns `false` when the output is gone.
    public var write: ([UInt8]) -> Bool
    public var log: (String) -> Void

    public init(read: @escaping () -> [UInt8]?, write: @escaping ([UInt8]) -> Bool, log: @escaping (String) -> Void) {
        self.read = read
        self.write = write
        self.log = log
    }

    /// Serves until `exit` (its exit code: 0 after `shutdown`, else 1) or end of input (1).
    public func run(_ server: inout LanguageServer) -> Int32 {
        var reader = LSPMessageReader()
        while true {
            guard let chunk = read(), !chunk.isEmpty else {
                log("ecslint lsp: end of input before 'exit'; stopping")
                return 1
            }
            reader.append(chunk)
            var bodies: [[UInt8]] = []
            for event in reader.drain() {
                switch event {
                case .message(let body): bodies.append(body)
                case .malformed(let problem): log("ecslint lsp: malformed input: \(problem)")
                }
            }
            guard !bodies.isEmpty else { continue }
            let reaction = server.handle(bodies: bodies)
            for line in reaction.log { log(line) }
            for message in reaction.messages where !write(message.framed) {
                log("ecslint lsp: the output is closed; stopping")
                return 1
            }
            if let code = reaction.exitCode { return code }
        }
    }

    /// The process's standard input and output (POSIX reads and writes, retried on EINTR, so that
    /// an I/O error ends the loop instead of trapping) and standard error for the log.
    public static func standard(log: @escaping (String) -> Void) -> LSPStdioLoop {
        LSPStdioLoop(
            read: {
                var buffer = [UInt8](repeating: 0, count: 64 * 1024)
                while true {
                    let count = buffer.withUnsafeMutableBytes { SystemCall.read(STDIN_FILENO, $0.baseAddress, $0.count) }
                    if count > 0 { return Array(buffer[0..<count]) }
                    if count < 0 && errno == EINTR { continue }
                    return nil
                }
            },
            write: { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = bytes.withUnsafeBytes { raw in
                        SystemCall.write(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
                    }
                    if written > 0 {
                        offset += written
                    } else if written < 0 && errno == EINTR {
                        continue
                    } else {
                        return false
                    }
                }
                return true
            },
            log: log)
    }
}
