/// A half-open range of byte offsets into a `SourceFile`. This is what nodes store.
public struct ByteRange: Sendable, Hashable, Comparable {
    /// Offsets are stored in 32 bits: every node and every model field holds a range, and two
    /// 64-bit offsets would make a node a quarter larger. Files are never read past `maxOffset`
    /// bytes, so no offset is cut; a larger value would be clamped, not wrapped.
    private var storedStart: Int32
    private var storedEnd: Int32

    /// The largest offset a range can hold, and so the largest file ecslint reads.
    public static let maxOffset = Int(Int32.max)

    public var start: Int {
        get { Int(storedStart) }
        set { storedStart = Int32(clamping: newValue) }
    }

    public var end: Int {
        get { Int(storedEnd) }
        set { storedEnd = Int32(clamping: newValue) }
    }

    /// Inlined: the parsers make one for every node and token, and the call costs more than the
    /// clamping.
    @inline(__always)
    public init(start: Int, end: Int) {
        storedStart = Int32(clamping: start)
        storedEnd = Int32(clamping: max(start, end))
    }

    public init(_ range: Range<Int>) {
        self.init(start: range.lowerBound, end: range.upperBound)
    }

    public static func point(_ offset: Int) -> ByteRange { ByteRange(start: offset, end: offset) }

    public var length: Int { end - start }

    public func contains(_ offset: Int) -> Bool { offset >= start && offset < end }

    public static func < (lhs: ByteRange, rhs: ByteRange) -> Bool {
        lhs.start != rhs.start ? lhs.start < rhs.start : lhs.end < rhs.end
    }
}

/// A resolved position: byte offset, 1-based line and 1-based column in UTF-16 code units.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let offset: Int
    public let line: Int
    public let column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool { lhs.offset < rhs.offset }

    public var description: String { "\(line):\(column)" }
}

/// A resolved range whose end is exclusive.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    public let start: SourcePosition
    public let end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    public var description: String { "\(start)-\(end)" }
}
