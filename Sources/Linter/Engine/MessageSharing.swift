#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LinterCore

extension Violation {
    /// Makes violations with equal messages share one string. A rule repeats a message wherever
    /// the same facts hold (one sidecar in hundreds of task definitions: 67,000 findings of the
    /// 10,000-file benchmark have 6,800 distinct messages), and until the report a large
    /// project's messages were, after its trees and model, the largest thing a run held.
    static func shareMessages(_ violations: inout [Violation]) {
        guard violations.count > 1 else { return }
        var seen = Set<MessageBytes>(minimumCapacity: violations.count / 4)
        for index in violations.indices {
            let (inserted, shared) = seen.insert(MessageBytes(violations[index].message))
            if !inserted { violations[index].message = shared.text }
        }
    }
}

/// A message hashed and compared by its UTF-8 bytes. `String` hashes and compares by Unicode
/// canonical equivalence, which normalizes first: ~1,400 instructions to hash a 300-byte ASCII
/// message and ~12,000 for one with a dash in it, which would make sharing messages cost 3 % of a run.
/// Only byte-identical messages need to be shared.
private struct MessageBytes: Hashable {
    let text: String
    let digest: UInt64

    init(_ text: String) {
        self.text = text
        var bytes = text
        digest = bytes.withUTF8 { MessageBytes.digest(of: $0) }
    }

    static func == (left: MessageBytes, right: MessageBytes) -> Bool {
        guard left.digest == right.digest, left.text.utf8.count == right.text.utf8.count else { return false }
        var leftText = left.text
        var rightText = right.text
        return leftText.withUTF8 { leftBytes in
            rightText.withUTF8 { rightBytes in
                guard let leftBase = leftBytes.baseAddress, let rightBase = rightBytes.baseAddress else { return true }
                return memcmp(leftBase, rightBase, leftBytes.count) == 0
            }
        }
    }

    func hash(into hasher: inout Hasher) { hasher.combine(digest) }

    /// Eight bytes at a time, multiplied and folded; not a fingerprint, only a hash-table key
    /// (equal digests are then compared byte by byte).
    private static func digest(of bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = bytes.baseAddress else { return 0 }
        var digest = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
        var index = 0
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            digest = (digest ^ word) &* 0xBF58_476D_1CE4_E5B9
            digest ^= digest >> 29
            index += 8
        }
        while index < bytes.count {
            digest = (digest ^ UInt64(base[index])) &* 0x94D0_49BB_1331_11EB
            index += 1
        }
        return digest ^ (digest >> 32)
    }
}
