/// Template syntax in files that are rendered before AWS reads them, made parseable in place.
///
/// * Go templates (`{{ must_env `TAG` }}`), as ecspresso and Helm write them. An action in a value
///   position breaks JSON and YAML; an action alone on its line (`{{ if … }}`, `{{ end }}`) breaks
///   the structure around it.
/// * envsubst placeholders (`$TAG`, `${TAG}`) where a JSON value should be.
///
/// Every rewrite keeps the byte length, so each position in the file stays exact:
/// * an action alone on its line becomes spaces: it renders to lines of its own or to nothing,
///   and the lines around it are linted as written (both branches of an `if`);
/// * an action or placeholder in a value position becomes a quoted string of the same length,
///   and its range is returned so the parsed value can be marked unknown, never evaluated;
/// * an action inside a quoted string keeps `{{` and `}}` with its inside blanked, so quotes in
///   the template cannot end the string and the text still reads as a placeholder.
public enum TemplatePlaceholders {
    /// The rewritten bytes, and the ranges of the placeholders that stood in a value position.
    public struct Neutralized: Sendable {
        public var bytes: [UInt8]
        public var bareValueRanges: [ByteRange]
        /// Whether whole lines were blanked (both branches of a conditional are then read).
        public var blankedLines: Bool
    }

    public static func containsPlaceholder(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { haystack in
            Array("{{".utf8).withUnsafeBufferPointer { ByteSearch.contains(haystack, $0) }
        }
    }

    /// Whether the bytes hold a `$` that may start an envsubst placeholder.
    public static func containsDollar(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { haystack in
            Array("$".utf8).withUnsafeBufferPointer { ByteSearch.contains(haystack, $0) }
        }
    }

    /// Rewrites every template span; nil when there is none or a `{{` is not closed on its line.
    /// `envsubst` also rewrites `$NAME` and `${NAME}` outside strings (JSON sources).
    public static func neutralize(_ bytes: [UInt8], envsubst: Bool = false) -> Neutralized? {
        var output = bytes
        var bareRanges: [ByteRange] = []
        var blankedLines = false
        var inString = false
        var quote: UInt8 = 0
        var index = 0
        var changed = false
        while index < output.count {
            let byte = output[index]
            if inString {
                if byte == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") {
                    index += 2
                    continue
                }
                if byte == quote { inString = false }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                inString = true
                quote = byte
            } else if byte == 0x0A {
                inString = false
            }
            if byte == UInt8(ascii: "{") && index + 1 < output.count && output[index + 1] == UInt8(ascii: "{") {
                guard let close = findClose(output, from: index + 2) else { return nil }
                let end = close + 2
                if !inString, let line = wholeLine(output, start: index, end: end) {
                    for position in line where output[position] != 0x0D { output[position] = UInt8(ascii: " ") }
                    blankedLines = true
                } else {
                    // Keep `{{` and `}}`; blank the inside so quotes in the template cannot end a string.
                    for position in (index + 2)..<close { output[position] = UInt8(ascii: "_") }
                    if !inString {
                        writeQuotedPlaceholder(into: &output, start: index, end: end)
                        bareRanges.append(ByteRange(start: index, end: end))
                    }
                }
                changed = true
                index = end
                continue
            }
            if envsubst, !inString, byte == UInt8(ascii: "$"), let end = envsubstEnd(output, at: index) {
                writeQuotedPlaceholder(into: &output, start: index, end: end)
                bareRanges.append(ByteRange(start: index, end: end))
                changed = true
                index = end
                continue
            }
            index += 1
        }
        return changed ? Neutralized(bytes: output, bareValueRanges: bareRanges, blankedLines: blankedLines) : nil
    }

    /// Overwrites `start..<end` with a quoted string of the same length (at least two bytes).
    /// The content reads `{{…}}` when there is room, so the value is a placeholder wherever it
    /// is read; shorter spans are marked unknown through the returned range instead.
    private static func writeQuotedPlaceholder(into output: inout [UInt8], start: Int, end: Int) {
        let length = end - start
        guard length >= 2 else { return }
        output[start] = UInt8(ascii: "\"")
        output[end - 1] = UInt8(ascii: "\"")
        for position in (start + 1)..<(end - 1) { output[position] = UInt8(ascii: "_") }
        if length >= 6 {
            output[start + 1] = UInt8(ascii: "{")
            output[start + 2] = UInt8(ascii: "{")
            output[end - 3] = UInt8(ascii: "}")
            output[end - 2] = UInt8(ascii: "}")
        }
    }

    /// The bytes of the line holding `start..<end` (without its line break) when nothing else but
    /// blanks is written on it.
    private static func wholeLine(_ bytes: [UInt8], start: Int, end: Int) -> Range<Int>? {
        var lineStart = start
        while lineStart > 0 && bytes[lineStart - 1] != 0x0A {
            lineStart -= 1
            if bytes[lineStart] != 0x20 && bytes[lineStart] != 0x09 { return nil }
        }
        var lineEnd = end
        while lineEnd < bytes.count && bytes[lineEnd] != 0x0A {
            if bytes[lineEnd] != 0x20 && bytes[lineEnd] != 0x09 && bytes[lineEnd] != 0x0D { return nil }
            lineEnd += 1
        }
        return lineStart..<lineEnd
    }

    /// The end of `$NAME` or `${NAME}` (shell variable names) starting at `index`.
    private static func envsubstEnd(_ bytes: [UInt8], at index: Int) -> Int? {
        func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_")
                || (!first && byte >= 0x30 && byte <= 0x39)
        }
        var position = index + 1
        guard position < bytes.count else { return nil }
        let braced = bytes[position] == UInt8(ascii: "{")
        if braced { position += 1 }
        guard position < bytes.count, isNameByte(bytes[position], first: true) else { return nil }
        position += 1
        while position < bytes.count, isNameByte(bytes[position], first: false) { position += 1 }
        if braced {
            // `${NAME:-default}` and similar forms end at the brace on the same line.
            while position < bytes.count, bytes[position] != UInt8(ascii: "}") {
                if bytes[position] == 0x0A { return nil }
                position += 1
            }
            guard position < bytes.count else { return nil }
            position += 1
        }
        return position
    }

    static func findClose(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == 0x0A { return nil }
            if bytes[index] == UInt8(ascii: "}") && bytes[index + 1] == UInt8(ascii: "}") { return index }
            index += 1
        }
        return nil
    }

    /// Marks every value that starts a bare placeholder range as unknown (a local tag, which
    /// every reader treats as unresolved), whatever text the rewrite left in it.
    public static func markUnknown(_ node: inout Node, bareValueRanges: [ByteRange]) {
        guard !bareValueRanges.isEmpty else { return }
        let starts = Set(bareValueRanges.map(\.start))
        mark(&node, starts: starts)
    }

    /// The tag marking a value that a template fills in.
    public static let placeholderTag = "!ecslint-placeholder"

    private static func mark(_ node: inout Node, starts: Set<Int>) {
        if starts.contains(node.range.start), case .string = node.kind {
            node = Node(.tagged(placeholderTag, node), range: node.range)
            return
        }
        if case .object(var entries) = node.kind {
            node.kind = .null
            for index in entries.indices { mark(&entries[index].value, starts: starts) }
            node.kind = .object(entries)
        } else if case .array(var elements) = node.kind {
            node.kind = .null
            for index in elements.indices { mark(&elements[index], starts: starts) }
            node.kind = .array(elements)
        }
    }
}
