/// `imageTagMutability` of an ECR repository (docs/aws-semantics.md §2.1, §2.2). Raw values are
/// the API spelling.
public enum TagMutabilityMode: String, Sendable, Hashable, CaseIterable {
    case mutable = "MUTABLE"
    case immutable = "IMMUTABLE"
    case immutableWithExclusion = "IMMUTABLE_WITH_EXCLUSION"
    case mutableWithExclusion = "MUTABLE_WITH_EXCLUSION"

    /// The mode AWS applies when the field is omitted.
    public static let awsDefault: TagMutabilityMode = .mutable
}

/// A repository's tag mutability settings. A nil `mode` means the setting could not be determined
/// (for example an unresolved template expression); an *omitted* setting should be mapped to
/// `.awsDefault` (MUTABLE) by the caller instead.
public struct TagMutability: Sendable, Hashable {
    public var mode: TagMutabilityMode?
    /// `imageTagMutabilityExclusionFilters[].filter`: anchored wildcard patterns (same matching as
    /// `tagPatternList`; a filter without `*` matches that exact tag only).
    public var exclusionFilters: [String]

    public init(mode: TagMutabilityMode?, exclusionFilters: [String] = []) {
        self.mode = mode
        self.exclusionFilters = exclusionFilters
    }

    public static let mutable = TagMutability(mode: .mutable)
    public static let immutable = TagMutability(mode: .immutable)

    /// Whether pushing `tag` again can move it to a new image. Nil when the mode is unknown.
    ///
    /// * MUTABLE: true. IMMUTABLE: false.
    /// * IMMUTABLE_WITH_EXCLUSION: tags matching a filter stay mutable, all others are immutable.
    /// * MUTABLE_WITH_EXCLUSION: tags matching a filter are frozen, all others are mutable.
    public func isMutable(tag: String) -> Bool? {
        guard let mode else { return nil }
        let hit = exclusionFilters.contains { TagPattern($0).matches(tag) }
        switch mode {
        case .mutable: return true
        case .immutable: return false
        case .immutableWithExclusion: return hit
        case .mutableWithExclusion: return !hit
        }
    }
}
