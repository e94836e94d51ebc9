/// A growable stack that parsers push collection members onto while a collection is open, then
/// move into an exactly sized array when it closes. Nested collections push above their parent's
/// members, so one stack serves a whole document; moving (not copying) avoids retain/release
/// pairs, and exact sizing avoids the repeated reallocation of growing each array by appending.
final class ScratchStack<Element> {
    private var storage: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = max(1, capacity)
        storage = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    /// The member is taken, not copied: a borrowed one would be retained here and released by
    /// the caller, one pair per member of every collection.
    @inline(__always)
    func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (storage + count).initialize(to: element)
        count += 1
    }

    private func grow() {
        let newCapacity = capacity * 2
        let newStorage = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newStorage.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }

    /// Moves the elements from `base` to the top into a new array, leaving `base` elements.
    @inline(__always)
    func pop(from base: Int) -> [Element] {
        let length = count - base
        if length <= 0 { return [] }
        // `Array(repeating:count:)` and `Array(unsafeUninitializedCapacity:)` allocate through
        // an unspecialized path of the runtime (a generic metadata lookup per array, ~400
        // instructions), and pre-filling then overwriting costs as much again. Appending a sequence
        // that moves the members in allocates through the array's specialized growth path and
        // initializes each member once, never retaining it.
        var result: [Element] = []
        result.append(contentsOf: MovedMembers(source: storage + base, count: length))
        count = base
        return result
    }
}

/// Members moved out of a scratch stack: `Array.append(contentsOf:)` sizes the array by
/// `underestimatedCount` and then asks the sequence to initialize the new storage, which this one
/// does by moving, so the array holds the members without a copy.
private struct MovedMembers<Element>: Sequence {
    let source: UnsafeMutablePointer<Element>
    let count: Int

    struct Iterator: IteratorProtocol {
        mutating func next() -> Element? { nil }
    }

    func makeIterator() -> Iterator { Iterator() }

    var underestimatedCount: Int { count }

    func _copyContents(initializing buffer: UnsafeMutableBufferPointer<Element>) -> (Iterator, Int) {
        guard let destination = buffer.baseAddress, buffer.count >= count else {
            preconditionFailure("an array reserved less room than the members it appends")
        }
        destination.moveInitialize(from: source, count: count)
        return (Iterator(), count)
    }
}
