#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Terraform's automatic conversions between primitive types, for operators, templates and
/// function arguments. Failures carry the message Terraform's error would.
enum HCLConversions {
    static func string(_ value: HCLValue) -> Result<String, HCLConversionError> {
        switch value.kind {
        case .string(let text): return .success(text)
        case .number(let number): return .success(number.description)
        case .bool(let flag): return .success(flag ? "true" : "false")
        case .null: return .failure(HCLConversionError("a null value cannot be used as a string"))
        case .tuple, .object: return .failure(HCLConversionError("a \(value.typeName) cannot be used as a string"))
        case .unknown, .partial: return .failure(HCLConversionError("the value is not known"))
        }
    }

    static func number(_ value: HCLValue) -> Result<Double, HCLConversionError> {
        switch value.kind {
        case .number(let number): return .success(number.value)
        case .string(let text):
            if let parsed = parseNumber(text) { return .success(parsed) }
            return .failure(HCLConversionError("'\(text)' is not a number"))
        case .null: return .failure(HCLConversionError("a null value cannot be used as a number"))
        default: return .failure(HCLConversionError("a \(value.typeName) cannot be used as a number"))
        }
    }

    /// A number in HCL's literal syntax, with an optional sign.
    static func parseNumber(_ text: String) -> Double? {
        var body = Substring(text)
        if body.hasPrefix("-") || body.hasPrefix("+") { body = body.dropFirst() }
        guard let first = body.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9"),
            body.utf8.allSatisfy({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") })
        else { return nil }
        return Double(text)
    }

    static func bool(_ value: HCLValue) -> Result<Bool, HCLConversionError> {
        switch value.kind {
        case .bool(let flag): return .success(flag)
        case .string("true"): return .success(true)
        case .string("false"): return .success(false)
        case .null: return .failure(HCLConversionError("a null value cannot be used as a bool"))
        default: return .failure(HCLConversionError("a \(value.typeName) cannot be used as a bool"))
        }
    }

    /// The elements of a list-like value, or of a map's values.
    static func elements(_ value: HCLValue) -> [HCLValue]? {
        switch value.kind {
        case .tuple(let elements): return elements
        case .object(let members): return members.map(\.value)
        default: return nil
        }
    }
}

struct HCLConversionError: Error, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Builds a string from known and unknown pieces: a plain string when every piece is known, a
/// partial string otherwise. Pieces keep their spans; empty literals are dropped.
struct HCLStringBuilder {
    var parts: [HCLValue] = []
    var text = ""
    var hasUnknown = false
    var assumptions: [HCLAssumption] = []
    var length = 0

    /// Appends a value converted to a string; a failure message for values that cannot be one.
    mutating func append(_ value: HCLValue) -> String? {
        for assumption in value.assumptions where !assumptions.contains(assumption) { assumptions.append(assumption) }
        switch value.kind {
        case .partial(let pieces):
            for piece in pieces { _ = append(piece) }
            return nil
        case .unknown:
            hasUnknown = true
            parts.append(value)
            return nil
        default:
            switch HCLConversions.string(value) {
            case .success(let piece):
                guard !piece.isEmpty else { return nil }
                text += piece
                length += piece.utf8.count
                var part = value
                part.kind = .string(piece)
                parts.append(part)
                return nil
            case .failure(let error):
                return error.message
            }
        }
    }

    func build(span: HCLSpan?) -> HCLValue {
        var value = hasUnknown ? HCLValue(.partial(parts), span: span) : HCLValue.string(text, span: span)
        value.assumptions = assumptions
        return value
    }
}
