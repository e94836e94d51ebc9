// Interim stand-in, replaced by the full grammar on merge.
public struct ECRLocation: Sendable, Hashable {
    public var accountId: String
    public var region: String
    public var repositoryName: String
}
public struct ImageReferenceError: Error, Sendable, Hashable { public var message: String; public var offset: Int }
public struct ImageReference: Sendable, Hashable {
    public var registry: String
    public var repository: String
    public var tag: String?
    public var digest: String?
    public var effectiveTag: String? { tag ?? (digest == nil ? "latest" : nil) }
    public var ecr: ECRLocation?
    public var isECRPublic: Bool
    public static func parse(_ text: String) -> Result<ImageReference, ImageReferenceError> {
        guard !text.isEmpty else { return .failure(ImageReferenceError(message: "empty image reference", offset: 0)) }
        var rest = Substring(text)
        var digest: String?
        if let at = rest.firstIndex(of: "@") { digest = String(rest[rest.index(after: at)...]); rest = rest[..<at] }
        var tag: String?
        let lastSlash = rest.lastIndex(of: "/")
        let tail = lastSlash.map { rest[rest.index(after: $0)...] } ?? rest
        if let colon = tail.lastIndex(of: ":") { tag = String(tail[tail.index(after: colon)...]); rest = rest[..<colon] }
        var registry = "docker.io"
        var repository = String(rest)
        if let slash = rest.firstIndex(of: "/") {
            let first = rest[..<slash]
            if first.contains(".") || first.contains(":") || first == "localhost" {
                registry = String(first); repository = String(rest[rest.index(after: slash)...])
            }
        }
        var ecr: ECRLocation?
        let parts = registry.split(separator: ".")
        if parts.count >= 6, parts[1] == "dkr", parts[2] == "ecr" {
            ecr = ECRLocation(accountId: String(parts[0]), region: String(parts[3]), repositoryName: repository)
        }
        return .success(ImageReference(registry: registry, repository: repository, tag: tag, digest: digest, ecr: ecr, isECRPublic: registry == "public.ecr.aws"))
    }
}
