import Linter
import LinterCore

/// `file:` URIs ↔ absolute paths, with RFC 3986 percent-encoding (UTF-8).
public enum FileURI {
    /// The absolute, normalized path of a `file:` URI (`file:///a%20b/c.json`, `file://localhost/x`),
    /// or `nil` for other schemes, remote hosts and malformed escapes.
    public static func path(of uri: String) -> String? {
        guard uri.count > 7, uri.prefix(7).lowercased() == "file://" else { return nil }
        var rest = uri.dropFirst(7)
        if let query = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<query] }
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let host = rest[..<slash]
        guard host.isEmpty || host.lowercased() == "localhost" else { return nil }
        guard let decoded = percentDecode(String(rest[slash...])) else { return nil }
        return FilePath.normalize(decoded)
    }

    /// The `file:` URI of an absolute path.
    public static func uri(ofPath path: String) -> String {
        "file://" + percentEncode(path)
    }

    /// Decodes `%XX` escapes as UTF-8; `nil` when an escape is malformed or the bytes are not UTF-8.
    public static func percentDecode(_ text: String) -> String? {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < utf8.count, let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2]) else {
                    return nil
                }
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(byte)
                index += 1
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return Array(text.utf8) == bytes ? text : nil
    }

    /// Encodes every byte outside the unreserved set and `/`, as VS Code does.
    public static func percentEncode(_ path: String) -> String {
        var output = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                output += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0x0F, radix: 16, uppercase: true)
            }
        }
        return output
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
