#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Terraform's built-in functions that ECS configurations use. Any other function gives an
/// unknown value naming it. Arguments that are not known make the result unknown, except where
/// a result stays sound with them (`merge` of known objects with unknown values, `join` and
/// `format` giving partly known strings, `coalesce` finding a known value first).
extension HCLEvaluator {
    /// The functions evaluated here; every other name is unknown.
    public static let supportedFunctions: Set<String> = [
        "jsonencode", "jsondecode", "file", "templatefile", "format", "join", "split", "replace", "lower", "upper",
        "trimspace", "concat", "merge", "lookup", "element", "length", "keys", "values", "tostring", "tonumber",
        "tolist", "toset", "tomap", "try", "can", "coalesce", "compact", "flatten", "distinct", "contains", "zipmap",
        "max", "min", "abs", "ceil", "floor", "range",
    ]

    mutating func evaluateCall(_ call: HCLFunctionCall, expression: HCLExpression, inFile file: Int, context: HCLContext) -> HCLValue {
        let name = call.name.hasPrefix("core::") ? String(call.name.dropFirst(6)) : call.name
        switch name {
        case "try":
            for argument in call.arguments {
                let value = evaluate(argument, inFile: file, context: context)
                if HCLEvaluator.isError(value) { continue }
                if !value.isWhollyKnown { return unknown(expression, file, "try: \(text(argument.range, file)) may fail or not: \(HCLEvaluator.reason(of: value))") }
                return value
            }
            return unknown(expression, file, "try: every argument fails", isError: true)
        case "can":
            guard call.arguments.count == 1 else { return unknown(expression, file, "can takes one argument", isError: true) }
            let value = evaluate(call.arguments[0], inFile: file, context: context)
            if HCLEvaluator.isError(value) { return .bool(false, span: HCLSpan(file: file, range: expression.range)) }
            if !value.isWhollyKnown { return unknown(expression, file, because: value) }
            return .bool(true, span: HCLSpan(file: file, range: expression.range))
        default:
            break
        }
        guard HCLEvaluator.supportedFunctions.contains(name) else {
            return unknown(expression, file, "function '\(call.name)' is not evaluated by ecslint")
        }
        var arguments: [HCLValue] = []
        for argument in call.arguments { arguments.append(evaluate(argument, inFile: file, context: context)) }
        if call.expandsFinalArgument, let last = arguments.popLast() {
            guard last.isKnown else { return unknown(expression, file, because: last) }
            guard let elements = HCLConversions.elements(last), case .tuple = last.kind else {
                return unknown(expression, file, "'...' expands a list, not a \(last.typeName)", isError: true)
            }
            arguments += elements
        }
        var result = callFunction(name, arguments, expression: expression, inFile: file, context: context)
        if result.span == nil { result.span = HCLSpan(file: file, range: expression.range) }
        for argument in arguments { result.assume(from: argument) }
        return result
    }

    mutating func callFunction(_ name: String, _ arguments: [HCLValue], expression: HCLExpression, inFile file: Int, context: HCLContext) -> HCLValue {
        let span = HCLSpan(file: file, range: expression.range)
        func fail(_ message: String) -> HCLValue { unknown(expression, file, "\(name): \(message)", isError: true) }
        func count(_ range: ClosedRange<Int>) -> HCLValue? {
            guard range.contains(arguments.count) else {
                let expected = range.lowerBound == range.upperBound ? "\(range.lowerBound)" : range.upperBound == Int.max ? "at least \(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
                return fail("takes \(expected) argument\(range.upperBound == 1 ? "" : "s"), not \(arguments.count)")
            }
            return nil
        }
        /// The first argument not known at the top level (or all the way down, when `wholly`).
        func unknownArgument(wholly: Bool) -> HCLValue? {
            for argument in arguments where wholly ? !argument.isWhollyKnown : !argument.isKnown {
                return unknown(expression, file, because: argument)
            }
            return nil
        }
        func strings() -> Result<[String], HCLFailure> {
            var texts: [String] = []
            for argument in arguments {
                switch HCLConversions.string(argument) {
                case .success(let text): texts.append(text)
                case .failure(let error): return .failure(HCLFailure(value: fail(error.message)))
                }
            }
            return .success(texts)
        }
        func numbers() -> Result<[Double], HCLFailure> {
            var values: [Double] = []
            for argument in arguments {
                switch HCLConversions.number(argument) {
                case .success(let value): values.append(value)
                case .failure(let error): return .failure(HCLFailure(value: fail(error.message)))
                }
            }
            return .success(values)
        }
        func stringResult(_ text: String) -> HCLValue {
            text.utf8.count > limits.maxStringLength ? fail("the result is longer than \(limits.maxStringLength) bytes (limits.maxStringLength)") : .string(text, span: span)
        }

        switch name {
        case "jsonencode":
            if let wrong = count(1...1) { return wrong }
            return jsonEncode(arguments[0], expression: expression, inFile: file)
        case "jsondecode":
            if let wrong = count(1...1) { return wrong }
            return jsonDecode(arguments[0], expression: expression, inFile: file)
        case "file":
            if let wrong = count(1...1) { return wrong }
            if let unknownValue = unknownArgument(wholly: true) { return unknownValue }
            return readFile(arguments[0], expression: expression, inFile: file)
        case "templatefile":
            if let wrong = count(2...2) { return wrong }
            return templateFile(arguments[0], variables: arguments[1], expression: expression, inFile: file, context: context)
        case "format":
            if let wrong = count(1...Int.max) { return wrong }
            return format(arguments, expression: expression, inFile: file)
        case "join":
            if let wrong = count(2...Int.max) { return wrong }
            guard arguments[0].isKnown, case .success(let separator) = HCLConversions.string(arguments[0]) else {
                return arguments[0].isKnown ? fail("the separator must be a string") : unknown(expression, file, because: arguments[0])
            }
            var builder = HCLStringBuilder()
            var first = true
            for list in arguments.dropFirst() {
                guard list.isKnown else { return unknown(expression, file, because: list) }
                guard case .tuple(let elements) = list.kind else { return fail("needs lists of strings, not a \(list.typeName)") }
                for element in elements {
                    if !first { _ = builder.append(.string(separator, span: arguments[0].span)) }
                    first = false
                    if let failure = builder.append(element) { return fail(failure) }
                    guard builder.length <= limits.maxStringLength else { return fail("the result is longer than \(limits.maxStringLength) bytes") }
                }
            }
            return builder.build(span: span)
        case "split":
            if let wrong = count(2...2) { return wrong }
            if let unknownValue = unknownArgument(wholly: true) { return unknownValue }
            switch strings() {
            case .failure(let failure): return failure.value
            case .success(let texts):
                let pieces = texts[0].isEmpty ? texts[1].map(String.init) : texts[1].split(separator: texts[0], omittingEmptySubsequences: false).map(String.init)
                guard pieces.count <= limits.maxCollectionSize else { return fail("more than \(limits.maxCollectionSize) elements") }
                return .tuple(pieces.map { HCLValue.string($0, span: span) }, span: span)
            }
        case "replace":
            if let wrong = count(3...3) { return wrong }
            if let unknownValue = unknownArgument(wholly: true) { return unknownValue }
            switch strings() {
            case .failure(let failure): return failure.value
            case .success(let texts): return replace(texts[0], texts[1], texts[2], expression: expression, inFile: file)
            }
        case "lower", "upper", "trimspace":
            if let wrong = count(1...1) { return wrong }
            if let unknownValue = unknownArgument(wholly: true) { return unknownValue }
            switch strings() {
            case .failure(let failure): return failure.value
            case .success(let texts):
                switch name {
                case "lower": return .string(texts[0].lowercased(), span: span)
                case "upper": return .string(texts[0].uppercased(), span: span)
                default: return .string(texts[0].trimming(.whitespacesAndNewlines), span: span)
                }
            }
        case "tostring":
            if let wrong = count(1...1) { return wrong }
            let value = arguments[0]
            if value.isNull { return value }
            if case .partial = value.kind { return value }
            if let unknownValue = unknownArgument(wholly: false) { return unknownValue }
            guard case .success(let text) = HCLConversions.string(value) else { return fail("cannot convert a \(value.typeName) to a string") }
            var result = value
            result.kind = .string(text)
            return result
        case "tonumber":
            if let wrong = count(1...1) { return wrong }
            let value = arguments[0]
            if value.isNull { return value }
            if let unknownValue = unknownArgument(wholly: false) { return unknownValue }
            guard case .success(let number) = HCLConversions.number(value) else { return fail("cannot convert \(value.displayText) to a number") }
            var result = value
            result.kind = .number(HCLNumber(number))
            return result
        case "tolist", "toset":
            if let wrong = count(1...1) { return wrong }
            let value = arguments[0]
            if value.isNull { return value }
            if let unknownValue = unknownArgument(wholly: name == "toset") { return unknownValue }
            guard case .tuple(let elements) = value.kind else { return fail("cannot convert a \(value.typeName) to a list") }
            guard charge(elements.count) else { return fail("evaluation stopped: more than \(limits.maxSteps) steps") }
            var result = value
            result.kind = .tuple(name == "toset" ? HCLEvaluator.distinctSorted(elements) : elements)
            return result
        case "tomap":
            if let wrong = count(1...1) { return wrong }
            let value = arguments[0]
            if value.isNull { return value }
            if let unknownValue = unknownArgument(wholly: false) { return unknownValue }
            guard case .object = value.kind else { return fail("cannot convert a \(value.typeName) to a map") }
            return value
        case "concat":
            var elements: [HCLValue] = []
            for list in arguments {
                guard list.isKnown else { return unknown(expression, file, because: list) }
                guard case .tuple(let items) = list.kind else { return fail("needs lists, not a \(list.typeName)") }
                elements += items
                guard elements.count <= limits.maxCollectionSize else { return fail("more than \(limits.maxCollectionSize) elements") }
            }
            return .tuple(elements, span: span)
        case "merge":
            var members: [HCLMember] = []
            for object in arguments {
                if object.isNull { continue }
                guard object.isKnown else { return unknown(expression, file, because: object) }
                guard case .object(let items) = object.kind else { return fail("needs maps or objects, not a \(object.typeName)") }
                members += items
            }
            return .object(members, span: span)
        case "lookup":
            if let wrong = count(2...3) { return wrong }
            let map = arguments[0]
            guard map.isKnown else { return unknown(expression, file, because: map) }
            guard arguments[1].isKnown else { return unknown(expression, file, because: arguments[1]) }
            guard case .object = map.kind else { return fail("needs a map, not a \(map.typeName)") }
            guard case .success(let key) = HCLConversions.string(arguments[1]) else { return fail("the key must be a string") }
            if let member = map.member(key) { return member.value }
            if arguments.count == 3 { return arguments[2] }
            return fail("the map has no key '\(key)' and no default is given")
        case "element":
            if let wrong = count(2...2) { return wrong }
            guard arguments[0].isKnown else { return unknown(expression, file, because: arguments[0]) }
            guard arguments[1].isKnown else { return unknown(expression, file, because: arguments[1]) }
            guard case .tuple(let elements) = arguments[0].kind else { return fail("needs a list") }
            guard case .success(let number) = HCLConversions.number(arguments[1]), let position = HCLNumber(number).integer, position >= 0 else {
                return fail("the index must be a whole number, zero or more")
            }
            guard !elements.isEmpty else { return fail("cannot take an element of an empty list") }
            return elements[position % elements.count]
        case "length":
            if let wrong = count(1...1) { return wrong }
            let value = arguments[0]
            guard value.isKnown else { return unknown(expression, file, because: value) }
            switch value.kind {
            case .tuple(let elements): return .number(Double(elements.count), span: span)
            case .object(let members): return .number(Double(members.count), span: span)
            case .string(let text): return .number(Double(text.count), span: span)
            default: return fail("needs a collection or a string, not a \(value.typeName)")
            }
        case "keys", "values":
            if let wrong = count(1...1) { return wrong }
            guard arguments[0].isKnown else { return unknown(expression, file, because: arguments[0]) }
            guard case .object(let members) = arguments[0].kind else { return fail("needs a map or object") }
            if name == "keys" { return .tuple(members.map { HCLValue.string($0.key, span: $0.keySpan) }, span: span) }
            return .tuple(members.map(\.value), span: span)
        case "coalesce":
            for argument in arguments {
                guard argument.isKnown else { return unknown(expression, file, because: argument) }
                if argument.isNull || argument.string == "" { continue }
                return argument
            }
            return fail("no argument is non-null and non-empty")
        case "compact":
            if let wrong = count(1...1) { return wrong }
            guard arguments[0].isKnown else { return unknown(expression, file, because: arguments[0]) }
            guard case .tuple(let elements) = arguments[0].kind else { return fail("needs a list of strings") }
            var kept: [HCLValue] = []
            for element in elements {
                guard element.isKnown else { return unknown(expression, file, because: element) }
                if element.isNull || element.string == "" { continue }
                kept.append(element)
            }
            return .tuple(kept, span: span)
        case "flatten":
            if let wrong = count(1...1) { return wrong }
            var flat: [HCLValue] = []
            if let failure = flatten(arguments[0], into: &flat, depth: 0) { return failure.isKnown ? fail("needs a list") : unknown(expression, file, because: failure) }
            return .tuple(flat, span: span)
        case "distinct":
            if let wrong = count(1...1) { return wrong }
            if let unknownValue = unknownArgument(wholly: true) { return unknownValue }
            guard case .tuple(let elements) = arguments[0].kind else { return fail("needs a list") }
            guard charge(elements.count) else { return fail("evaluation stopped: more than \(limits.maxSteps) steps") }
            return .tuple(HCLEvaluator.distinct(elements), span: span)
        case "contains":
            if let wrong = count(2...2) { return wrong }
            guard arguments[0].isKnown else { return unknown(expression, file, because: arguments[0]) }
            guard case .tuple(let elements) = arguments[0].kind else { return fail("needs a list") }
            var undecided: HCLValue?
            for element in elements {
                switch element.sameValue(as: arguments[1]) {
                case true?: return .bool(true, span: span)
                case nil: undecided = undecided ?? (element.isWhollyKnown ? arguments[1] : element)
                default: break
                }
            }
            if let undecided { return unknown(expression, file, because: undecided) }
            return .bool(false, span: span)
        case "zipmap":
            if let wrong = count(2...2) { return wrong }
            guard arguments[0].isWhollyKnown else { return unknown(expression, file, because: arguments[0]) }
            guard arguments[1].isKnown else { return unknown(expression, file, because: arguments[1]) }
            guard case .tuple(let keys) = arguments[0].kind, case .tuple(let values) = arguments[1].kind else { return fail("needs two lists") }
            guard keys.count == values.count else { return fail("the lists have \(keys.count) and \(values.count) elements") }
            var members: [HCLMember] = []
            for (key, value) in zip(keys, values) {
                guard case .success(let text) = HCLConversions.string(key) else { return fail("the keys must be strings") }
                members.append(HCLMember(key: text, keySpan: key.span, value: value))
            }
            return .object(members, span: span)
        case "max", "min", "abs", "ceil", "floor":
            if let wrong = count(name == "max" || name == "min" ? 1...Int.max : 1...1) { return wrong }
            if let unknownValue = unknownArgument(wholly: false) { return unknownValue }
            switch numbers() {
            case .failure(let failure): return failure.value
            case .success(let values):
                switch name {
                case "max": return .number(values.max() ?? 0, span: span)
                case "min": return .number(values.min() ?? 0, span: span)
                case "abs": return .number(abs(values[0]), span: span)
                case "ceil": return .number(values[0].rounded(.up), span: span)
                default: return .number(values[0].rounded(.down), span: span)
                }
            }
        case "range":
            if let wrong = count(1...3) { return wrong }
            if let unknownValue = unknownArgument(wholly: false) { return unknownValue }
            switch numbers() {
            case .failure(let failure): return failure.value
            case .success(let values):
                let start = values.count == 1 ? 0 : values[0]
                let end = values.count == 1 ? values[0] : values[1]
                let step = values.count == 3 ? values[2] : (start <= end ? 1 : -1)
                guard step != 0, step.isFinite, start.isFinite, end.isFinite else { return fail("the step must be a non-zero finite number") }
                guard (end - start) / step >= 0 else { return fail("the step goes away from the end") }
                let size = ((end - start) / step).rounded(.up)
                guard size <= Double(limits.maxRangeSize) else {
                    return fail("range would produce \(size < 1e15 ? String(Int(size)) : "too many") elements, more than \(limits.maxRangeSize) (limits.maxRangeSize)")
                }
                guard charge(Int(size)) else { return fail("evaluation stopped: more than \(limits.maxSteps) steps") }
                var elements: [HCLValue] = []
                var position = 0.0
                while position < size {
                    elements.append(.number(start + position * step, span: span))
                    position += 1
                }
                return .tuple(elements, span: span)
            }
        default:
            return unknown(expression, file, "function '\(name)' is not evaluated by ecslint")
        }
    }

    /// The elements without repeats, first occurrences kept; the values are wholly known, so
    /// each has one JSON encoding (with its type, as `1` and `"1"` differ) to compare by.
    static func distinct(_ elements: [HCLValue]) -> [HCLValue] {
        var seen: Set<[UInt8]> = []
        var kept: [HCLValue] = []
        for element in elements {
            var key: [UInt8] = Array(element.typeName.utf8)
            _ = writeJSON(element, into: &key, limit: Int.max)
            if seen.insert(key).inserted { kept.append(element) }
        }
        return kept
    }

    /// Sets of primitive values iterate in sorted order (strings lexically, numbers numerically).
    static func distinctSorted(_ elements: [HCLValue]) -> [HCLValue] {
        let kept = distinct(elements)
        if kept.allSatisfy({ $0.string != nil }) { return kept.sorted { ($0.string ?? "") < ($1.string ?? "") } }
        if kept.allSatisfy({ $0.number != nil }) { return kept.sorted { ($0.number ?? 0) < ($1.number ?? 0) } }
        return kept
    }

    /// Appends the leaves of nested lists; returns the offending value when one is not a known list.
    mutating func flatten(_ value: HCLValue, into flat: inout [HCLValue], depth: Int) -> HCLValue? {
        guard value.isKnown else { return value }
        guard case .tuple(let elements) = value.kind, depth < limits.maxDepth else { return value }
        for element in elements {
            if case .tuple = element.kind {
                if let failure = flatten(element, into: &flat, depth: depth + 1) { return failure }
            } else if !element.isKnown {
                return element
            } else {
                flat.append(element)
            }
            if flat.count > limits.maxCollectionSize || !charge(1) { return HCLValue(.string("")) }
        }
        return nil
    }

    /// `replace`: a plain substring, or a `/regex/` whose pattern is a literal (with escaped
    /// punctuation) optionally anchored by `^` or `$`; any other regular expression is unknown.
    func replace(_ text: String, _ search: String, _ replacement: String, expression: HCLExpression, inFile file: Int) -> HCLValue {
        let span = HCLSpan(file: file, range: expression.range)
        guard search.count >= 2, search.hasPrefix("/"), search.hasSuffix("/") else {
            guard !search.isEmpty else { return .string(text, span: span) }
            let result = text.replacing(search, with: replacement)
            guard result.utf8.count <= limits.maxStringLength else { return unknown(expression, file, "replace: the result is too long", isError: true) }
            return .string(result, span: span)
        }
        var pattern = Substring(search.dropFirst().dropLast())
        let anchoredStart = pattern.hasPrefix("^")
        if anchoredStart { pattern = pattern.dropFirst() }
        var anchoredEnd = false
        if pattern.hasSuffix("$") && !pattern.hasSuffix("\\$") {
            anchoredEnd = true
            pattern = pattern.dropLast()
        }
        var literal = ""
        var escaping = false
        for character in pattern {
            if escaping {
                guard character.isPunctuation || character.isSymbol || character == " " else {
                    return unknown(expression, file, "replace: the regular expression \(search) is not evaluated by ecslint (only literal patterns are)")
                }
                literal.append(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if ".*+?()[]{}|^$".contains(character) {
                return unknown(expression, file, "replace: the regular expression \(search) is not evaluated by ecslint (only literal patterns are)")
            } else {
                literal.append(character)
            }
        }
        guard !escaping, !literal.isEmpty, !replacement.contains("$") else {
            return unknown(expression, file, "replace: the regular expression \(search) is not evaluated by ecslint (only literal patterns are)")
        }
        if anchoredStart && anchoredEnd { return .string(text == literal ? replacement : text, span: span) }
        if anchoredStart { return .string(text.hasPrefix(literal) ? replacement + text.dropFirst(literal.count) : text, span: span) }
        if anchoredEnd { return .string(text.hasSuffix(literal) ? text.dropLast(literal.count) + replacement : text, span: span) }
        return .string(text.replacing(literal, with: replacement), span: span)
    }

    /// `format`: `%s`, `%d`, `%v`, `%t`, `%q`, `%f` (with a precision), `%%`; a partly known
    /// string when a `%s` or `%v` argument is.
    func format(_ arguments: [HCLValue], expression: HCLExpression, inFile file: Int) -> HCLValue {
        func fail(_ message: String) -> HCLValue { unknown(expression, file, "format: \(message)", isError: true) }
        guard arguments[0].isKnown else { return unknown(expression, file, because: arguments[0]) }
        guard let spec = arguments[0].string else { return fail("the format must be a string") }
        var builder = HCLStringBuilder()
        var literal = ""
        var next = 1
        var characters = Array(spec.unicodeScalars)[...]
        func flush() {
            if !literal.isEmpty { _ = builder.append(.string(literal, span: arguments[0].span)) }
            literal = ""
        }
        while let character = characters.popFirst() {
            guard character == "%" else {
                literal.unicodeScalars.append(character)
                continue
            }
            var precision: Int?
            var verb = characters.popFirst()
            if verb == "." {
                var digits = ""
                while let digit = characters.first, digit.properties.numericType != nil, digit.isASCII {
                    digits.unicodeScalars.append(digit)
                    characters = characters.dropFirst()
                }
                precision = Int(digits)
                verb = characters.popFirst()
            }
            guard let verb else { return fail("the format ends inside a verb") }
            if verb == "%" {
                literal += "%"
                continue
            }
            guard next < arguments.count else { return fail("not enough arguments for the format") }
            let argument = arguments[next]
            next += 1
            switch verb {
            case "s", "v":
                flush()
                if !argument.isKnown {
                    _ = builder.append(argument)
                    continue
                }
                if let failure = builder.append(argument) { return fail(failure) }
            case "d", "f", "t", "q":
                guard argument.isKnown else { return unknown(expression, file, because: argument) }
                switch verb {
                case "d":
                    guard case .success(let number) = HCLConversions.number(argument), let integer = HCLNumber(number).integer else {
                        return fail("%d needs a whole number")
                    }
                    literal += String(integer)
                case "f":
                    guard case .success(let number) = HCLConversions.number(argument) else { return fail("%f needs a number") }
                    literal += HCLEvaluator.fixedPoint(number, digits: min(precision ?? 6, 30))
                case "t":
                    guard case .success(let flag) = HCLConversions.bool(argument) else { return fail("%t needs a bool") }
                    literal += flag ? "true" : "false"
                default:
                    guard case .success(let text) = HCLConversions.string(argument) else { return fail("%q needs a string") }
                    literal += NodeJSONWriter.quoted(text)
                }
            default:
                return unknown(expression, file, "format: the verb %\(verb) is not evaluated by ecslint")
            }
        }
        flush()
        return builder.build(span: HCLSpan(file: file, range: expression.range))
    }
}

/// A function's failed result, carried through `Result`.
struct HCLFailure: Error {
    var value: HCLValue
}

extension HCLEvaluator {
    /// `number` with `digits` digits after the point, as C's `%.*f` (and Go's `%.Nf`) writes it.
    static func fixedPoint(_ number: Double, digits: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 400)
        let written = withVaList([Int32(digits), number]) { arguments in
            vsnprintf(&buffer, buffer.count, "%.*f", arguments)
        }
        guard written >= 0, Int(written) < buffer.count else { return String(number) }
        return String(decoding: buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
