/// A positioned failure to parse a document. Becomes a `parse-error` finding.
public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// Byte offset in the source file where the problem was found.
    public var offset: Int
    public var length: Int

    public init(_ message: String, at offset: Int, length: Int = 0) {
        self.message = message
        self.offset = offset
        self.length = length
    }

    public var range: ByteRange { ByteRange(start: offset, end: offset + length) }

    public var description: String { "\(message) (at byte \(offset))" }

    /// `path:line:col: error: message`, the form every reporter and the dump command print.
    public func formatted(in file: SourceFile) -> String {
        "\(file.path):\(file.position(of: offset)): error: \(message)"
    }
}

/// Resource limits that keep hostile input from exhausting the stack, memory or time.
public struct ParseLimits: Sendable, Hashable {
    public var maxDepth: Int
    /// How many nodes alias expansion may produce in one file (billion-laughs guard).
    public var maxAliasExpansion: Int
    public var maxDocuments: Int
    public var maxStringLength: Int

    public init(
        maxDepth: Int = 512, maxAliasExpansion: Int = 100_000, maxDocuments: Int = 1_000,
        maxStringLength: Int = 8 * 1024 * 1024
    ) {
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxDocuments = maxDocuments
        self.maxStringLength = maxStringLength
    }

    public static let `default` = ParseLimits()

    /// The deepest `maxDepth` a configuration may ask for. The parsers and every consumer of the
    /// tree recurse once per level. Measured on an 8 MiB stack: an optimized build with
    /// AddressSanitizer parses 2000 levels of YAML and overflows at 5000; a debug build parses
    /// 1500 levels of JSON but overflows on YAML below 1000 (debug builds are for development).
    public static let maxDepthCeiling = 1_024
}

/// A comment in a YAML file, kept for suppression directives.
public struct Comment: Sendable, Hashable {
    /// The range from `#` to the end of the line.
    public var range: ByteRange
    /// The text after `#`.
    public var text: String

    public init(range: ByteRange, text: String) {
        self.range = range
        self.text = text
    }
}

/// The result of parsing one file: its documents (YAML allows several) and comments.
public struct ParsedFile: Sendable {
    public var documents: [Node]
    public var comments: [Comment]

    public init(documents: [Node], comments: [Comment] = []) {
        self.documents = documents
        self.comments = comments
    }
}
