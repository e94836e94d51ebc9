/// Mapping keys already decoded into strings, handed out again when the same bytes come back.
///
/// Documents repeat a small vocabulary of keys (`name`, `image`, `Type`, `Properties`), and a lint
/// run parses thousands of documents with the same vocabulary. Decoding a key validates its bytes
/// and copies them into a new string, ~200 instructions and, above 15 bytes, an allocation that the
/// tree later frees; a hit here costs a hash and a comparison of five words, and the tree shares
/// the string. Only keys are kept, as Jackson's symbol table does for field names: values have an
/// unbounded vocabulary, and caching them would mostly evict the keys.
///
/// The table is a direct-mapped cache of fixed size. A new key takes over its slot, so memory
/// stays bounded and one-off keys (a template's resource names) cannot lock the frequent ones out.
/// It is not thread-safe: each parsing thread uses its own, for as many files as it parses.
public final class KeyTable {
    /// Longer keys are decoded every time; they are rare, and comparing them would cost more.
    static let maximumKeyLength = 32
    private static let slotBits = 10
    private static let slotCount = 1 << slotBits

    private struct Slot {
        var words: (UInt64, UInt64, UInt64, UInt64)
        /// -1 for a slot never filled, which no key's length equals.
        var length: Int
        var text: String
    }

    private let slots: UnsafeMutablePointer<Slot>

    public init() {
        slots = UnsafeMutablePointer<Slot>.allocate(capacity: KeyTable.slotCount)
        slots.initialize(repeating: Slot(words: (0, 0, 0, 0), length: -1, text: ""), count: KeyTable.slotCount)
    }

    deinit {
        slots.deinitialize(count: KeyTable.slotCount)
        slots.deallocate()
    }

    /// The string of the `length` bytes at `start` in `buffer`, which the caller has checked to be
    /// valid UTF-8: the same string `String(decoding:as:)` gives, reused when it was made before.
    @inline(__always)
    func text(at start: Int, length: Int, in buffer: UnsafeBufferPointer<UInt8>) -> String {
        guard length <= KeyTable.maximumKeyLength, let base = buffer.baseAddress else {
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<(start + length)]), as: UTF8.self)
        }
        let words = KeyTable.words(of: base + start, length: length, readableBytes: buffer.count - start)
        var hash = words.0 &* 0x9E37_79B9_7F4A_7C15
        hash = (hash ^ words.1) &* 0xC2B2_AE3D_27D4_EB4F
        hash = (hash ^ words.2) &* 0x1656_67B1_9E37_79F9
        hash = (hash ^ words.3 ^ UInt64(length)) &* 0x9E37_79B9_7F4A_7C15
        let slot = slots + Int(truncatingIfNeeded: hash >> UInt64(64 - KeyTable.slotBits))
        if slot.pointee.length == length && slot.pointee.words == words {
            return slot.pointee.text
        }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: length), as: UTF8.self)
        slot.pointee = Slot(words: words, length: length, text: text)
        return text
    }

    /// The key's bytes as four little-endian words, zero past its end. Whole words are loaded
    /// when 32 bytes can be read from the key's start (almost always: something follows a key);
    /// near the end of the buffer the bytes are copied one by one instead.
    @inline(__always)
    private static func words(
        of key: UnsafePointer<UInt8>, length: Int, readableBytes: Int
    ) -> (UInt64, UInt64, UInt64, UInt64) {
        if readableBytes >= 32 {
            // Only the words the key reaches are loaded; most keys fit in one or two.
            let raw = UnsafeRawPointer(key)
            let first = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) & mask(keeping: length)
            guard length > 8 else { return (first, 0, 0, 0) }
            let second = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) & mask(keeping: length - 8)
            guard length > 16 else { return (first, second, 0, 0) }
            return (
                first, second,
                UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)) & mask(keeping: length - 16),
                UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)) & mask(keeping: length - 24)
            )
        }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { bytes in
            for offset in 0..<length { bytes[offset] = key[offset] }
        }
        return (UInt64(littleEndian: words.0), UInt64(littleEndian: words.1),
            UInt64(littleEndian: words.2), UInt64(littleEndian: words.3))
    }

    /// Ones in the low `bytes` bytes of a word (all of it from 8 on, none at 0 or below).
    @inline(__always)
    private static func mask(keeping bytes: Int) -> UInt64 {
        if bytes >= 8 { return ~0 }
        if bytes <= 0 { return 0 }
        return (1 << UInt64(bytes * 8)) &- 1
    }
}
