/// The text of a rendered template (or a file read whole) and an offset map from it back to the
/// sources of each piece, so a JSON document parsed from it keeps positions in the template file.
///
/// Unknown parts are rendered as placeholders that keep the text parseable as JSON: inside a JSON
/// string the expression as written (`${var.tag}`), elsewhere the same quoted
/// (`"${container_cpu}"`), so `"cpu": ${container_cpu}` still reads as a document in which that
/// one value is unknown. A placeholder never contains a quote, backslash or control character.
public struct HCLRendering: Sendable, Hashable {
    /// One run of the rendered text and where it came from. A verbatim run is its source's bytes,
    /// so an offset inside it maps to the same offset inside the source; any other run (an
    /// escape, an interpolated value) maps as a whole to its span.
    public struct Segment: Sendable, Hashable {
        public var start: Int
        public var length: Int
        public var span: HCLSpan
        public var isVerbatim: Bool
    }

    public struct Placeholder: Sendable, Hashable {
        /// The placeholder's range in `text`, quotes included when it added them.
        public var range: ByteRange
        public var value: HCLValue
    }

    /// The rendered text, placeholders included.
    public var text: String
    /// In order of `start`, not overlapping.
    public var segments: [Segment]
    public var placeholders: [Placeholder]

    /// The source of `range` of the rendered text: exact inside a verbatim run, the whole run's
    /// span otherwise. A range across runs of one file spans from the first to the last.
    public func span(ofRendered range: ByteRange) -> HCLSpan? {
        guard let first = segmentIndex(containing: range.start) else { return nil }
        let startSegment = segments[first]
        let start = startSegment.isVerbatim
            ? startSegment.span.range.start + (range.start - startSegment.start) : startSegment.span.range.start
        var end = startSegment.span.range.end
        if let last = segmentIndex(containing: max(range.start, range.end - 1)) {
            let endSegment = segments[last]
            if endSegment.span.file == startSegment.span.file {
                end = endSegment.isVerbatim
                    ? endSegment.span.range.start + min(endSegment.length, range.end - endSegment.start) : endSegment.span.range.end
            }
        }
        return HCLSpan(file: startSegment.span.file, range: ByteRange(start: start, end: max(start, end)))
    }

    func segmentIndex(containing offset: Int) -> Int? {
        var low = 0
        var high = segments.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let segment = segments[middle]
            if offset < segment.start {
                high = middle - 1
            } else if offset >= segment.start + max(segment.length, 1) {
                low = middle + 1
            } else {
                return middle
            }
        }
        return nil
    }
}

extension HCLRendering {
    /// The placeholder covering exactly `range` (placeholders are in order and never overlap).
    public func placeholder(exactly range: ByteRange) -> Placeholder? {
        guard let index = firstPlaceholder(startingAtOrAfter: range.start), index < placeholders.count,
            placeholders[index].range == range
        else { return nil }
        return placeholders[index]
    }

    /// The placeholders strictly inside `range` (a JSON string that holds them among other text).
    public func placeholders(inside range: ByteRange) -> ArraySlice<Placeholder> {
        guard let first = firstPlaceholder(startingAtOrAfter: range.start + 1) else { return [] }
        var end = first
        while end < placeholders.count && placeholders[end].range.end < range.end { end += 1 }
        return placeholders[first..<end]
    }

    func firstPlaceholder(startingAtOrAfter offset: Int) -> Int? {
        var low = 0
        var high = placeholders.count
        while low < high {
            let middle = (low + high) / 2
            if placeholders[middle].range.start < offset { low = middle + 1 } else { high = middle }
        }
        return low < placeholders.count ? low : nil
    }
}

/// Builds an `HCLRendering`, following JSON's string state through the known text so each
/// placeholder is quoted only where a JSON value stands.
struct HCLRenderingBuilder {
    public var bytes: [UInt8] = []
    var segments: [HCLRendering.Segment] = []
    var placeholders: [HCLRendering.Placeholder] = []
    var insideJSONString = false
    var escaped = false

    mutating func append(_ text: String, span: HCLSpan?, verbatim: Bool) {
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        for byte in text.utf8 { track(byte) }
        if let span, bytes.count > start {
            segments.append(HCLRendering.Segment(start: start, length: bytes.count - start, span: span, isVerbatim: verbatim))
        }
    }

    mutating func track(_ byte: UInt8) {
        if insideJSONString {
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") || byte == 0x0A {
                insideJSONString = false
            }
        } else if byte == UInt8(ascii: "\"") {
            insideJSONString = true
        }
    }

    mutating func appendPlaceholder(for value: HCLValue, span: HCLSpan) {
        let start = bytes.count
        let quoted = !insideJSONString
        if quoted { bytes.append(UInt8(ascii: "\"")) }
        bytes.append(contentsOf: "${".utf8)
        let expression = value.unknown?.expression ?? "…"
        for byte in expression.utf8 {
            bytes.append(byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") ? UInt8(ascii: "_") : byte)
        }
        bytes.append(UInt8(ascii: "}"))
        if quoted { bytes.append(UInt8(ascii: "\"")) }
        let range = ByteRange(start: start, end: bytes.count)
        placeholders.append(HCLRendering.Placeholder(range: range, value: value))
        segments.append(HCLRendering.Segment(start: start, length: range.length, span: span, isVerbatim: false))
    }

    func build() -> HCLRendering {
        HCLRendering(text: String(decoding: bytes, as: UTF8.self), segments: segments, placeholders: placeholders)
    }
}
