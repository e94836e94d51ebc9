#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file as the linter sees it: its path, its raw bytes and where each line starts.
///
/// Nodes store byte offsets only; lines and columns are computed here on demand, in the
/// unit the consumer needs (UTF-16 code units for SARIF, GitHub and LSP).
public struct SourceFile: Sendable {
    public let path: String
    public let bytes: [UInt8]
    /// Byte offset at which each line starts. Line 1 starts after a UTF-8 byte order mark.
    /// Stored in 32 bits, as `ByteRange` offsets are: every file of a project keeps its table
    /// until the report.
    private let lineStarts: [Int32]
    /// UTF-16 code units in `bytes[0..<k * checkpointStride]`, for every k: a column is then
    /// counted from the nearest checkpoint, not from the line start, so positions on a
    /// minified one-line file cost O(stride) each instead of O(line length).
    let utf16Checkpoints: [Int]
    static let checkpointStride = 4096

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        self.lineStarts = SourceFile.computeLineStarts(bytes)
        self.utf16Checkpoints = SourceFile.computeUTF16Checkpoints(bytes)
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    public var hasByteOrderMark: Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// The number of lines (a final line without a newline counts; an empty file has one).
    public var lineCount: Int { lineStarts.count }

    /// The byte offset at which the 1-based `line` starts; `line` is in `1...lineCount`.
    public func lineStart(_ line: Int) -> Int { Int(lineStarts[line - 1]) }

    static func computeLineStarts(_ bytes: [UInt8]) -> [Int32] {
        var starts: [Int32] = []
        starts.reserveCapacity(bytes.count / 32 + 1)
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        starts.append(hasBOM ? 3 : 0)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let count = buffer.count
            if memchr(base, 0x0D, count) == nil {
                // No CR anywhere (the common case): jump from LF to LF.
                var index = 0
                while index < count, let found = memchr(base + index, 0x0A, count - index) {
                    index = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                    starts.append(Int32(clamping: index))
                }
                return
            }
            var index = 0
            while index < count {
                let byte = buffer[index]
                if byte == 0x0A {
                    starts.append(Int32(clamping: index + 1))
                } else if byte == 0x0D {
                    if index + 1 < count && buffer[index + 1] == 0x0A {
                        index += 1
                    }
                    starts.append(Int32(clamping: index + 1))
                }
                index += 1
            }
        }
        return starts
    }

    static func computeUTF16Checkpoints(_ bytes: [UInt8]) -> [Int] {
        var checkpoints = [0]
        checkpoints.reserveCapacity(bytes.count / checkpointStride + 1)
        var start = 0
        while start + checkpointStride <= bytes.count {
            checkpoints.append(checkpoints[checkpoints.count - 1] + utf16Length(bytes, from: start, to: start + checkpointStride))
            start += checkpointStride
        }
        return checkpoints
    }

    /// UTF-16 code units in `bytes[0..<offset]`. The count is additive byte by byte (a lead byte
    /// carries its sequence's units), so it may start at any checkpoint.
    func utf16Offset(of offset: Int) -> Int {
        let checkpoint = min(offset / SourceFile.checkpointStride, utf16Checkpoints.count - 1)
        let base = checkpoint * SourceFile.checkpointStride
        return utf16Checkpoints[checkpoint] + SourceFile.utf16Length(bytes, from: base, to: offset)
    }

    /// The 1-based line holding `offset`.
    public func line(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if Int(lineStarts[middle]) <= offset {
                low = middle
            } else {
                high = middle - 1
            }
        }
        return low + 1
    }

    /// The full position of a byte offset, with the column in UTF-16 code units.
    public func position(of offset: Int) -> SourcePosition {
        let clamped = max(0, min(offset, bytes.count))
        let line = line(of: clamped)
        let lineStart = self.lineStart(line)
        let column =
            clamped - lineStart <= SourceFile.checkpointStride
            ? SourceFile.utf16Length(bytes, from: lineStart, to: clamped)
            : utf16Offset(of: clamped) - utf16Offset(of: lineStart)
        return SourcePosition(offset: clamped, line: line, column: column + 1)
    }

    public func range(of byteRange: ByteRange) -> SourceRange {
        SourceRange(start: position(of: byteRange.start), end: position(of: byteRange.end))
    }

    /// The 1-based column of `offset` counted in Unicode scalars rather than UTF-16 units.
    public func scalarColumn(of offset: Int) -> Int {
        let clamped = max(0, min(offset, bytes.count))
        let lineStart = self.lineStart(line(of: clamped))
        var count = 0
        var index = lineStart
        while index < clamped {
            if bytes[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count + 1
    }

    /// The text of a 1-based line without its line break.
    public func lineText(_ line: Int) -> String {
        guard line >= 1 && line <= lineStarts.count else { return "" }
        let start = lineStart(line)
        var end = line < lineStarts.count ? lineStart(line + 1) : bytes.count
        while end > start && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The source text covered by a byte range.
    public func text(of range: ByteRange) -> String {
        let start = max(0, min(range.start, bytes.count))
        let end = max(start, min(range.end, bytes.count))
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Counts UTF-16 code units in `bytes[from..<to]`; invalid bytes count as one unit each,
    /// matching how editors display replacement characters.
    public static func utf16Length(_ bytes: [UInt8], from: Int, to: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            let from = max(0, min(from, buffer.count))
            let to = max(from, min(to, buffer.count))
            var units = 0
            var index = from
            // Eight ASCII bytes are eight units: whole files are counted for the checkpoints.
            while index + 8 <= to {
                if UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
                    units += utf16Units(UnsafeBufferPointer(start: base + index, count: 8))
                } else {
                    units += 8
                }
                index += 8
            }
            return units + utf16Units(UnsafeBufferPointer(start: base + index, count: to - index))
        }
    }

    @inline(__always)
    private static func utf16Units(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var units = 0
        for byte in bytes {
            if byte < 0x80 {
                units += 1
            } else if byte & 0xC0 == 0x80 {
                // continuation byte: counted with its lead byte
            } else if byte >= 0xF0 {
                units += 2
            } else {
                units += 1
            }
        }
        return units
    }
}
