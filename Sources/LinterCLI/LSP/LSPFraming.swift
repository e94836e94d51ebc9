import Linter
import LinterCore

/// The base protocol's framing: `Content-Length: N\r\n` (other headers such as `Content-Type`
/// ignored), a blank line, then exactly N bytes of UTF-8 JSON.
///
/// The reader is fed whatever a read returned (half a header, three messages and a bit) and hands
/// back complete bodies. A broken header never stops it: it reports the problem and resynchronizes
/// at the next `Content-Length` header.
public struct LSPMessageReader: Sendable {
    public enum Event: Sendable, Equatable {
        /// The body of one message.
        case message([UInt8])
        /// Something in the stream that is not a valid frame; it was skipped.
        case malformed(String)
    }

    /// Headers longer than this are garbage, not headers.
    public static let maxHeaderBytes = 8 * 1024
    /// Bodies larger than this are refused (and skipped) rather than buffered.
    public static let maxBodyBytes = 256 * 1024 * 1024

    private var buffer: [UInt8] = []
    /// Where unread bytes start in `buffer` (compacted lazily to avoid quadratic copies).
    private var start = 0
    /// Body bytes still to discard after a refused oversized message.
    private var discarding = 0

    public init() {}

    /// Bytes received but not yet returned as a message.
    public var pendingByteCount: Int { buffer.count - start }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next complete message or problem, or `nil` when more bytes are needed.
    public mutating func next() -> Event? {
        defer { compact() }
        if discarding > 0 {
            let available = min(discarding, buffer.count - start)
            start += available
            discarding -= available
            if discarding > 0 { return nil }
        }
        // Skip line breaks between frames (some clients send a trailing newline).
        while start < buffer.count, buffer[start] == 0x0D || buffer[start] == 0x0A { start += 1 }
        guard start < buffer.count else { return nil }
        let first = buffer[start] | 0x20
        guard first >= 0x61 && first <= 0x7A else {
            return resynchronize(skippingFrom: start + 1, "bytes outside a frame (expected a header)")
        }
        guard let headerEnd = find(LSPMessageReader.separator, from: start) else {
            if buffer.count - start > LSPMessageReader.maxHeaderBytes {
                return resynchronize(skippingFrom: start + 1, "header longer than \(LSPMessageReader.maxHeaderBytes) bytes without a blank line")
            }
            return nil
        }
        let headerBytes = buffer[start..<headerEnd]
        let bodyStart = headerEnd + LSPMessageReader.separator.count
        switch LSPMessageReader.contentLength(in: headerBytes) {
        case .failure(let problem):
            // Garbage before a header or no length: look for a header right after the start.
            // An unusable length: skip the body that follows it too.
            return resynchronize(skippingFrom: problem.beforeHeader ? start + 1 : bodyStart, problem.message)
        case .success(let length):
            if length > LSPMessageReader.maxBodyBytes {
                start = bodyStart
                discarding = length
                let available = min(discarding, buffer.count - start)
                start += available
                discarding -= available
                return .malformed("message of \(length) bytes is larger than the limit of \(LSPMessageReader.maxBodyBytes); skipped")
            }
            guard buffer.count - bodyStart >= length else { return nil }
            let body = Array(buffer[bodyStart..<(bodyStart + length)])
            start = bodyStart + length
            return .message(body)
        }
    }

    /// Every complete event currently available.
    public mutating func drain() -> [Event] {
        var events: [Event] = []
        while let event = next() { events.append(event) }
        return events
    }

    static let separator: [UInt8] = Array("\r\n\r\n".utf8)
    static let headerName: [UInt8] = Array("content-length:".utf8)

    /// Parses the header block; names are case-insensitive and unknown headers ignored.
    static func contentLength(in header: ArraySlice<UInt8>) -> Result<Int, Problem> {
        let text = String(decoding: header, as: UTF8.self)
        var length: Int?
        for line in text.split(separator: "\r\n", omittingEmptySubsequences: true) {
            guard let colon = line.firstIndex(of: ":") else {
                return .failure(Problem("header line without a colon: '\(line.prefix(80))'", beforeHeader: true))
            }
            let name = line[..<colon].trimmingASCIIWhitespace().lowercased()
            let value = line[line.index(after: colon)...].trimmingASCIIWhitespace()
            guard name == "content-length" else { continue }
            guard let parsed = Int(value), parsed >= 0 else {
                return .failure(Problem("invalid Content-Length '\(value.prefix(40))'"))
            }
            length = parsed
        }
        // Possibly garbage glued to the front of a real header (`xxContent-Length: 5`).
        guard let length else { return .failure(Problem("missing Content-Length header", beforeHeader: true)) }
        return .success(length)
    }

    struct Problem: Error {
        var message: String
        /// The header block starts with bytes that are no header at all.
        var beforeHeader = false
        init(_ message: String, beforeHeader: Bool = false) {
            self.message = message
            self.beforeHeader = beforeHeader
        }
    }

    /// Drops bytes up to the next `Content-Length` header at or after `offset`.
    private mutating func resynchronize(skippingFrom offset: Int, _ message: String) -> Event {
        if let next = findHeaderName(from: min(offset, buffer.count)) {
            start = next
        } else {
            // Keep only a tail that could be the start of a header split across reads.
            start = buffer.count - partialHeaderNameSuffix(from: min(offset, buffer.count))
        }
        return .malformed(message + "; skipped to the next Content-Length header")
    }

    private func find(_ needle: [UInt8], from offset: Int) -> Int? {
        guard buffer.count - offset >= needle.count else { return nil }
        var index = offset
        while index + needle.count <= buffer.count {
            if buffer[index] == needle[0] {
                var matches = true
                for position in 1..<needle.count where buffer[index + position] != needle[position] {
                    matches = false
                    break
                }
                if matches { return index }
            }
            index += 1
        }
        return nil
    }

    /// The length of the longest suffix of `buffer[offset...]` that begins `content-length:`.
    private func partialHeaderNameSuffix(from offset: Int) -> Int {
        let needle = LSPMessageReader.headerName
        var length = min(needle.count - 1, buffer.count - offset)
        while length > 0 {
            let suffixStart = buffer.count - length
            var matches = true
            for position in 0..<length where LSPMessageReader.lowercased(buffer[suffixStart + position]) != needle[position] {
                matches = false
                break
            }
            if matches { return length }
            length -= 1
        }
        return 0
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    private func findHeaderName(from offset: Int) -> Int? {
        let needle = LSPMessageReader.headerName
        var index = offset
        while index + needle.count <= buffer.count {
            var matches = true
            for position in 0..<needle.count {
                if LSPMessageReader.lowercased(buffer[index + position]) != needle[position] {
                    matches = false
                    break
                }
            }
            if matches { return index }
            index += 1
        }
        return nil
    }

    private mutating func compact() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 64 * 1024 && start > buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
    }
}

/// Writes frames.
public enum LSPMessageWriter {
    public static func frame(_ body: [UInt8]) -> [UInt8] {
        Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }

    public static func frame(_ message: JSONValue) -> [UInt8] {
        frame(Array(message.compact.utf8))
    }
}

extension StringProtocol {
    func trimmingASCIIWhitespace() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
