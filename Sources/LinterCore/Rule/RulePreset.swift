/// A named set of rules that `.ecslint.json` turns on with `"extends": ["hardening"]`.
///
/// `recommended` is what runs by default: rules whose findings a team acts on. Stricter rules
/// belong to opt-in presets, so that a first run on a real repository is not red with findings
/// that are policy choices rather than defects.
public struct RulePreset: Sendable, Hashable {
    public var name: String
    public var summary: String

    public static let recommended = RulePreset(
        name: "recommended",
        summary: "On by default: checks whose findings a team acts on (what AWS rejects, what fails at run time, and likely mistakes).")
    public static let hardening = RulePreset(
        name: "hardening",
        summary: "Opt-in container hardening: read-only root file systems, an allowed list of log drivers and of image registries.")

    /// Every preset a configuration may name, in the order the docs list them.
    public static let all: [RulePreset] = [.recommended, .hardening]

    public static func named(_ name: String) -> RulePreset? { all.first { $0.name == name } }
}
