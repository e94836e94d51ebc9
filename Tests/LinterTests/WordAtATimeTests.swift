import Foundation
import Testing

@testable import LinterCore
@testable import Linter
import TestKit

// The fingerprint snippet hash, UTF-16 column counting and parallel mapping take bytes eight at a
// time or cut work into runs; each must give exactly what the plain byte-by-byte definition gives,
// or fingerprints in users' baselines and SARIF uploads would change. Trimming cuts ASCII spaces
// on the bytes and must agree with Foundation's character sets. (`SeededGenerator`, from the
// test kit, draws the same inputs on every run.)

/// Text built from runs that exercise every branch: whole words of spaces, words with no
/// whitespace, mixed words, tabs and line breaks, control bytes that are not whitespace, and
/// (when `unicode`) multi-byte characters, at every alignment.
private func sampleText(_ random: inout SeededGenerator, unicode: Bool) -> [UInt8] {
    var runs: [String] = [
        " ", "        ", "                 ", "\t", "\n", "\r\n", "\u{0B}\u{0C}", "\u{01}", "\u{1F}", "\u{7F}",
        "\"name\": \"web\",", "containerDefinitions", "a", "!", "x y", "{", "}", "arn:aws:ecs:us-east-1:1:x",
    ]
    if unicode { runs += ["é", "日本", "🚀", "\u{2028}", "\u{A0}"] }
    var text = ""
    for _ in 0..<Int(random.next() % 40) { text += runs[Int(random.next() % UInt64(runs.count))] }
    return Array(text.utf8)
}

@Suite("Word-at-a-time fast paths")
struct WordAtATimeTests {
    @Test("the snippet hash equals hashing the text with its whitespace runs collapsed")
    func collapsedSnippetMatchesDefinition() {
        var random = SeededGenerator(seed: 42)
        for round in 0..<3000 {
            let bytes = sampleText(&random, unicode: round % 4 == 0)
            let file = SourceFile(path: "/p/t.json", bytes: bytes)
            let start = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count))
            let end = start + Int(random.next() % UInt64(bytes.count - start + 1))
            let range = ByteRange(start: start, end: end)
            var fast = FNV1a64()
            fast.add("prefix|")
            Fingerprinter.addCollapsedSnippet(file, range, to: &fast)
            var reference = FNV1a64()
            reference.add("prefix|")
            if start < end {
                reference.add(file.text(of: range).split(whereSeparator: { $0.isWhitespace }).joined(separator: " "))
            }
            #expect(fast.value == reference.value, "round \(round): \(file.text(of: range).debugDescription)")
        }
    }

    @Test("trimming ASCII spaces on the bytes gives what Foundation's character sets give")
    func asciiTrimmingMatchesFoundation() {
        var random = SeededGenerator(seed: 11)
        for round in 0..<3000 {
            let text = String(decoding: sampleText(&random, unicode: round % 3 == 0), as: UTF8.self)
            #expect(text.trimmingWhitespace == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
            #expect(
                text.trimmingWhitespaceAndNewlines == text.trimmingCharacters(in: .whitespacesAndNewlines),
                "\(text.debugDescription)")
        }
    }

    @Test("ASCII characters found on the bytes are where Character search finds them")
    func asciiSearchMatchesCharacterSearch() {
        var random = SeededGenerator(seed: 5)
        let pieces = ["a", ".", "/", ":", "\u{301}", "\u{200D}", "é", "🚀", "Repo.Arn", "arn:aws:ecs", "x/y:1", " "]
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int(random.next() % 12) { text += pieces[Int(random.next() % UInt64(pieces.count))] }
            for character in [".", "/", ":"] as [Unicode.Scalar] {
                #expect(text.firstIndex(ofASCII: character) == text.firstIndex(of: Character(character)), "\(text.debugDescription)")
                #expect(text.lastIndex(ofASCII: character) == text.lastIndex(of: Character(character)), "\(text.debugDescription)")
            }
        }
    }

    @Test("eight bytes hashed as a word equal the same bytes hashed one by one")
    func wordHashMatchesBytes() {
        var random = SeededGenerator(seed: 7)
        for _ in 0..<200 {
            let word = random.next()
            var asWord = FNV1a64()
            asWord.add(word: word)
            var asBytes = FNV1a64()
            for shift in stride(from: 0, to: 64, by: 8) { asBytes.add(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
            #expect(asWord.value == asBytes.value)
        }
    }

    @Test("UTF-16 lengths counted by words equal String's count, at every range")
    func utf16LengthMatchesString() {
        var random = SeededGenerator(seed: 3)
        for _ in 0..<500 {
            let bytes = sampleText(&random, unicode: true)
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(SourceFile.utf16Length(bytes, from: 0, to: bytes.count) == text.utf16.count)
            // Ranges that start and end on character boundaries.
            let boundaries = [0] + text.indices.map { text.utf8.distance(from: text.startIndex, to: $0) } + [bytes.count]
            let from = boundaries[Int(random.next() % UInt64(boundaries.count))]
            let to = max(from, boundaries[Int(random.next() % UInt64(boundaries.count))])
            let slice = String(decoding: bytes[from..<to], as: UTF8.self)
            #expect(SourceFile.utf16Length(bytes, from: from, to: to) == slice.utf16.count)
        }
        // Out-of-range bounds are clamped, never read past the buffer.
        #expect(SourceFile.utf16Length(Array("abc".utf8), from: 2, to: 99) == 1)
        #expect(SourceFile.utf16Length(Array("abc".utf8), from: 5, to: 1) == 0)
    }

    @Test("parallel maps keep input order for few and many inputs, on any number of threads")
    func parallelMapKeepsOrder() {
        for count in [0, 1, 2, 7, 127, 128, 129, 1000, 4099] {
            let inputs = Array(0..<count)
            for workers in [1, 2, 3, 8] {
                #expect(ParallelMap.map(inputs, workers: workers) { $0 * 3 + 1 } == inputs.map { $0 * 3 + 1 })
            }
        }
    }

    @Test("a JSON string ends at its first quote, escape, control or non-ASCII byte, at every length and alignment")
    func jsonStringsFindTheirFirstSpecialByte() throws {
        let parser = JSONParser()
        for padding in 0..<9 {
            for length in 0..<34 {
                let plain = String((0..<length).map { Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8($0 % 26))) })
                let lead = String(repeating: " ", count: padding)
                #expect(try parser.parse(lead + "\"" + plain + "\"").string == plain)
                #expect(try parser.parse(lead + "\"" + plain + "\\n" + plain + "\"").string == plain + "\n" + plain)
                #expect(try parser.parse(lead + "\"" + plain + "é" + plain + "\"").string == plain + "é" + plain)
                let control = Array((lead + "\"" + plain).utf8) + [0x01] + Array((plain + "\"").utf8)
                #expect(throws: ParseError.self) { try parser.parse(control) }
                do {
                    _ = try parser.parse(control)
                } catch {
                    #expect(error.offset == padding + 1 + length, "control byte after \(length) bytes")
                }
            }
        }
    }

    @Test("YAML indentation skipped eight spaces at a time keeps columns, tabs and plain scalars exact")
    func yamlIndentationAndPlainScalars() throws {
        let parser = YAMLParser()
        for indent in 1..<21 {
            let pad = String(repeating: " ", count: indent)
            // A plain value holding ':' and '#' that do not end it, and a multi-byte character.
            let text = "root:\n\(pad)key: a:b#c é:x\n\(pad)next:    [one, two:2, three: 3]\n"
            let root = try #require(try parser.parse(text).documents.first)
            let inner = try #require(root["root"])
            let value = try #require(inner["key"])
            #expect(value.string == "a:b#c é:x")
            let bytes = Array(text.utf8)
            #expect(value.range.start == 5 + 1 + indent + 5)
            #expect(String(decoding: bytes[value.range.start..<value.range.end], as: UTF8.self) == "a:b#c é:x")
            let flow = try #require(inner["next"]?.elements)
            #expect(flow.map { $0.string ?? $0.entries?.first?.name ?? "?" } == ["one", "two:2", "three"])
            // A plain scalar continued on a deeper line is folded; the line after it, at the
            // mapping's indentation, is the next key.
            let folded = "root:\n\(pad)key: first\n\(pad)   second\n\(pad)next: 1\n"
            let foldedRoot = try #require(try parser.parse(folded).documents.first?["root"])
            #expect(foldedRoot["key"]?.string == "first second")
            #expect(foldedRoot.entries?.map { $0.name ?? "?" } == ["key", "next"])
            #expect(foldedRoot["next"]?.range.start == 5 + 1 + indent + 11 + indent + 10 + indent + 6)
            // A tab after the spaces of an indentation is an error at the tab.
            let tabbed = "root:\n\(pad)key: 1\n\(pad)\tother: 2\n"
            do {
                _ = try parser.parse(tabbed)
                Issue.record("a tab in the indentation of \(indent) spaces was accepted")
            } catch {
                #expect(error.offset == 5 + 1 + indent + 7 + indent, "indent \(indent): \(error.message)")
            }
        }
    }
    @Test("a YAML word passes the encoding check's fast path exactly when each byte is printable ASCII or a line feed")
    func yamlEncodingWordCheck() {
        func word(_ bytes: [UInt8]) -> UInt64 {
            bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        }
        func bytewise(_ bytes: [UInt8]) -> Bool { bytes.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A } }
        // Every byte value at every position, among printable fillers and among line feeds (a
        // byte's neighbours must not change its verdict), then random words of chosen bytes.
        for filler: UInt8 in [0x61, 0x0A, 0x20, 0x7E] {
            for position in 0..<8 {
                for value in 0...255 {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[position] = UInt8(value)
                    #expect(YAMLParser.isPrintableASCIIOrLineFeed(word(bytes)) == bytewise(bytes), "\(bytes)")
                }
            }
        }
        let interesting: [UInt8] = [0x00, 0x01, 0x09, 0x0A, 0x0B, 0x0D, 0x1F, 0x20, 0x21, 0x7E, 0x7F, 0x80, 0x8A, 0xA0, 0xFF, 0x61]
        var random = SeededGenerator(seed: 2026)
        for _ in 0..<20_000 {
            let bytes = (0..<8).map { _ in interesting[Int(random.next() % UInt64(interesting.count))] }
            #expect(YAMLParser.isPrintableASCIIOrLineFeed(word(bytes)) == bytewise(bytes), "\(bytes)")
        }
    }

    @Test("a plain scalar's word flags exactly the blanks, breaks, colons and non-ASCII bytes, in block context")
    func yamlPlainWordFlags() {
        func word(_ bytes: [UInt8]) -> UInt64 {
            bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        }
        func flagged(_ byte: UInt8) -> Bool { byte <= 0x20 || byte == UInt8(ascii: ":") || byte >= 0x80 }
        func expected(_ bytes: [UInt8]) -> UInt64 {
            bytes.enumerated().reduce(UInt64(0)) { $0 | (flagged($1.element) ? 0x80 << (8 * UInt64($1.offset)) : 0) }
        }
        for filler: UInt8 in [0x61, 0x3A, 0x20, 0x7E, 0xFF] {
            for position in 0..<8 {
                for value in 0...255 {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[position] = UInt8(value)
                    #expect(YAMLScanner.blockPlainAttention(word(bytes)) == expected(bytes), "\(bytes)")
                }
            }
        }
    }

    @Test("a quoted string's word flags first the first quote, backslash, control or non-ASCII byte")
    func quotedStringWordFlags() {
        func word(_ bytes: [UInt8]) -> UInt64 {
            bytes.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        }
        let interesting: [UInt8] = [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x27, 0x28, 0x5B, 0x5C, 0x5D, 0x61, 0x7F, 0x80, 0xA0, 0xFF]
        var random = SeededGenerator(seed: 99)
        for quote: UInt8 in [0x22, 0x27] {
            func stops(_ byte: UInt8) -> Bool { byte == quote || byte == 0x5C || byte < 0x20 || byte >= 0x80 }
            for round in 0..<40_000 {
                let bytes: [UInt8]
                if round < 8 * 256 {
                    // every byte value at every position, among plain letters
                    var letters = [UInt8](repeating: 0x61, count: 8)
                    letters[round / 256] = UInt8(round % 256)
                    bytes = letters
                } else {
                    bytes = (0..<8).map { _ in interesting[Int(random.next() % UInt64(interesting.count))] }
                }
                let flags = ByteSearch.quotedStringAttention(word(bytes), quote: quote)
                let first = bytes.firstIndex(where: stops)
                #expect((flags == 0 ? nil : flags.trailingZeroBitCount >> 3) == first, "\(bytes)")
            }
        }
    }
}
