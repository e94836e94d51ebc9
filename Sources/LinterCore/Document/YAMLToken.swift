/// The token kinds produced by `YAMLScanner`, following the YAML 1.2 token model
/// (block collections are delimited by synthetic start/end tokens derived from indentation).
enum YAMLTokenKind: UInt8, Sendable {
    case streamStart, streamEnd
    case versionDirective, tagDirective, reservedDirective
    case documentStart, documentEnd
    case blockSequenceStart, blockMappingStart, blockEnd
    case flowSequenceStart, flowSequenceEnd, flowMappingStart, flowMappingEnd
    case blockEntry, flowEntry, key, value
    case alias, anchor, tag, scalar

    var displayName: String {
        switch self {
        case .streamStart: return "start of stream"
        case .streamEnd: return "end of file"
        case .versionDirective: return "a %YAML directive"
        case .tagDirective: return "a %TAG directive"
        case .reservedDirective: return "a directive"
        case .documentStart: return "'---'"
        case .documentEnd: return "'...'"
        case .blockSequenceStart: return "a block sequence"
        case .blockMappingStart: return "a block mapping"
        case .blockEnd: return "end of a block collection"
        case .flowSequenceStart: return "'['"
        case .flowSequenceEnd: return "']'"
        case .flowMappingStart: return "'{'"
        case .flowMappingEnd: return "'}'"
        case .blockEntry: return "'-'"
        case .flowEntry: return "','"
        case .key: return "a mapping key"
        case .value: return "':'"
        case .alias: return "an alias"
        case .anchor: return "an anchor"
        case .tag: return "a tag"
        case .scalar: return "a scalar"
        }
    }
}

/// Where a token's text is. Tokens hold no strings, so moving them through the scanner's queue
/// copies plain bytes: no reference counting per token.
enum YAMLTokenText: Sendable {
    case none
    /// Input bytes `start..<end`, as written.
    case slice(start: Int, end: Int)
    /// Text the scanner had to build (escapes, folded lines, directive parameters), by index in
    /// `YAMLScanner.decodedTexts`.
    case decoded(Int)
}

struct YAMLToken: Sendable {
    var kind: YAMLTokenKind
    var start: Int
    var end: Int
    /// Scalar value, anchor/alias name, tag handle, `%TAG` handle or `%YAML` version.
    var value: YAMLTokenText = .none
    /// Tag suffix or `%TAG` prefix.
    var extra: YAMLTokenText = .none
    var style: ScalarStyle = .plain

    init(_ kind: YAMLTokenKind, start: Int, end: Int) {
        self.kind = kind
        self.start = start
        self.end = end
    }
}
