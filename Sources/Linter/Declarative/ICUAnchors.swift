import LinterCore

/// Rewrites a rule pattern's `$` so that the standard library's `Regex` reads it as ICU does.
///
/// Rule patterns are written in ICU's dialect (`NSRegularExpression`'s), where `$` outside
/// multiline mode matches at the end of the text or before a final line terminator (`\r\n`
/// counting as one). `Regex` matches `$` at the very end only, so `^root$` would stop matching
/// `"root\n"`. Each `$` outside a bracket class and not escaped becomes a look-ahead for an
/// optional final terminator and the end. Under an inline multiline flag (`(?m)`, `(?im:…)`),
/// where both engines match `$` at every line end, the pattern is left as written.
enum ICUAnchors {
    static let endOrBeforeFinalTerminator = #"(?=(?:\r\n|[\n\x0B\f\r\x{85}\x{2028}\x{2029}])?\z)"#

    static func translating(_ pattern: String) -> String {
        let scalars = Array(pattern.unicodeScalars)
        if setsMultiline(scalars) { return pattern }
        var output = String.UnicodeScalarView()
        var index = 0
        var classDepth = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\\":
                if index + 1 < scalars.count, scalars[index + 1] == "Q" {
                    // `\Q…\E` is quoted text: copied as it is, `$` included.
                    var end = index + 2
                    while end < scalars.count && !(scalars[end] == "\\" && end + 1 < scalars.count && scalars[end + 1] == "E") { end += 1 }
                    let last = min(scalars.count, end + 2)
                    output.append(contentsOf: scalars[index..<last])
                    index = last
                    continue
                }
                output.append(contentsOf: scalars[index..<min(scalars.count, index + 2)])
                index += 2
                continue
            case "[":
                classDepth += 1
            case "]":
                if classDepth > 0 { classDepth -= 1 }
            case "$" where classDepth == 0:
                output.append(contentsOf: endOrBeforeFinalTerminator.unicodeScalars)
                index += 1
                continue
            default:
                break
            }
            output.append(scalar)
            index += 1
        }
        return String(output)
    }

    /// Whether an inline option group (`(?m)`, `(?im:`, `(?s-m)` counts too: erring towards
    /// leaving the pattern alone) names the multiline flag.
    private static func setsMultiline(_ scalars: [Unicode.Scalar]) -> Bool {
        var index = 0
        while index + 2 < scalars.count {
            if scalars[index] == "\\" {
                index += 2
                continue
            }
            if scalars[index] == "(" && scalars[index + 1] == "?" {
                var flag = index + 2
                while flag < scalars.count, scalars[flag].properties.isAlphabetic || scalars[flag] == "-" {
                    if scalars[flag] == "m" { return true }
                    flag += 1
                }
            }
            index += 1
        }
        return false
    }
}
