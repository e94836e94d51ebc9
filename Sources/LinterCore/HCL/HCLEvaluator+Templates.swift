/// Templates: quoted strings, heredocs and template files, rendered with their directives.
///
/// The result keeps an `HCLRendering` (text and offset map) whenever the template is more than
/// one verbatim literal, so a JSON document written in a heredoc or template file can be parsed
/// with positions in its source.
extension HCLEvaluator {
    struct TemplateOutput {
        var string = HCLStringBuilder()
        var rendering = HCLRenderingBuilder()
        var failure: String?
        var isError = false
    }

    mutating func evaluateTemplate(_ template: HCLTemplate, range: ByteRange, inFile file: Int, context: HCLContext) -> HCLValue {
        let span = HCLSpan(file: file, range: range)
        if let sole = template.soleInterpolation {
            // `"${x}"` is x itself, as Terraform 0.11 configurations rely on.
            return evaluate(sole, inFile: file, context: context)
        }
        if template.parts.isEmpty { return .string("", span: span) }
        if template.parts.count == 1, case .literal(let literal) = template.parts[0] {
            return .string(literal.text, span: span)
        }
        var output = TemplateOutput()
        render(template.parts, into: &output, inFile: file, context: context)
        if let failure = output.failure {
            let expression = HCLExpression(.template(template), range: range)
            var result = unknown(expression, file, failure, isError: output.isError)
            result.assumptions = output.string.assumptions
            return result
        }
        var value = output.string.build(span: span)
        value.derivation = .rendered(output.rendering.build())
        return value
    }

    mutating func render(_ parts: [HCLTemplatePart], into output: inout TemplateOutput, inFile file: Int, context: HCLContext) {
        for part in parts {
            guard output.failure == nil else { return }
            guard charge(1) else {
                output.failure = "evaluation stopped: more than \(limits.maxSteps) steps (limits.maxSteps)"
                output.isError = true
                return
            }
            switch part {
            case .literal(let literal):
                let span = HCLSpan(file: file, range: literal.range)
                _ = output.string.append(.string(literal.text, span: span))
                output.rendering.append(literal.text, span: span, verbatim: literal.isVerbatim)
            case .interpolation(let expression, let range):
                let value = evaluate(expression, inFile: file, context: context)
                appendInterpolated(value, expression: expression, site: HCLSpan(file: file, range: range), into: &output, inFile: file)
            case .conditional(let conditionExpression, let thenParts, let elseParts, let range):
                let condition = evaluate(conditionExpression, inFile: file, context: context)
                guard condition.isKnown else {
                    appendUnknown(unknown(HCLExpression(.variable(""), range: range), file, because: condition), at: HCLSpan(file: file, range: range), into: &output)
                    continue
                }
                guard case .success(let flag) = HCLConversions.bool(condition) else {
                    output.failure = "an %{if} condition must be a bool, not a \(condition.typeName)"
                    output.isError = true
                    return
                }
                for assumption in condition.assumptions where !output.string.assumptions.contains(assumption) {
                    output.string.assumptions.append(assumption)
                }
                render(flag ? thenParts : elseParts, into: &output, inFile: file, context: context)
            case .loop(let keyVariable, let valueVariable, let collectionExpression, let body, let range):
                let collection = evaluate(collectionExpression, inFile: file, context: context)
                guard collection.isKnown else {
                    appendUnknown(unknown(HCLExpression(.variable(""), range: range), file, because: collection), at: HCLSpan(file: file, range: range), into: &output)
                    continue
                }
                let pairs: [(HCLValue, HCLValue)]
                switch iterationPairs(collection) {
                case .success(let found): pairs = found
                case .failure(let error):
                    output.failure = "%{for}: " + error.message
                    output.isError = true
                    return
                }
                var inner = context
                for (key, value) in pairs {
                    if let keyVariable { inner.names[keyVariable] = key }
                    inner.names[valueVariable] = value
                    render(body, into: &output, inFile: file, context: inner)
                    guard output.failure == nil else { return }
                }
            }
            if output.string.length > limits.maxStringLength {
                output.failure = "the template produces more than \(limits.maxStringLength) bytes (limits.maxStringLength)"
                output.isError = true
                return
            }
        }
    }

    /// A value written at `site` (the whole `${…}`), to which its rendered text maps.
    mutating func appendInterpolated(_ value: HCLValue, expression: HCLExpression, site: HCLSpan, into output: inout TemplateOutput, inFile file: Int) {
        switch value.kind {
        case .unknown(let unknown):
            if unknown.isError {
                output.failure = "${\(text(expression.range, file))}: \(unknown.reason)"
                output.isError = true
                return
            }
            appendUnknown(value, at: site, into: &output)
        case .partial(let pieces):
            for assumption in value.assumptions where !output.string.assumptions.contains(assumption) {
                output.string.assumptions.append(assumption)
            }
            for piece in pieces { appendInterpolated(piece, expression: expression, site: site, into: &output, inFile: file) }
        default:
            if let failure = output.string.append(value) {
                output.failure = "${\(text(expression.range, file))}: \(failure)"
                output.isError = true
                return
            }
            if case .success(let piece) = HCLConversions.string(value) {
                output.rendering.append(piece, span: site, verbatim: false)
            }
        }
    }

    /// An unknown part; its placeholder in the rendering maps to `site`, where the template
    /// writes it (the value itself keeps its own span).
    func appendUnknown(_ value: HCLValue, at site: HCLSpan, into output: inout TemplateOutput) {
        _ = output.string.append(value)
        output.rendering.appendPlaceholder(for: value, span: site)
    }
}
