/// Placeholders that a deployment tool fills in before AWS sees a value: their value is unknown,
/// like an unresolved CloudFormation parameter, and no rule may judge the text they stand in.
///
/// * `{{ must_env `TAG` }}`: ecspresso and other Go templates, CloudFormation dynamic references;
/// * `<IMAGE1_NAME>`: CodeDeploy's image placeholders in `taskdef.json`;
/// * `$TAG`, `${TAG}`: envsubst and shell-rendered files;
/// * a whole value that is empty (`amazon-ecs-render-task-definition` fills `"image": ""`), reads
///   `REPLACE_ME…`, or is a bracketed instruction such as `[your application image]`.
///
/// None of `{`, `}`, `$`, `<`, `>`, `[` and `]` can be part of a valid image reference, so reading
/// them as placeholders never hides a reference that would otherwise be valid.
public enum DeployTimePlaceholders {
    /// The literal and unknown parts of `text`, a whole value or a piece of one (the literal
    /// text of a CloudFormation `Fn::Sub`).
    public static func split(_ text: String) -> [SymbolicString.Part] {
        let bytes = Array(text.utf8)
        var parts: [SymbolicString.Part] = []
        var literalStart = 0
        var index = 0
        while index < bytes.count {
            guard let end = placeholderEnd(bytes, at: index) else {
                index += 1
                continue
            }
            if literalStart < index { parts.append(.literal(String(decoding: bytes[literalStart..<index], as: UTF8.self))) }
            parts.append(.unknown)
            index = end
            literalStart = end
        }
        if literalStart < bytes.count {
            parts.append(.literal(String(decoding: bytes[literalStart...], as: UTF8.self)))
        }
        return parts
    }

    /// Whether `text` holds a placeholder anywhere.
    public static func contains(_ text: String) -> Bool {
        split(text).contains { if case .unknown = $0 { return true } else { return false } }
    }

    /// A complete value that is a placeholder as a whole. Only a whole value can be: the empty
    /// text between two CloudFormation substitutions is no placeholder.
    public static func isWholePlaceholder(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace
        if trimmed.isEmpty { return true }
        let upper = trimmed.uppercased()
        if upper.hasPrefix("REPLACE_ME") || upper.hasPrefix("REPLACEME") || upper.hasPrefix("REPLACE-ME")
            || upper.hasPrefix("REPLACE_WITH")
        {
            return true
        }
        return trimmed.hasPrefix("[") && trimmed.hasSuffix("]") && trimmed.count > 2
    }

    /// The end of the placeholder that starts at `index`, if one does.
    static func placeholderEnd(_ bytes: [UInt8], at index: Int) -> Int? {
        let byte = bytes[index]
        let next = index + 1 < bytes.count ? bytes[index + 1] : 0
        switch byte {
        case UInt8(ascii: "{") where next == UInt8(ascii: "{"):
            return closing("}}", in: bytes, from: index + 2)
        case UInt8(ascii: "$") where next == UInt8(ascii: "{"):
            return closing("}", in: bytes, from: index + 2)
        case UInt8(ascii: "$") where isNameStart(next):
            var end = index + 2
            while end < bytes.count, isNameStart(bytes[end]) || (bytes[end] >= 0x30 && bytes[end] <= 0x39) { end += 1 }
            return end
        case UInt8(ascii: "<"):
            guard let end = closing(">", in: bytes, from: index + 1), end - index > 2 else { return nil }
            return end
        default:
            return nil
        }
    }

    /// The offset just past `terminator`, searching on one line from `start`.
    private static func closing(_ terminator: String, in bytes: [UInt8], from start: Int) -> Int? {
        let wanted = Array(terminator.utf8)
        var index = start
        while index + wanted.count <= bytes.count {
            if bytes[index] == 0x0A { return nil }
            if bytes[index..<(index + wanted.count)].elementsEqual(wanted) { return index + wanted.count }
            index += 1
        }
        return nil
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_")
    }
}
