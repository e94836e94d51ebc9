/// Resolution of untagged plain scalars by the YAML 1.2 core schema. YAML 1.1 forms such as
/// `yes`, `on` or `0755`-as-octal are deliberately not recognised: they stay strings or decimals.
public enum YAMLCoreSchema {
    public static func resolvePlain(_ text: String) -> Node.Kind {
        var copy = text
        return copy.withUTF8 { resolve(bytes: $0, of: text) } ?? .string(text, .plain)
    }

    /// Whether a plain scalar starting with `first` resolves to a string whatever follows: only
    /// null, booleans and numbers resolve otherwise, and each starts with one of the bytes that
    /// `resolve(bytes:of:)` looks further at. Nil (an empty scalar) resolves to null.
    static func isString(plainStartingWith first: UInt8?) -> Bool {
        guard let first else { return false }
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
            UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return false
        default:
            return true
        }
    }

    /// Returns the non-string resolution of `text`, whose bytes these are, or nil for a plain string.
    private static func resolve(bytes: UnsafeBufferPointer<UInt8>, of text: String) -> Node.Kind? {
        guard let first = bytes.first else { return .null }
        switch first {
        case UInt8(ascii: "~"):
            return bytes.count == 1 ? .null : nil
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            return matchesAny(bytes, ["null", "Null", "NULL"]) ? .null : nil
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            return matchesAny(bytes, ["true", "True", "TRUE"]) ? .bool(true) : nil
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return matchesAny(bytes, ["false", "False", "FALSE"]) ? .bool(false) : nil
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return isNumber(bytes) ? .number(text) : nil
        default:
            return nil
        }
    }

    static func isNull(_ text: String) -> Bool {
        text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    static func isNumber(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { isNumber($0) }
    }

    private static func matchesAny(_ bytes: UnsafeBufferPointer<UInt8>, _ candidates: [StaticString]) -> Bool {
        for candidate in candidates where candidate.utf8CodeUnitCount == bytes.count {
            let pointer = candidate.utf8Start
            var equal = true
            for offset in 0..<bytes.count where bytes[offset] != pointer[offset] {
                equal = false
                break
            }
            if equal { return true }
        }
        return false
    }

    @inline(__always) private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard count > 0 else { return false }
        // 0o17 and 0xFF (unsigned only, as in the core schema)
        if count > 2 && bytes[0] == UInt8(ascii: "0") {
            if bytes[1] == UInt8(ascii: "o") {
                return bytes[2...].allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7") }
            }
            if bytes[1] == UInt8(ascii: "x") {
                return bytes[2...].allSatisfy {
                    isDigit($0) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f"))
                        || ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "F"))
                }
            }
        }
        var index = 0
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") { index = 1 }
        let rest = count - index
        if rest == 4 && bytes[index] == UInt8(ascii: ".") {
            let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)...]), as: UTF8.self)
            if word == "inf" || word == "Inf" || word == "INF" { return true }
            if index == 0 && (word == "nan" || word == "NaN" || word == "NAN") { return true }
            // not a special value; fall through to the decimal grammar (".123" is still valid)
        }
        var integerDigits = 0
        while index < count && isDigit(bytes[index]) {
            index += 1
            integerDigits += 1
        }
        var fractionDigits = 0
        if index < count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < count && isDigit(bytes[index]) {
                index += 1
                fractionDigits += 1
            }
        }
        if integerDigits == 0 && fractionDigits == 0 { return false }
        if index < count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            if index < count && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) { index += 1 }
            var exponentDigits = 0
            while index < count && isDigit(bytes[index]) {
                index += 1
                exponentDigits += 1
            }
            if exponentDigits == 0 { return false }
        }
        return index == count
    }
}
