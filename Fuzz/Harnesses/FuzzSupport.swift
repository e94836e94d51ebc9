// Shared helpers for the libFuzzer harnesses. Compiled into every harness binary.
import LinterCore
import Linter

/// Crashes (so libFuzzer records the input) when a node's range lies outside the file: every
/// reporter slices the source with these ranges.
func checkRanges(_ node: Node, count: Int) {
    precondition(node.range.start >= 0 && node.range.start <= node.range.end && node.range.end <= count,
        "node range \(node.range) outside a \(count)-byte input")
    switch node.kind {
    case .object(let entries):
        for entry in entries {
            checkRanges(entry.key, count: count)
            checkRanges(entry.value, count: count)
        }
    case .array(let elements):
        for element in elements { checkRanges(element, count: count) }
    case .tagged(_, let inner):
        checkRanges(inner, count: count)
    default:
        break
    }
}

/// Small limits, so the limit paths are reached with short inputs too.
let tightLimits = ParseLimits(maxDepth: 8, maxAliasExpansion: 32, maxDocuments: 3, maxStringLength: 16)

/// Escapes text as the inside of a JSON string.
func jsonEscaped(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out
}
