import LinterCore

/// Fingerprints identify a finding across runs and edits elsewhere in its file (baselines, code
/// scanning): a hash of the rule, the root-relative path, the logical path of the node (the keys
/// and indices leading to it) and the finding's text with its whitespace collapsed. Findings
/// with equal keys are told apart by their order of occurrence.
struct Fingerprinter {
    var workers: Int

    /// Each placed violation's key hash, in order. Each depends on its violation alone, so they
    /// are computed in parallel.
    func hashes(_ placed: FindingPlacement.Placed, table: RuleTable) -> [UInt64] {
        ParallelMap.map(Array(placed.items.indices), workers: workers) { position in
            let item = placed.items[position]
            let file = placed.files[placed.fileIndices[position]]
            let range = item.violation.location.range
            let logicalPath = LogicalPath.of(range, in: file.roots)
            // The key is rule|path|logical path|collapsed snippet, hashed as it is written.
            var key = FNV1a64()
            for part in [table.ids[item.rule], file.relativePath, logicalPath] {
                key.add(part)
                key.add(UInt8(ascii: "|"))
            }
            if let source = file.source { Fingerprinter.addCollapsedSnippet(source, range, to: &key) }
            return key.value
        }
    }

    /// Gives each finding its fingerprint: the hash of its key, continued with `|n` for the
    /// `n`th repetition of an earlier key. Counted in order, so the result never depends on
    /// scheduling. Keys are counted by their 64-bit hash: keys whose hashes collide already
    /// shared a fingerprint, so counting them together only tells their findings apart.
    static func assign(_ hashes: [UInt64], to findings: inout [Finding]) {
        var counts: [UInt64: Int] = [:]
        for (position, hash) in hashes.enumerated() {
            let occurrence = counts[hash, default: 0]
            counts[hash] = occurrence + 1
            if occurrence > 0 {
                var repeated = FNV1a64(continuing: hash)
                repeated.add("|\(occurrence)")
                findings[position].fingerprintHash = repeated.value
            } else {
                findings[position].fingerprintHash = hash
            }
        }
    }

    /// Adds `text` with every run of whitespace collapsed to one space and no leading or trailing
    /// whitespace (`text.split(whereSeparator: \.isWhitespace).joined(separator: " ")`) to a
    /// fingerprint hash. On ASCII text, the common case, it works on the bytes, eight at a time
    /// where it can: a finding on a whole container covers kilobytes, and the text is never built.
    static func addCollapsedSnippet(_ file: SourceFile, _ range: ByteRange, to hasher: inout FNV1a64) {
        let start = max(0, min(range.start, file.bytes.count))
        let end = max(start, min(range.end, file.bytes.count))
        if start == end { return }
        file.bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            func word(at index: Int) -> UInt64 {
                UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            }
            var index = start
            while index + 8 <= end, WordBytes.nonASCII(word(at: index)) == 0 { index += 8 }
            while index < end {
                if base[index] >= 0x80 {
                    hasher.add(file.text(of: range).split(whereSeparator: { $0.isWhitespace }).joined(separator: " "))
                    return
                }
                index += 1
            }
            var started = false
            var pendingSpace = false
            let spaces = WordBytes.ones &* 0x20
            index = start
            while index < end {
                if index + 8 <= end {
                    let word = word(at: index)
                    if word == spaces {
                        pendingSpace = started
                        index += 8
                        continue
                    }
                    // No space or control byte among the eight.
                    if WordBytes.asciiBelow(word, 0x21) == 0 {
                        if pendingSpace {
                            hasher.add(0x20)
                            pendingSpace = false
                        }
                        hasher.add(word: word)
                        started = true
                        index += 8
                        continue
                    }
                }
                let stop = min(index + 8, end)
                while index < stop {
                    let byte = base[index]
                    // Character.isWhitespace for ASCII: U+0009...U+000D and U+0020.
                    if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                        pendingSpace = started
                    } else {
                        if pendingSpace {
                            hasher.add(0x20)
                            pendingSpace = false
                        }
                        hasher.add(byte)
                        started = true
                    }
                    index += 1
                }
            }
        }
    }
}
