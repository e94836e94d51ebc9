/// A token of HCL native syntax outside template text. Templates are scanned byte by byte by
/// the parser itself; the lexer only marks where one starts (`quote`, `heredoc`).
struct HCLToken: Sendable, Hashable {
    enum Kind: UInt8, Sendable, Hashable {
        case identifier, number
        /// An opening `"`; the template after it is scanned by the parser.
        case quote
        /// `<<MARKER` or `<<-MARKER` and its line break; the body follows.
        case heredoc
        case newline, endOfFile
        case openBrace, closeBrace, openBracket, closeBracket, openParen, closeParen
        case comma, dot, ellipsis, colon, doubleColon, question, equals, fatArrow, tilde
        case plus, minus, star, slash, percent
        case and, or, bang
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    }

    var kind: Kind
    var range: ByteRange

    /// The operator this token spells between two operands, if any.
    var binaryOperator: HCLBinaryOperator? {
        switch kind {
        case .or: return .or
        case .and: return .and
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessOrEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterOrEqual: return .greaterOrEqual
        case .plus: return .add
        case .minus: return .subtract
        case .star: return .multiply
        case .slash: return .divide
        case .percent: return .modulo
        default: return nil
        }
    }
}
