/// A repair a rule offers with a violation: edits anchored on the nodes the rule read, a one-line
/// title and a safety class. The rule never sees the file's bytes; the engine renders the edits
/// into text that keeps the file's syntax, indentation and line endings (`FixRenderer`).
public struct Fix: Sendable {
    /// One line, imperative, naming what changes: "Replace `!Ref Service` with `!GetAtt Service.Name`".
    public var title: String
    public var safety: FixSafety
    public var edits: [FixEdit]

    public init(_ title: String, safety: FixSafety, edits: [FixEdit]) {
        self.title = title
        self.safety = safety
        self.edits = edits
    }

    /// A fix of `edits`, or nil when there are none (the patch could not be made).
    public init?(_ title: String, safety: FixSafety, edits: [FixEdit]?) {
        guard let edits, !edits.isEmpty else { return nil }
        self.init(title, safety: safety, edits: edits)
    }
}
