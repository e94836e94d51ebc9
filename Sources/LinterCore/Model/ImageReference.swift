/// Where an ECR private image lives, decoded from its registry host (docs/aws-semantics.md §4.2).
public struct ECRLocation: Sendable, Hashable {
    /// The 12-digit registry (account) id.
    public var accountId: String
    public var region: String
    /// Path after the host, without tag or digest. May contain `/` (for example pull-through-cache
    /// prefixes such as `docker-hub/library/nginx`).
    public var repositoryName: String
    /// `dkr.ecr-fips` / `dkr-ecr-fips` host.
    public var isFIPS: Bool
    /// Dual-stack (IPv6) endpoint: `dkr-ecr.<region>.on.aws`.
    public var isDualStack: Bool
    /// Host suffix after the region: `amazonaws.com`, `amazonaws.com.cn`, `on.aws`, or a configured one.
    public var domainSuffix: String
    /// `aws`, `aws-cn` or `aws-us-gov`; nil for a configured suffix (ISO partitions and the like).
    public var partition: String?

    /// China regions (`.amazonaws.com.cn`).
    public var isChina: Bool { domainSuffix == "amazonaws.com.cn" }
}

public struct ImageReferenceError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case empty
        case missingName
        case invalidDomain
        case invalidPort
        case emptyPathComponent
        case invalidPathComponent
        case uppercaseRepository
        case nameTooLong
        case emptyTag
        case invalidTag
        case tagTooLong
        case invalidDigest
    }

    public var kind: Kind
    public var message: String
    /// UTF-8 byte offset into the parsed text where the problem starts.
    public var offset: Int

    public var description: String { "\(message) (at offset \(offset))" }
}

/// A container image reference, parsed per the distribution/reference grammar, with Docker Hub
/// normalisation and ECR host decoding (docs/aws-semantics.md §4.1, §4.2).
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// Registry host[:port]; `docker.io` when omitted (and for `index.docker.io`).
    public var registry: String
    /// Repository path; `library/` is prepended for single-component Docker Hub names.
    public var repository: String
    /// The tag as written; nil if none.
    public var tag: String?
    /// `algorithm:hex` as written; nil if none. When both are present the digest is what gets pulled.
    public var digest: String?
    /// `tag`, or `latest` when neither tag nor digest is written.
    public var effectiveTag: String?
    /// Set for ECR private registries.
    public var ecr: ECRLocation?
    /// `public.ecr.aws/<alias>/<repo>`: ECR Public, which has no lifecycle policies.
    public var isECRPublic: Bool

    /// Digest accepted by ECS `ContainerDefinition.image`: only `sha256` with exactly 64 hex characters.
    public var hasECSCompatibleDigest: Bool {
        guard let digest, digest.hasPrefix("sha256:") else { return false }
        return digest.utf8.count == 7 + 64
    }

    /// Fully qualified form: `registry/repository[:tag][@digest]`.
    public var description: String {
        var text = registry + "/" + repository
        if let tag { text += ":" + tag }
        if let digest { text += "@" + digest }
        return text
    }

    /// Hosts recognised as ECR: `<account>.dkr.ecr[-fips].<region>.<suffix>` and
    /// `<account>.dkr-ecr[-fips].<region>.<suffix>` for these suffixes.
    public static let standardECRDomainSuffixes = ["amazonaws.com", "amazonaws.com.cn", "on.aws"]

    public static func parse(_ text: String) -> Result<ImageReference, ImageReferenceError> {
        parse(text, additionalECRDomainSuffixes: [])
    }

    /// `additionalECRDomainSuffixes`: extra host suffixes to treat as ECR (for example ISO partitions).
    public static func parse(
        _ text: String, additionalECRDomainSuffixes: [String]
    ) -> Result<ImageReference, ImageReferenceError> {
        var parser = ImageReferenceParser(bytes: Array(text.utf8))
        do {
            var reference = try parser.parse()
            reference.ecr = ecrLocation(
                registry: reference.registry, repository: reference.repository,
                suffixes: additionalECRDomainSuffixes.isEmpty
                    ? standardECRDomainSuffixes
                    : standardECRDomainSuffixes + additionalECRDomainSuffixes.map { $0.lowercased() })
            reference.isECRPublic = reference.registry.utf8.count == 14 && reference.registry.lowercased() == "public.ecr.aws"
            return .success(reference)
        } catch {
            return .failure(error)
        }
    }

    static func ecrLocation(registry: String, repository: String, suffixes: [String]) -> ECRLocation? {
        // On the host's bytes, with strings made only for a host that is ECR's: this runs for
        // every image of every container, and most hosts are rejected by their first label.
        var host = Array(registry.utf8.prefix { $0 != UInt8(ascii: ":") })
        for index in host.indices where host[index] >= 0x41 && host[index] <= 0x5A { host[index] |= 0x20 }
        func label(from start: Int) -> Range<Int> {
            var end = start
            while end < host.count && host[end] != UInt8(ascii: ".") { end += 1 }
            return start..<end
        }
        func equals(_ range: Range<Int>, _ literal: StaticString) -> Bool {
            range.count == literal.utf8CodeUnitCount
                && zip(host[range], UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
                    .allSatisfy { $0 == $1 }
        }
        let account = label(from: 0)
        guard account.count == 12, host[account].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), account.upperBound < host.count else {
            return nil
        }
        var next = label(from: account.upperBound + 1)
        var dualStackForm = false
        var fips = false
        if equals(next, "dkr") {
            guard next.upperBound < host.count else { return nil }
            let service = label(from: next.upperBound + 1)
            fips = equals(service, "ecr-fips")
            guard fips || equals(service, "ecr") else { return nil }
            next = service
        } else if equals(next, "dkr-ecr") || equals(next, "dkr-ecr-fips") {
            fips = equals(next, "dkr-ecr-fips")
            dualStackForm = true
        } else {
            return nil
        }
        guard next.upperBound < host.count else { return nil }
        let regionRange = label(from: next.upperBound + 1)
        // At least one label follows the region (the suffix).
        guard !regionRange.isEmpty, regionRange.upperBound < host.count,
              host[regionRange].allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D })
        else { return nil }
        let suffix = String(decoding: host[(regionRange.upperBound + 1)...], as: UTF8.self)
        guard suffixes.contains(suffix) else { return nil }
        let region = String(decoding: host[regionRange], as: UTF8.self)

        let partition: String?
        switch suffix {
        case "amazonaws.com.cn": partition = "aws-cn"
        case "amazonaws.com", "on.aws": partition = region.hasPrefix("us-gov-") ? "aws-us-gov" : "aws"
        default: partition = nil
        }
        return ECRLocation(
            accountId: String(decoding: host[account], as: UTF8.self), region: region, repositoryName: repository,
            isFIPS: fips, isDualStack: dualStackForm || suffix == "on.aws", domainSuffix: suffix, partition: partition)
    }
}

/// Byte-level parser. Every accepted character is ASCII, so byte offsets are character offsets for
/// any valid prefix.
private struct ImageReferenceParser {
    public let bytes: [UInt8]

    static let nameTotalLengthMax = 255
    static let tagLengthMax = 128

    func fail(_ kind: ImageReferenceError.Kind, _ message: String, at offset: Int) -> ImageReferenceError {
        ImageReferenceError(kind: kind, message: message, offset: offset)
    }

    func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    static func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
    static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isAlnum(_ b: UInt8) -> Bool { isLower(b) || isUpper(b) || isDigit(b) }
    static func isWord(_ b: UInt8) -> Bool { isAlnum(b) || b == UInt8(ascii: "_") }
    static func isHex(_ b: UInt8) -> Bool {
        isDigit(b) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46)
    }

    mutating func parse() throws(ImageReferenceError) -> ImageReference {
        guard !bytes.isEmpty else { throw fail(.empty, "image reference is empty", at: 0) }

        // reference := name [":" tag] ["@" digest]; the name and tag cannot contain '@'.
        var nameEnd = bytes.count
        var digest: String?
        if let at = bytes.firstIndex(of: UInt8(ascii: "@")) {
            nameEnd = at
            digest = try parseDigest(at + 1 ..< bytes.count)
        }

        // The tag separator is the last ':' after the last '/'.
        let lastSlash = bytes[..<nameEnd].lastIndex(of: UInt8(ascii: "/")) ?? -1
        var tag: String?
        if let colon = bytes[(lastSlash + 1) ..< nameEnd].lastIndex(of: UInt8(ascii: ":")) {
            tag = try parseTag(colon + 1 ..< nameEnd)
            nameEnd = colon
        }
        guard nameEnd > 0 else {
            throw fail(.missingName, "image reference has no repository name", at: 0)
        }
        guard nameEnd <= Self.nameTotalLengthMax else {
            throw fail(.nameTooLong, "repository name must not be more than 255 characters",
                       at: Self.nameTotalLengthMax)
        }

        // splitDockerDomain: the first component is a domain if it is `localhost`, contains '.' or ':',
        // or contains upper-case letters; and only if another component follows.
        var pathStart = 0
        var registry = "docker.io"
        if let firstSlash = bytes[..<nameEnd].firstIndex(of: UInt8(ascii: "/")) {
            let first = bytes[0 ..< firstSlash]
            let isDomain = first.contains(UInt8(ascii: ".")) || first.contains(UInt8(ascii: ":"))
                || first.elementsEqual("localhost".utf8) || first.contains(where: Self.isUpper)
            if isDomain {
                try validateDomain(0 ..< firstSlash)
                registry = text(0 ..< firstSlash)
                if registry == "index.docker.io" { registry = "docker.io" }
                pathStart = firstSlash + 1
            }
        }
        try validatePath(pathStart ..< nameEnd)
        var repository = text(pathStart ..< nameEnd)
        if registry == "docker.io", !repository.utf8.contains(UInt8(ascii: "/")) {
            repository = "library/" + repository
        }
        return ImageReference(
            registry: registry, repository: repository, tag: tag, digest: digest,
            effectiveTag: tag ?? (digest == nil ? "latest" : nil), ecr: nil, isECRPublic: false)
    }

    /// digest := algorithm ":" hex
    /// algorithm := [A-Za-z][A-Za-z0-9]*([+._-][A-Za-z][A-Za-z0-9]*)* ; hex := [0-9a-fA-F]{32,}
    /// Registered algorithms need their exact length: sha256 64, sha384 96, sha512 128.
    func parseDigest(_ range: Range<Int>) throws(ImageReferenceError) -> String {
        guard !range.isEmpty else { throw fail(.invalidDigest, "digest is empty after '@'", at: range.lowerBound) }
        guard let colon = bytes[range].firstIndex(of: UInt8(ascii: ":")) else {
            throw fail(.invalidDigest, "digest must have the form algorithm:hex", at: range.lowerBound)
        }
        var i = range.lowerBound
        var expectLetter = true
        guard i < colon else { throw fail(.invalidDigest, "digest algorithm is empty", at: i) }
        while i < colon {
            let b = bytes[i]
            if expectLetter {
                guard Self.isLower(b) || Self.isUpper(b) else {
                    throw fail(.invalidDigest, "digest algorithm must start each part with a letter", at: i)
                }
                expectLetter = false
            } else if b == UInt8(ascii: "+") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") {
                expectLetter = true
            } else if !Self.isAlnum(b) {
                throw fail(.invalidDigest, "invalid character in digest algorithm", at: i)
            }
            i += 1
        }
        if expectLetter { throw fail(.invalidDigest, "digest algorithm ends with a separator", at: colon - 1) }
        let hexStart = colon + 1
        if let bad = bytes[hexStart ..< range.upperBound].firstIndex(where: { !Self.isHex($0) }) {
            throw fail(.invalidDigest, "digest must be hexadecimal", at: bad)
        }
        let algorithm = text(range.lowerBound ..< colon)
        let hexCount = range.upperBound - hexStart
        let required: Int?
        switch algorithm {
        case "sha256": required = 64
        case "sha384": required = 96
        case "sha512": required = 128
        default: required = nil
        }
        if let required, hexCount != required {
            throw fail(.invalidDigest, "\(algorithm) digest must have \(required) hex characters, found \(hexCount)", at: hexStart)
        }
        if hexCount < 32 {
            throw fail(.invalidDigest, "digest must have at least 32 hex characters, found \(hexCount)", at: hexStart)
        }
        return text(range)
    }

    /// tag := [\w][\w.-]{0,127}
    func parseTag(_ range: Range<Int>) throws(ImageReferenceError) -> String {
        guard let first = range.first else {
            throw fail(.emptyTag, "tag is empty after ':'", at: range.lowerBound)
        }
        guard Self.isWord(bytes[first]) else {
            throw fail(.invalidTag, "tag must start with a letter, digit or '_'", at: first)
        }
        if let bad = bytes[range].firstIndex(where: { !(Self.isWord($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")) }) {
            throw fail(.invalidTag, "invalid character in tag (allowed: letters, digits, '_', '.', '-')", at: bad)
        }
        guard range.count <= Self.tagLengthMax else {
            throw fail(.tagTooLong, "tag must not be more than 128 characters (found \(range.count))", at: first)
        }
        return text(range)
    }

    /// domain := host [":" port]; host := domain-name | IPv4 | "[" IPv6 "]".
    func validateDomain(_ range: Range<Int>) throws(ImageReferenceError) {
        var i = range.lowerBound
        let end = range.upperBound
        if i < end, bytes[i] == UInt8(ascii: "[") {
            guard let close = bytes[i ..< end].firstIndex(of: UInt8(ascii: "]")), close > i + 1 else {
                throw fail(.invalidDomain, "unterminated or empty IPv6 address in registry", at: i)
            }
            if let bad = bytes[(i + 1) ..< close].firstIndex(where: {
                !(Self.isHex($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "."))
            }) {
                throw fail(.invalidDomain, "invalid character in IPv6 address", at: bad)
            }
            i = close + 1
        } else {
            // domain-component := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9], joined by '.'
            while true {
                guard i < end, Self.isAlnum(bytes[i]) else {
                    throw fail(.invalidDomain, "registry host components must start with a letter or digit", at: i)
                }
                while i < end, Self.isAlnum(bytes[i]) || bytes[i] == UInt8(ascii: "-") { i += 1 }
                if bytes[i - 1] == UInt8(ascii: "-") {
                    throw fail(.invalidDomain, "registry host components must not end with '-'", at: i - 1)
                }
                if i < end, bytes[i] == UInt8(ascii: ".") {
                    i += 1
                    continue
                }
                break
            }
        }
        guard i < end else { return }
        guard bytes[i] == UInt8(ascii: ":") else {
            throw fail(.invalidDomain, "invalid character in registry host", at: i)
        }
        let portStart = i + 1
        guard portStart < end else { throw fail(.invalidPort, "registry port is empty", at: portStart) }
        if let bad = bytes[portStart ..< end].firstIndex(where: { !Self.isDigit($0) }) {
            throw fail(.invalidPort, "registry port must be a number", at: bad)
        }
    }

    /// path := component ("/" component)*; component := [a-z0-9]+ (separator [a-z0-9]+)*;
    /// separator := [_.] | "__" | "-"+
    func validatePath(_ range: Range<Int>) throws(ImageReferenceError) {
        if let upper = bytes[range].firstIndex(where: Self.isUpper) {
            throw fail(.uppercaseRepository, "repository name must be lowercase", at: upper)
        }
        var start = range.lowerBound
        while true {
            let slash = bytes[start ..< range.upperBound].firstIndex(of: UInt8(ascii: "/")) ?? range.upperBound
            try validateComponent(start ..< slash)
            if slash == range.upperBound { return }
            start = slash + 1
        }
    }

    func validateComponent(_ range: Range<Int>) throws(ImageReferenceError) {
        guard !range.isEmpty else {
            throw fail(.emptyPathComponent, "repository path has an empty component", at: range.lowerBound)
        }
        let alnum: (UInt8) -> Bool = { Self.isLower($0) || Self.isDigit($0) }
        var i = range.lowerBound
        let end = range.upperBound
        while true {
            guard i < end, alnum(bytes[i]) else {
                let message = i < end && ![UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-")].contains(bytes[i])
                    ? "invalid character in repository path (allowed: a-z, 0-9, '.', '_', '-', '/')"
                    : "repository path components must start and end with a letter or digit"
                throw fail(.invalidPathComponent, message, at: min(i, end - 1))
            }
            while i < end, alnum(bytes[i]) { i += 1 }
            guard i < end else { return }
            switch bytes[i] {
            case UInt8(ascii: "."):
                i += 1
            case UInt8(ascii: "_"):
                i += (i + 1 < end && bytes[i + 1] == UInt8(ascii: "_")) ? 2 : 1
            case UInt8(ascii: "-"):
                while i < end, bytes[i] == UInt8(ascii: "-") { i += 1 }
            default:
                throw fail(.invalidPathComponent,
                           "invalid character in repository path (allowed: a-z, 0-9, '.', '_', '-', '/')", at: i)
            }
        }
    }
}
