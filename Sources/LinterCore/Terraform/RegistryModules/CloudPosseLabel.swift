/// The name cloudposse modules give what they create: `module.this.id` of cloudposse/label/null
/// from the call's context inputs, `namespace-tenant-environment-stage-name-attributes` with
/// the empty ones left out, lowercased, characters other than letters, digits and `-` removed.
/// Unknown when the call passes a `context` or a label setting (`label_order`,
/// `regex_replace_chars`, …) ecslint does not reproduce.
enum CloudPosseLabel {
    static let order = ["namespace", "tenant", "environment", "stage", "name"]
    static let unsupportedInputs: Set<String> = [
        "context", "label_order", "regex_replace_chars", "id_length_limit", "label_key_case", "label_value_case", "descriptor_formats",
    ]

    /// `module.this.id`; nil when not known.
    static func id(of call: TerraformModuleCall) -> String? {
        guard unsupportedInputs.allSatisfy({ call.input($0) == nil }) else { return nil }
        let delimiter = call.input("delimiter")?.string ?? (call.input("delimiter") == nil ? "-" : nil)
        guard let delimiter else { return nil }
        var parts: [String] = []
        for label in order {
            guard let value = call.input(label) else { continue }
            guard let text = value.string.map(normalized) else { return nil }
            if !text.isEmpty { parts.append(text) }
        }
        if let attributes = call.input("attributes") {
            guard let elements = attributes.elements else { return nil }
            var texts: [String] = []
            for element in elements {
                guard let text = element.string.map(normalized) else { return nil }
                if !text.isEmpty { texts.append(text) }
            }
            if !texts.isEmpty { parts.append(texts.joined(separator: delimiter)) }
        }
        return parts.joined(separator: delimiter)
    }

    /// `name`: the label's name alone, normalized; nil when not known.
    static func name(of call: TerraformModuleCall) -> String? {
        guard unsupportedInputs.allSatisfy({ call.input($0) == nil }) else { return nil }
        guard let value = call.input("name") else { return "" }
        return value.string.map(normalized)
    }

    static func normalized(_ text: String) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter {
            ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-"
        }))
    }
}
