/// Trimming by the classes of Unicode scalars that Foundation's `CharacterSet` names, listed here
/// so that no Foundation is needed for it.
public enum ScalarClass: Sendable {
    /// `CharacterSet.whitespaces`: the tab and the space separators, as CoreFoundation lists
    /// them (U+200B included, which Unicode has since moved out of the separators).
    case whitespaces
    /// `CharacterSet.newlines`: U+000A–U+000D, U+0085, U+2028 and U+2029.
    case newlines
    /// `CharacterSet.whitespacesAndNewlines`: the two above.
    case whitespacesAndNewlines

    public func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch self {
        case .whitespaces:
            switch scalar.value {
            case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
            default: return false
            }
        case .newlines:
            switch scalar.value {
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
            default: return false
            }
        case .whitespacesAndNewlines:
            return ScalarClass.whitespaces.contains(scalar) || ScalarClass.newlines.contains(scalar)
        }
    }
}

extension StringProtocol {
    /// The text with the scalars of `scalars` cut from both ends, as
    /// `trimmingCharacters(in:)` cuts a `CharacterSet`'s.
    public func trimming(_ scalars: ScalarClass) -> String {
        let view = unicodeScalars
        guard let first = view.firstIndex(where: { !scalars.contains($0) }),
            let last = view.lastIndex(where: { !scalars.contains($0) })
        else { return "" }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: view[first...last])
        return String(kept)
    }
}
