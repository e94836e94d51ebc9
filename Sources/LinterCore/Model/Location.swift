/// A place in a linted file: the file's path and a byte range in it.
///
/// Embedded documents (JSON held in a string) are mapped back into their outer file, so a location
/// always names a file on disk.
public struct Location: Sendable, Hashable, Comparable {
    public var path: String
    public var range: ByteRange

    public init(path: String, range: ByteRange) {
        self.path = path
        self.range = range
    }

    public static func < (lhs: Location, rhs: Location) -> Bool {
        lhs.path != rhs.path ? lhs.path < rhs.path : lhs.range < rhs.range
    }
}
