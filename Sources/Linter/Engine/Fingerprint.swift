import LinterCore

/// Fingerprints are written as the 16 hex digits of a stable 64-bit hash (`FNV1a64`).
enum Fingerprint {
    static func hex(hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// FNV-1a fed piece by piece: adding `a` then `b` gives the hash of `a + b`, so a fingerprint key
/// is hashed without being built, and `key + "|1"` continues from the hash of `key`. `Hasher` is
/// seeded per process, so it cannot make fingerprints that must survive across runs and machines.
struct FNV1a64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    init() {}

    init(continuing value: UInt64) {
        self.value = value
    }

    @inline(__always)
    mutating func add(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x0000_0100_0000_01B3
    }

    /// The eight bytes of `word` in memory order (the word as loaded little-endian).
    @inline(__always)
    mutating func add(word: UInt64) {
        var rest = word
        for _ in 0..<8 {
            add(UInt8(truncatingIfNeeded: rest))
            rest >>= 8
        }
    }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes { add(byte) }
        }
    }
}
