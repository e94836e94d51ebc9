/// A stable 64-bit FNV-1a hash. `Hasher` is seeded per process, so it cannot be used for
/// fingerprints that must survive across runs and machines.
public enum Fingerprint {
    public static func fnv1a64(_ text: String) -> UInt64 {
        var hasher = FNV1a64()
        hasher.add(text)
        return hasher.value
    }

    public static func hex(_ text: String) -> String {
        hex(hash: fnv1a64(text))
    }

    static func hex(hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// FNV-1a fed piece by piece: adding `a` then `b` gives the hash of `a + b`, so a fingerprint key
/// is hashed without being built, and `key + "|1"` continues from the hash of `key`.
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
