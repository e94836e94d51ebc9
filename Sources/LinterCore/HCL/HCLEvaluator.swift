/// Evaluates HCL expressions of one module to `HCLValue`s.
///
/// A consumer builds an `HCLFileTable` and an `HCLModule` (or lets `HCLModuleLoader` read a
/// directory), creates an evaluator with the variables' values (from tfvars or a calling
/// module's block), a resolver for resources, data sources and module outputs, and file access
/// confined to the project root, then calls `evaluate(_:inFile:context:)` on the expressions it
/// needs. Locals are evaluated when first used and cached; a cycle gives an unknown value.
///
/// Anything that cannot be known statically, or that Terraform would reject, is an unknown value
/// with the expression and a reason: never a guess, never a crash. Work is bounded by
/// `HCLEvaluationLimits`.
public struct HCLEvaluator: Sendable {
    public internal(set) var files: HCLFileTable
    /// The module whose variables, locals and declarations references resolve against.
    public let module: HCLModule
    /// Values given to the module's variables (tfvars, `-var`, a module block's arguments); a
    /// variable not given one takes its default, marked as an assumption.
    public var variableValues: [String: HCLValue]
    /// Resolves resources, data sources and module outputs.
    public var resolver: any HCLReferenceResolver
    /// Where `file` and `templatefile` read, confined to the project root.
    public var fileAccess: any HCLFileAccess
    public var limits: HCLEvaluationLimits
    /// `path.module`, `path.root` and `path.cwd`.
    public var paths: HCLPaths
    /// Whether a reference to a variable, local, resource, data source or module the module does
    /// not declare is merely unknown rather than an error (Terraform's verdict). A linter reads
    /// partial checkouts and samples, whose declarations may be in files it does not have.
    public var treatsUndeclaredAsUnknown = false

    var localValues: [String: HCLValue] = [:]
    var localsInProgress: [String] = []
    var defaultValues: [String: HCLValue] = [:]
    var steps = 0
    var depth = 0

    /// An evaluator for `module`, whose files are in `files`. Variables without a value in
    /// `variableValues` take their defaults (as assumptions).
    public init(
        module: HCLModule, files: HCLFileTable, variableValues: [String: HCLValue] = [:],
        resolver: any HCLReferenceResolver = HCLUnresolvedReferences(), fileAccess: any HCLFileAccess = HCLMemoryFileAccess(files: [:]),
        limits: HCLEvaluationLimits = .default, paths: HCLPaths? = nil
    ) {
        self.module = module
        self.files = files
        self.variableValues = variableValues
        self.resolver = resolver
        self.fileAccess = fileAccess
        self.limits = limits
        self.paths = paths ?? HCLPaths(module: module.directory, root: ".")
    }

    /// An evaluator for expressions outside any module (tfvars files, a template on its own).
    public init(files: HCLFileTable = HCLFileTable(), fileAccess: any HCLFileAccess = HCLMemoryFileAccess(files: [:]), limits: HCLEvaluationLimits = .default) {
        self.init(module: HCLModule(directory: ".", files: []), files: files, fileAccess: fileAccess, limits: limits)
    }

    /// How much work has been done, in the unit of `HCLEvaluationLimits.maxSteps`.
    public var stepsTaken: Int { steps }

    // MARK: Entry points

    /// The value of `expression`, written in the file with id `file`, with `context`'s names,
    /// `each` and `count.index` in scope. Never fails: what cannot be known is an unknown value.
    public mutating func evaluate(_ expression: HCLExpression, inFile file: Int, context: HCLContext = HCLContext()) -> HCLValue {
        steps += 1
        if steps > limits.maxSteps {
            return unknown(expression, file, "evaluation stopped: more than \(limits.maxSteps) steps (limits.maxSteps)", isError: true)
        }
        depth += 1
        defer { depth -= 1 }
        if depth > limits.maxDepth {
            return unknown(expression, file, "expressions nest deeper than \(limits.maxDepth) levels (limits.maxDepth)", isError: true)
        }
        let span = HCLSpan(file: file, range: expression.range)
        switch expression.kind {
        case .literal(let literal):
            switch literal {
            case .number(let lexeme): return HCLValue(.number(HCLNumber(Double(lexeme) ?? .nan, lexeme: lexeme)), span: span)
            case .bool(let value): return .bool(value, span: span)
            case .null: return .null(span: span)
            }
        case .template(let template):
            return evaluateTemplate(template, range: expression.range, inFile: file, context: context)
        case .variable, .getAttribute, .index:
            return evaluateTraversal(expression, inFile: file, context: context)
        case .splatElement:
            return context.splatElement ?? unknown(expression, file, "a splat element outside a splat", isError: true)
        case .splat(let source, let each, _):
            return evaluateSplat(source: source, each: each, expression: expression, inFile: file, context: context)
        case .call(let call):
            return evaluateCall(call, expression: expression, inFile: file, context: context)
        case .tuple(let elements):
            var values: [HCLValue] = []
            values.reserveCapacity(elements.count)
            for element in elements { values.append(evaluate(element, inFile: file, context: context)) }
            return .tuple(values, span: span)
        case .object(let items):
            return evaluateObject(items, expression: expression, inFile: file, context: context)
        case .unary(let op, let operand):
            return evaluateUnary(op, operand, expression: expression, inFile: file, context: context)
        case .binary(let op, let left, let right):
            return evaluateBinary(op, left, right, expression: expression, inFile: file, context: context)
        case .conditional(let condition, let whenTrue, let whenFalse):
            return evaluateConditional(condition, whenTrue, whenFalse, expression: expression, inFile: file, context: context)
        case .forExpression(let loop):
            return evaluateFor(loop, expression: expression, inFile: file, context: context)
        case .parenthesized(let inner):
            return evaluate(inner, inFile: file, context: context)
        }
    }

    /// The value of `local.name`, evaluated once.
    public mutating func localValue(_ name: String, usedAt use: HCLSpan? = nil) -> HCLValue {
        if let cached = localValues[name] { return cached }
        guard let local = module.locals[name] else {
            return HCLValue(.unknown(HCLUnknown(expression: "local." + name, reason: "no local value '\(name)' is declared", isError: !treatsUndeclaredAsUnknown)), span: use)
        }
        if let position = localsInProgress.firstIndex(of: name) {
            let cycle = (localsInProgress[position...] + [name]).map { "local." + $0 }.joined(separator: " → ")
            return HCLValue(.unknown(HCLUnknown(expression: "local." + name, reason: "local values refer to each other in a cycle: \(cycle)", isError: true)),
                span: HCLSpan(file: local.file, range: local.attribute.expression.range))
        }
        localsInProgress.append(name)
        let value = evaluate(local.attribute.expression, inFile: local.file)
        localsInProgress.removeLast()
        localValues[name] = value
        return value
    }

    /// The value of `var.name`: the value given, else the default (an assumption), else unknown.
    /// A null given for a `nullable = false` variable is its default, as in Terraform.
    public mutating func variableValue(_ name: String) -> HCLValue {
        if let given = variableValues[name], !given.isNull || module.variables[name]?.isNullable != false { return given }
        if let cached = defaultValues[name] { return cached }
        guard let declaration = module.variables[name] else {
            return .unknown(HCLUnknown(expression: "var." + name, reason: "no variable '\(name)' is declared", isError: !treatsUndeclaredAsUnknown))
        }
        guard let defaultExpression = declaration.defaultExpression else {
            return .unknown(HCLUnknown(expression: "var." + name, reason: "variable '\(name)' has no default and no value is given (tfvars or module argument)"),
                span: HCLSpan(file: declaration.file, range: declaration.block.typeRange))
        }
        var value = evaluate(defaultExpression, inFile: declaration.file, context: HCLContext())
        var scalarText: String?
        switch value.kind {
        case .string, .number, .bool: scalarText = value.displayText
        default: scalarText = nil
        }
        value.assume([HCLAssumption(
            variable: name, isSensitive: declaration.isSensitive, span: HCLSpan(file: declaration.file, range: defaultExpression.range),
            valueText: scalarText)])
        defaultValues[name] = value
        return value
    }

    /// Adds a file to the table (for resolvers that read other modules), returning its id.
    public mutating func addFile(_ file: SourceFile) -> Int { files.add(file) }

    // MARK: Unknowns

    func text(_ range: ByteRange, _ file: Int) -> String {
        files[file]?.text(of: range) ?? ""
    }

    func unknown(_ expression: HCLExpression, _ file: Int, _ reason: String, isError: Bool = false, reference: HCLTraversal? = nil) -> HCLValue {
        HCLValue(.unknown(HCLUnknown(expression: text(expression.range, file), reason: reason, reference: reference, isError: isError)),
            span: HCLSpan(file: file, range: expression.range))
    }

    /// An unknown result of `expression` because `input` is not known: its reason and error-ness carry over.
    func unknown(_ expression: HCLExpression, _ file: Int, because input: HCLValue) -> HCLValue {
        var result = unknown(expression, file, HCLEvaluator.reason(of: input), isError: HCLEvaluator.isError(input))
        result.assume(from: input)
        return result
    }

    static func reason(of value: HCLValue) -> String {
        switch value.kind {
        case .unknown(let unknown): return unknown.reason
        case .partial(let parts):
            for part in parts { if let unknown = part.unknown { return unknown.reason } }
            return "a part is unknown"
        case .tuple(let elements):
            return elements.first { !$0.isWhollyKnown }.map(reason(of:)) ?? "an element is unknown"
        case .object(let members):
            return members.first { !$0.value.isWhollyKnown }.map { reason(of: $0.value) } ?? "a member is unknown"
        default: return "unknown"
        }
    }

    static func isError(_ value: HCLValue) -> Bool {
        switch value.kind {
        case .unknown(let unknown): return unknown.isError
        case .partial(let parts): return parts.contains { $0.unknown?.isError ?? false }
        case .tuple(let elements): return elements.contains(where: isError)
        case .object(let members): return members.contains { isError($0.value) }
        default: return false
        }
    }

    /// Counts work; false once the step budget is spent.
    mutating func charge(_ amount: Int) -> Bool {
        steps += max(0, amount)
        return steps <= limits.maxSteps
    }

    // MARK: Objects

    mutating func evaluateObject(_ items: [HCLObjectItem], expression: HCLExpression, inFile file: Int, context: HCLContext) -> HCLValue {
        var members: [HCLMember] = []
        var assumptions: [HCLAssumption] = []
        for item in items {
            let keySpan = HCLSpan(file: file, range: item.key.range)
            let key: String
            if case .variable(let name) = item.key.kind {
                key = name
            } else {
                let keyValue = evaluate(item.key, inFile: file, context: context)
                guard keyValue.isKnown else { return unknown(expression, file, because: keyValue) }
                switch HCLConversions.string(keyValue) {
                case .success(let text):
                    key = text
                    assumptions += keyValue.assumptions
                case .failure(let message):
                    return unknown(expression, file, "an object key: \(message)", isError: true)
                }
            }
            members.append(HCLMember(key: key, keySpan: keySpan, value: evaluate(item.value, inFile: file, context: context)))
        }
        var value = HCLValue.object(members, span: HCLSpan(file: file, range: expression.range))
        value.assume(assumptions)
        return value
    }
}
