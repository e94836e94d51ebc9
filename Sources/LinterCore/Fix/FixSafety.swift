/// How much a fix may change: `--fix` applies safe fixes, `--unsafe-fixes` adds the unsafe ones.
public enum FixSafety: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Keeps what runs and only makes it valid or explicit.
    case safe
    /// Changes behaviour the user should review before it ships.
    case unsafe

    public static func < (lhs: FixSafety, rhs: FixSafety) -> Bool { lhs == .safe && rhs == .unsafe }

    /// The flag that applies fixes of this class.
    public var flag: String { self == .safe ? "--fix" : "--unsafe-fixes" }
}
