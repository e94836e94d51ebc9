import Testing

@testable import LinterCore
@testable import Linter

/// The JSON and GitHub escapes write bytes in runs; these pin them to their definitions, character
/// by character, so reports stay byte-identical.
@Suite("Report escaping")
struct ReportEscapingTests {
    /// JSON's escapes as first written: scalar by scalar, controls as `\uXXXX` in lower case
    /// unless they have a short form.
    static func reference(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }

    @Test func jsonStringsMatchTheScalarByScalarDefinition() {
        var every = ""
        for value in 0..<0x80 { every.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
        let samples = [
            "", "plain", every, "é😀 \u{7F} \u{85} \u{2028}", "\"quoted\" and \\back\\slashes\\",
            "ends with a control\u{1F}", "\u{00}starts with one", String(repeating: "long run ", count: 500) + "\n",
        ]
        for sample in samples {
            var bytes: [UInt8] = []
            NodeJSONWriter.writeString(sample, into: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == Self.reference(sample), "\(sample.debugDescription)")
            #expect(NodeJSONWriter.quoted(sample) == Self.reference(sample))
        }
    }

    @Test func prettyAndCompactJSON() {
        let value = JSONValue.object([
            ("a", .array([.int(1), .string("x\ny"), .object([])])), ("b", .array([])),
            ("c", .object([("d", .bool(true)), ("e", .null), ("f", .double(2))])),
        ])
        #expect(value.compact == #"{"a":[1,"x\ny",{}],"b":[],"c":{"d":true,"e":null,"f":2.0}}"#)
        let pretty = """
            {
              "a": [
                1,
                "x\\ny",
                {}
              ],
              "b": [],
              "c": {
                "d": true,
                "e": null,
                "f": 2.0
              }
            }
            """
        #expect(value.pretty == pretty)
        #expect(value.prettyLine == Array((pretty + "\n").utf8))
    }

    @Test func githubPercentEscapes() {
        #expect(GitHubReporter.escapeData("100% done\r\nnext: a,b") == "100%25 done%0D%0Anext: a,b")
        #expect(GitHubReporter.escapeProperty("dir,x/file:1.yaml 100%") == "dir%2Cx/file%3A1.yaml 100%25")
        #expect(GitHubReporter.escapeData("nothing to escape: é😀") == "nothing to escape: é😀")
    }
}
