/// Bounds on evaluation, so hostile or runaway configurations (`range(1e9)`, a local that refers
/// to itself, a template that doubles a string in a loop) give an unknown value with a reason
/// instead of a hang or exhausted memory.
public struct HCLEvaluationLimits: Sendable, Hashable {
    /// How deeply expressions, references (`local` → `local` → …) and function calls may nest.
    public var maxDepth: Int
    /// How deeply template directives and `templatefile` calls may nest.
    public var maxTemplateDepth: Int
    /// The most elements a `for` expression, splat or collection function may produce.
    public var maxCollectionSize: Int
    /// The most elements `range()` may produce.
    public var maxRangeSize: Int
    /// The longest string (in bytes) an operation may produce.
    public var maxStringLength: Int
    /// The total work one evaluator may do: one step per expression evaluated and per element
    /// or kilobyte an operation handles.
    public var maxSteps: Int
    /// The largest file `file`, `templatefile` or a module load may read.
    public var maxFileSize: Int

    public init(
        maxDepth: Int = 200, maxTemplateDepth: Int = 32, maxCollectionSize: Int = 100_000, maxRangeSize: Int = 10_000,
        maxStringLength: Int = 4 * 1024 * 1024, maxSteps: Int = 5_000_000, maxFileSize: Int = 8 * 1024 * 1024
    ) {
        self.maxDepth = maxDepth
        self.maxTemplateDepth = maxTemplateDepth
        self.maxCollectionSize = maxCollectionSize
        self.maxRangeSize = maxRangeSize
        self.maxStringLength = maxStringLength
        self.maxSteps = maxSteps
        self.maxFileSize = maxFileSize
    }

    public static let `default` = HCLEvaluationLimits()
}
