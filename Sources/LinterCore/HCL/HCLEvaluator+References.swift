/// References and traversals: `var.x`, `local.y`, `each.value`, `count.index`, `path.module`,
/// `terraform.workspace`, names bound by `for` and templates, and everything else (resources,
/// data sources, module outputs) through the caller's `HCLReferenceResolver`.
extension HCLEvaluator {
    mutating func evaluateTraversal(_ expression: HCLExpression, inFile file: Int, context: HCLContext) -> HCLValue {
        var steps: [HCLExpression] = []
        var root = expression
        unwinding: while true {
            switch root.kind {
            case .getAttribute(let base, _, _), .index(let base, _):
                steps.append(root)
                root = base
            default:
                break unwinding
            }
        }
        steps.reverse()
        var value: HCLValue
        var consumed = 0
        var isReference = false
        if case .variable(let name) = root.kind {
            isReference = true
            if let bound = context.names[name] {
                value = bound
            } else if context.isIsolatedTemplate {
                return unknown(root, file, "'\(name)' is not one of the variables given to the template", isError: true)
            } else {
                switch lookUpRoot(name, root: root, steps: steps, inFile: file, context: context) {
                case .value(let found, let used):
                    value = found
                    consumed = used
                case .final(let final):
                    return final
                }
            }
        } else {
            value = evaluate(root, inFile: file, context: context)
        }
        for step in steps.dropFirst(consumed) {
            value = apply(step, to: value, inFile: file, context: context)
        }
        if isReference, value.span?.range != expression.range || value.span?.file != file {
            value.via.append(HCLSpan(file: file, range: expression.range))
        }
        return value
    }

    enum RootLookup {
        /// The value of the root and the first `used` steps.
        case value(HCLValue, used: Int)
        /// The whole traversal's value (unknown or an error).
        case final(HCLValue)
    }

    func attributeName(_ step: HCLExpression?) -> String? {
        if let step, case .getAttribute(_, let name, _) = step.kind { return name }
        return nil
    }

    mutating func lookUpRoot(_ name: String, root: HCLExpression, steps: [HCLExpression], inFile file: Int, context: HCLContext) -> RootLookup {
        let first = steps.first
        let firstName = attributeName(first)
        let whole = steps.last ?? root
        switch name {
        case "var", "local":
            guard let first, let firstName else {
                return .final(unknown(whole, file, "'\(name)' must be followed by a name ('\(name).example')", isError: true))
            }
            if name == "var" {
                var value = variableValue(firstName)
                if value.span == nil { value.span = HCLSpan(file: file, range: first.range) }
                return .value(value, used: 1)
            }
            return .value(localValue(firstName, usedAt: HCLSpan(file: file, range: first.range)), used: 1)
        case "each":
            guard let each = context.each else {
                return .final(unknown(whole, file, "each.key and each.value are known only for one instance of a resource or module with for_each"))
            }
            switch firstName {
            case "key": return .value(each.key, used: 1)
            case "value": return .value(each.value, used: 1)
            default: return .final(unknown(whole, file, "'each' has only 'key' and 'value'", isError: true))
            }
        case "count":
            guard firstName == "index" else { return .final(unknown(whole, file, "'count' has only 'index'", isError: true)) }
            guard let index = context.countIndex else {
                return .final(unknown(whole, file, "count.index is known only for one instance of a resource or module with count"))
            }
            return .value(.number(Double(index), span: first.map { HCLSpan(file: file, range: $0.range) }), used: 1)
        case "path":
            let span = first.map { HCLSpan(file: file, range: $0.range) }
            switch firstName {
            case "module": return .value(.string(paths.module, span: span), used: 1)
            case "root": return .value(.string(paths.root, span: span), used: 1)
            case "cwd":
                guard let cwd = paths.cwd else { return .final(unknown(whole, file, "path.cwd is the directory Terraform runs in")) }
                return .value(.string(cwd, span: span), used: 1)
            default: return .final(unknown(whole, file, "'path' has only 'module', 'root' and 'cwd'", isError: true))
            }
        case "terraform":
            return .final(unknown(whole, file, firstName == "workspace" ? "the workspace is chosen when Terraform runs" : "'terraform.\(firstName ?? "")' is not known statically"))
        case "self":
            return .final(unknown(whole, file, "'self' is known only when the resource is created"))
        default:
            guard !steps.isEmpty else {
                return .final(unknown(root, file, "no variable named '\(name)' is in scope", isError: true))
            }
            return resolveExternal(root: name, rootExpression: root, steps: steps, inFile: file, context: context)
        }
    }

    /// A resource, data source or module output: the longest constant prefix goes to the resolver.
    mutating func resolveExternal(root name: String, rootExpression: HCLExpression, steps: [HCLExpression], inFile file: Int, context: HCLContext) -> RootLookup {
        var traversalSteps: [HCLTraversal.Step] = []
        var end = rootExpression.range.end
        stepLoop: for step in steps {
            switch step.kind {
            case .getAttribute(_, let attribute, _):
                traversalSteps.append(.attribute(attribute))
            case .index(_, let keyExpression):
                let key = evaluate(keyExpression, inFile: file, context: context)
                if let number = key.number, let index = HCLNumber(number).integer {
                    traversalSteps.append(.index(index))
                } else if let text = key.string {
                    traversalSteps.append(.key(text))
                } else {
                    break stepLoop
                }
            default:
                break stepLoop
            }
            end = step.range.end
        }
        let traversal = HCLTraversal(root: name, steps: traversalSteps, range: ByteRange(start: rootExpression.range.start, end: end))
        let resolver = self.resolver
        if let resolution = resolver.resolve(traversal, evaluator: &self) {
            return .value(resolution.value, used: max(0, min(resolution.consumedSteps, traversalSteps.count)))
        }
        let kind = name == "data" ? "data source" : name == "module" ? "module output" : "resource attribute"
        let whole = steps.last ?? rootExpression
        if !isDeclared(root: name, steps: traversalSteps) {
            let what = name == "data" ? "data source" : name == "module" ? "module" : "resource"
            return .final(unknown(whole, file, "no \(what) '\(traversal)' is declared in this module", isError: !treatsUndeclaredAsUnknown, reference: traversal))
        }
        return .final(unknown(whole, file, "\(traversal) is a \(kind) this evaluation does not resolve", reference: traversal))
    }

    /// One attribute access or index applied to `value`.
    mutating func apply(_ step: HCLExpression, to value: HCLValue, inFile file: Int, context: HCLContext) -> HCLValue {
        var result: HCLValue
        switch step.kind {
        case .getAttribute(_, let name, _):
            result = attribute(name, of: value, step: step, inFile: file)
        case .index(_, let keyExpression):
            let key = evaluate(keyExpression, inFile: file, context: context)
            result = index(value, key: key, step: step, inFile: file)
        default:
            result = evaluate(step, inFile: file, context: context)
        }
        result.assume(from: value)
        return result
    }

    func attribute(_ name: String, of value: HCLValue, step: HCLExpression, inFile file: Int) -> HCLValue {
        switch value.kind {
        case .object:
            if let member = value.member(name) { return member.value }
            return unknown(step, file, "the object has no attribute '\(name)'", isError: true, reference: step.staticTraversal)
        case .unknown, .partial:
            return unknownStep(step, inFile: file, because: value)
        case .null:
            return unknown(step, file, "cannot read attribute '\(name)' of null", isError: true)
        default:
            return unknown(step, file, "cannot read attribute '\(name)' of a \(value.typeName)", isError: true)
        }
    }

    func index(_ value: HCLValue, key: HCLValue, step: HCLExpression, inFile file: Int) -> HCLValue {
        guard key.isKnown else { return unknown(step, file, because: key) }
        switch value.kind {
        case .tuple(let elements):
            guard case .success(let number) = HCLConversions.number(key), let position = HCLNumber(number).integer else {
                return unknown(step, file, "a list index must be a whole number, not \(key.displayText)", isError: true)
            }
            guard position >= 0 && position < elements.count else {
                return unknown(step, file, "index \(position) is out of range for a list of \(elements.count)", isError: true)
            }
            return elements[position]
        case .object:
            guard case .success(let name) = HCLConversions.string(key) else {
                return unknown(step, file, "a map key must be a string", isError: true)
            }
            if let member = value.member(name) { return member.value }
            return unknown(step, file, "the map has no element '\(name)'", isError: true)
        case .unknown, .partial:
            return unknownStep(step, inFile: file, because: value)
        case .null:
            return unknown(step, file, "cannot index null", isError: true)
        default:
            return unknown(step, file, "cannot index a \(value.typeName)", isError: true)
        }
    }

    /// Whether the module declares the resource, data source or module a reference starts with
    /// (Terraform rejects references to undeclared ones). Without a module loaded (a file
    /// evaluated on its own) nothing is known to be missing.
    func isDeclared(root: String, steps: [HCLTraversal.Step]) -> Bool {
        guard !module.files.isEmpty else { return true }
        func name(_ position: Int) -> String? {
            guard position < steps.count, case .attribute(let name) = steps[position] else { return nil }
            return name
        }
        switch root {
        case "module": return module.declaredAddresses.contains("module." + (name(0) ?? ""))
        case "data": return module.declaredAddresses.contains("data." + (name(0) ?? "") + "." + (name(1) ?? ""))
        default: return module.declaredAddresses.contains(root + "." + (name(0) ?? ""))
        }
    }

    /// A step into a value that is not known: unknown too, with the step's traversal kept.
    func unknownStep(_ step: HCLExpression, inFile file: Int, because value: HCLValue) -> HCLValue {
        var result = unknown(step, file, because: value)
        if case .unknown(var inner) = result.kind {
            inner.reference = step.staticTraversal
            result.kind = .unknown(inner)
        }
        return result
    }
}
