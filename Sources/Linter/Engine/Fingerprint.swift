/// A stable 64-bit FNV-1a hash. `Hasher` is seeded per process, so it cannot be used for
/// fingerprints that must survive across runs and machines.
public enum Fingerprint {
    public static func fnv1a64(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
            return hash
        }
    }

    public static func hex(_ text: String) -> String {
        hex(hash: fnv1a64(text))
    }

    static func hex(hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
