#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The syntax a file is parsed with.
public enum SourceFormat: String, Sendable, Hashable {
    case json, yaml
}

/// Why a file was not parsed at all (as opposed to failing to parse).
public enum SkipReason: Sendable, Hashable {
    case binary
    case tooLarge(bytes: Int, limit: Int)
}

/// Chooses a parser for a file and runs it.
public struct DocumentParser: Sendable {
    public var limits: ParseLimits

    public init(limits: ParseLimits = .default) {
        self.limits = limits
    }

    /// The format by extension; unknown extensions are sniffed: `{` or `[` first means JSON.
    public static func format(forPath path: String, bytes: [UInt8]) -> SourceFormat {
        let lower = path.lowercased()
        if lower.hasSuffix(".json") || lower.hasSuffix(".json.tmpl") || lower.hasSuffix(".jsonnet") { return .json }
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".yaml.tmpl")
            || lower.hasSuffix(".yml.tmpl")
        {
            return .yaml
        }
        var index = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { index = 3 }
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
        if index < bytes.count && (bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "[")) {
            return .json
        }
        return .yaml
    }

    /// A NUL byte in the first 8 KiB marks a binary file, as git and grep decide.
    public static func looksBinary(_ bytes: [UInt8]) -> Bool {
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            return false
        }
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, 0, min(buffer.count, 8192)) != nil
        }
    }

    /// `workers` above 1 lets a large YAML file be scanned on a second thread while its tree is
    /// built (`YAMLTokenPipe`). `keys` lends the keys of files parsed before on this thread.
    public func parse(
        _ file: SourceFile, as format: SourceFormat, workers: Int = 1, keys: KeyTable? = nil
    ) -> Result<ParsedFile, ParseError> {
        do {
            switch format {
            case .json:
                let root = try JSONParser(limits: limits).parse(file.bytes, keys: keys)
                return .success(ParsedFile(documents: [root]))
            case .yaml:
                let scanningAside = workers > 1 && file.bytes.count >= YAMLTokenPipe.threshold
                return .success(try YAMLParser(limits: limits).parse(file.bytes, scanningAside: scanningAside, keys: keys))
            }
        } catch {
            return .failure(error)
        }
    }

    public func parse(_ file: SourceFile) -> Result<ParsedFile, ParseError> {
        parse(file, as: DocumentParser.format(forPath: file.path, bytes: file.bytes))
    }
}
