/// What an expression is evaluated in besides the module: `each`, `count.index`, and names bound
/// by `for` expressions, template directives, splats and `templatefile` variables.
public struct HCLContext: Sendable {
    /// `each.key` and `each.value` inside a resource or module with `for_each`, when the caller
    /// evaluates one instance.
    public var each: HCLEach?
    /// `count.index` inside a resource or module with `count`, when the caller evaluates one instance.
    public var countIndex: Int?
    /// Names in scope before the module's own (`for` variables, template variables).
    public var names: [String: HCLValue]
    /// In a `templatefile` template only its variables and functions are in scope: no `var`,
    /// `local`, `path` or references.
    public var isIsolatedTemplate = false
    /// The element a splat's per-element expression applies to.
    var splatElement: HCLValue?
    var templateDepth = 0

    public init(each: HCLEach? = nil, countIndex: Int? = nil, names: [String: HCLValue] = [:]) {
        self.each = each
        self.countIndex = countIndex
        self.names = names
    }
}

/// `each.key` and `each.value` of one instance of a resource or module with `for_each`.
public struct HCLEach: Sendable, Hashable {
    public var key: HCLValue
    public var value: HCLValue

    public init(key: HCLValue, value: HCLValue) {
        self.key = key
        self.value = value
    }
}

/// What a resolver says a reference is: the value of its first `consumedSteps` steps (the
/// evaluator applies the rest itself).
public struct HCLResolution: Sendable {
    public var value: HCLValue
    public var consumedSteps: Int

    public init(value: HCLValue, consumedSteps: Int) {
        self.value = value
        self.consumedSteps = consumedSteps
    }
}

/// Resolves the references the evaluator does not know itself: resources
/// (`aws_ecr_repository.app.name`), data sources (`data.aws_iam_policy_document.x.json`) and
/// module outputs (`module.m.out`). The evaluator handles `var`, `local`, `each`, `count`,
/// `path` and `terraform` (and `for`/template names) on its own.
///
/// Returning nil makes the reference unknown, with the traversal kept. The evaluator is passed
/// in so a resolver can evaluate expressions of the same module (a module block's inputs) with
/// its caches.
public protocol HCLReferenceResolver: Sendable {
    func resolve(_ reference: HCLTraversal, evaluator: inout HCLEvaluator) -> HCLResolution?
}

/// Resolves nothing: every resource, data source and module output is unknown.
public struct HCLUnresolvedReferences: HCLReferenceResolver {
    public init() {}
    public func resolve(_ reference: HCLTraversal, evaluator: inout HCLEvaluator) -> HCLResolution? { nil }
}

/// A resolver made of a closure, for callers that know references up front.
public struct HCLClosureResolver: HCLReferenceResolver {
    let body: @Sendable (HCLTraversal) -> HCLResolution?

    public init(_ body: @escaping @Sendable (HCLTraversal) -> HCLResolution?) {
        self.body = body
    }

    public func resolve(_ reference: HCLTraversal, evaluator: inout HCLEvaluator) -> HCLResolution? { body(reference) }
}

/// The values of `path.module`, `path.root` and `path.cwd`, and where relative paths of `file`
/// and `templatefile` start.
///
/// As in Terraform, `path.module` and `path.root` are relative to the directory Terraform runs
/// in (the root module's), and so are relative file paths; `workingDirectory` places that
/// directory in the project root that file access is confined to (`.` for the root itself).
public struct HCLPaths: Sendable, Hashable {
    public var module: String
    public var root: String
    /// `path.cwd` is an absolute path in Terraform; nil leaves it unknown.
    public var cwd: String?
    /// The directory Terraform runs in, relative to the project root.
    public var workingDirectory: String

    public init(module: String = ".", root: String = ".", cwd: String? = nil, workingDirectory: String = ".") {
        self.module = module
        self.root = root
        self.cwd = cwd
        self.workingDirectory = workingDirectory
    }
}
