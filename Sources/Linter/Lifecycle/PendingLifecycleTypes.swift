// Interim stand-in, replaced by the simulator on merge.
public enum LifecycleTagStatus: String, Sendable { case tagged, untagged, any }
public enum LifecycleCountType: String, Sendable { case imageCountMoreThan, sinceImagePushed, sinceImagePulled, sinceImageTransitioned }
public enum LifecycleStorageClass: String, Sendable { case standard, archive }
public enum LifecycleAction: Sendable, Hashable { case expire, transition }
public struct LifecycleRuleSpec: Sendable, Hashable {
    public var index: Int
    public var priority: Int
    public var tagStatus: LifecycleTagStatus
    public var tagPrefixes: [String]?
    public var tagPatterns: [String]?
    public var storageClass: LifecycleStorageClass
    public var countType: LifecycleCountType
    public var countNumber: Int
    public var action: LifecycleAction
    public var description: String?
}
public struct LifecyclePolicySpec: Sendable, Hashable { public var rules: [LifecycleRuleSpec] }
public enum TagMutabilityMode: Sendable { case mutable, immutable, immutableWithExclusion, mutableWithExclusion }
public struct TagMutability: Sendable { public var mode: TagMutabilityMode; public var exclusionFilters: [String] }
