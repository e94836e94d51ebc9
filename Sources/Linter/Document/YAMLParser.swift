// Temporary stand-in until the YAML parser lands.
public struct YAMLParser {
    public let limits: ParseLimits
    public init(limits: ParseLimits = .default) { self.limits = limits }
    public func parse(_ bytes: [UInt8]) throws(ParseError) -> ParsedFile {
        throw ParseError("YAML is not supported yet", at: 0)
    }
    public func parse(_ text: String) throws(ParseError) -> ParsedFile { try parse(Array(text.utf8)) }
}
