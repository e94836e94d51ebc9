#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Operators, conditionals, `for` expressions and splats.
extension HCLEvaluator {
    mutating func evaluateUnary(_ op: HCLUnaryOperator, _ operand: HCLExpression, expression: HCLExpression, inFile file: Int, context: HCLContext) -> HCLValue {
        let value = evaluate(operand, inFile: file, context: context)
        guard value.isKnown else { return unknown(expression, file, because: value) }
        let span = HCLSpan(file: file, range: expression.range)
        var result: HCLValue
        switch op {
        case .negate:
            guard case .success(let number) = HCLConversions.number(value) else {
                return unknown(expression, file, "'-' needs a number, not a \(value.typeName)", isError: true)
            }
            var lexeme: String?
            if case .number(let literal) = value.kind, let written = literal.lexeme { lexeme = "-" + written }
            result = HCLValue(.number(HCLNumber(-number, lexeme: lexeme)), span: span)
        case .not:
            guard case .success(let flag) = HCLConversions.bool(value) else {
                return unknown(expression, file, "'!' needs a bool, not a \(value.typeName)", isError: true)
            }
            result = .bool(!flag, span: span)
        }
        result.assume(from: value)
        return result
    }

    mutating func evaluateBinary(
        _ op: HCLBinaryOperator, _ leftExpression: HCLExpression, _ rightExpression: HCLExpression, expression: HCLExpression,
        inFile file: Int, context: HCLContext
    ) -> HCLValue {
        let left = evaluate(leftExpression, inFile: file, context: context)
        let right = evaluate(rightExpression, inFile: file, context: context)
        let span = HCLSpan(file: file, range: expression.range)
        var result: HCLValue
        switch op {
        case .and, .or:
            // A known false (for &&) or true (for ||) decides whatever the other side is.
            let deciding = op == .or
            for side in [left, right] where side.isKnown {
                if case .success(let flag) = HCLConversions.bool(side), flag == deciding {
                    var decided = HCLValue.bool(deciding, span: span)
                    decided.assume(from: side)
                    return decided
                }
            }
            guard left.isKnown else { return unknown(expression, file, because: left) }
            guard right.isKnown else { return unknown(expression, file, because: right) }
            guard case .success = HCLConversions.bool(left), case .success = HCLConversions.bool(right) else {
                return unknown(expression, file, "'\(op.rawValue)' needs two bools", isError: true)
            }
            result = .bool(!deciding, span: span)
        case .equal, .notEqual:
            guard let same = left.sameValue(as: right) else {
                return unknown(expression, file, because: left.isWhollyKnown ? right : left)
            }
            result = .bool(op == .equal ? same : !same, span: span)
        default:
            guard left.isKnown else { return unknown(expression, file, because: left) }
            guard right.isKnown else { return unknown(expression, file, because: right) }
            guard case .success(let a) = HCLConversions.number(left), case .success(let b) = HCLConversions.number(right) else {
                return unknown(expression, file, "'\(op.rawValue)' needs two numbers, not a \(left.typeName) and a \(right.typeName)", isError: true)
            }
            switch op {
            case .less: result = .bool(a < b, span: span)
            case .lessOrEqual: result = .bool(a <= b, span: span)
            case .greater: result = .bool(a > b, span: span)
            case .greaterOrEqual: result = .bool(a >= b, span: span)
            case .add: result = .number(a + b, span: span)
            case .subtract: result = .number(a - b, span: span)
            case .multiply: result = .number(a * b, span: span)
            case .divide:
                guard b != 0 else { return unknown(expression, file, "division by zero", isError: true) }
                result = .number(a / b, span: span)
            default:
                guard b != 0 else { return unknown(expression, file, "modulo by zero", isError: true) }
                result = .number(fmod(a, b), span: span)
            }
            if let number = result.number, !number.isFinite {
                return unknown(expression, file, "the result is not a finite number", isError: true)
            }
        }
        result.assume(from: left)
        result.assume(from: right)
        return result
    }

    mutating func evaluateConditional(
        _ conditionExpression: HCLExpression, _ whenTrue: HCLExpression, _ whenFalse: HCLExpression, expression: HCLExpression,
        inFile file: Int, context: HCLContext
    ) -> HCLValue {
        let condition = evaluate(conditionExpression, inFile: file, context: context)
        if condition.isKnown {
            guard case .success(let flag) = HCLConversions.bool(condition) else {
                return unknown(expression, file, "the condition must be a bool, not a \(condition.typeName)", isError: true)
            }
            var chosen = evaluate(flag ? whenTrue : whenFalse, inFile: file, context: context)
            chosen.assume(from: condition)
            return chosen
        }
        let first = evaluate(whenTrue, inFile: file, context: context)
        let second = evaluate(whenFalse, inFile: file, context: context)
        if first.sameValue(as: second) == true {
            var either = first
            either.assume(from: second)
            return either
        }
        var result = unknown(expression, file, "the condition \(text(conditionExpression.range, file)) is unknown: \(HCLEvaluator.reason(of: condition))")
        result.assume(from: condition)
        return result
    }

    /// The (key, value) pairs a `for` expression or template loop iterates, or why it cannot.
    func iterationPairs(_ collection: HCLValue) -> Result<[(HCLValue, HCLValue)], HCLConversionError> {
        switch collection.kind {
        case .tuple(let elements):
            var pairs: [(HCLValue, HCLValue)] = []
            pairs.reserveCapacity(elements.count)
            for (position, element) in elements.enumerated() {
                var inherited = element
                inherited.assume(from: collection)
                pairs.append((.number(Double(position)), inherited))
            }
            return .success(pairs)
        case .object(let members):
            return .success(members.map { member in
                var inherited = member.value
                inherited.assume(from: collection)
                return (HCLValue.string(member.key, span: member.keySpan), inherited)
            })
        case .null: return .failure(HCLConversionError("cannot iterate over null"))
        default: return .failure(HCLConversionError("cannot iterate over a \(collection.typeName)"))
        }
    }

    mutating func evaluateFor(_ loop: HCLForExpression, expression: HCLExpression, inFile file: Int, context: HCLContext) -> HCLValue {
        let collection = evaluate(loop.collection, inFile: file, context: context)
        guard collection.isKnown else { return unknown(expression, file, because: collection) }
        let pairs: [(HCLValue, HCLValue)]
        switch iterationPairs(collection) {
        case .success(let found): pairs = found
        case .failure(let error): return unknown(expression, file, error.message, isError: true)
        }
        guard pairs.count <= limits.maxCollectionSize else {
            return unknown(expression, file, "the 'for' expression would produce more than \(limits.maxCollectionSize) elements (limits.maxCollectionSize)", isError: true)
        }
        var inner = context
        var elements: [HCLValue] = []
        var members: [HCLMember] = []
        var memberKeys: Set<String> = []
        var groups: [String: [HCLValue]] = [:]
        var groupOrder: [String] = []
        var keySpans: [String: HCLSpan] = [:]
        for (key, value) in pairs {
            guard charge(1) else { return unknown(expression, file, "evaluation stopped: more than \(limits.maxSteps) steps (limits.maxSteps)", isError: true) }
            if let keyVariable = loop.keyVariable { inner.names[keyVariable] = key }
            inner.names[loop.valueVariable] = value
            if let conditionExpression = loop.condition {
                let condition = evaluate(conditionExpression, inFile: file, context: inner)
                guard condition.isKnown else { return unknown(expression, file, because: condition) }
                guard case .success(let keep) = HCLConversions.bool(condition) else {
                    return unknown(expression, file, "the 'if' condition must be a bool", isError: true)
                }
                if !keep { continue }
            }
            if let keyExpression = loop.keyExpression {
                let keyValue = evaluate(keyExpression, inFile: file, context: inner)
                guard keyValue.isKnown else { return unknown(expression, file, because: keyValue) }
                guard case .success(let name) = HCLConversions.string(keyValue) else {
                    return unknown(expression, file, "a 'for' key must be a string, not a \(keyValue.typeName)", isError: true)
                }
                let element = evaluate(loop.valueExpression, inFile: file, context: inner)
                if loop.isGrouping {
                    if groups[name] == nil { groupOrder.append(name) }
                    groups[name, default: []].append(element)
                    keySpans[name] = keySpans[name] ?? keyValue.span
                } else {
                    if !memberKeys.insert(name).inserted {
                        return unknown(expression, file, "the 'for' expression produces the key '\(name)' twice (add '...' to group)", isError: true)
                    }
                    members.append(HCLMember(key: name, keySpan: keyValue.span ?? HCLSpan(file: file, range: keyExpression.range), value: element))
                }
            } else {
                elements.append(evaluate(loop.valueExpression, inFile: file, context: inner))
            }
        }
        let span = HCLSpan(file: file, range: expression.range)
        var result: HCLValue
        if loop.keyExpression == nil {
            result = .tuple(elements, span: span)
        } else if loop.isGrouping {
            result = .object(groupOrder.map { HCLMember(key: $0, keySpan: keySpans[$0], value: .tuple(groups[$0] ?? [], span: span)) }, span: span)
        } else {
            result = .object(members, span: span)
        }
        result.assume(from: collection)
        return result
    }

    mutating func evaluateSplat(source: HCLExpression, each: HCLExpression, expression: HCLExpression, inFile file: Int, context: HCLContext) -> HCLValue {
        let value = evaluate(source, inFile: file, context: context)
        guard value.isKnown else {
            var result = unknown(expression, file, because: value)
            if case .unknown(var inner) = result.kind, let reference = value.unknown?.reference {
                inner.reference = reference
                result.kind = .unknown(inner)
            }
            return result
        }
        let items: [HCLValue]
        switch value.kind {
        case .null: items = []
        case .tuple(let elements): items = elements
        default: items = [value]
        }
        var inner = context
        var results: [HCLValue] = []
        results.reserveCapacity(items.count)
        for item in items {
            guard charge(1) else { return unknown(expression, file, "evaluation stopped: more than \(limits.maxSteps) steps (limits.maxSteps)", isError: true) }
            inner.splatElement = item
            results.append(evaluate(each, inFile: file, context: inner))
        }
        var result = HCLValue.tuple(results, span: HCLSpan(file: file, range: expression.range))
        result.assume(from: value)
        return result
    }
}
