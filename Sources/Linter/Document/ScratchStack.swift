/// A growable stack that parsers push collection members onto while a collection is open, then
/// move into an exactly sized array when it closes. Nested collections push above their parent's
/// members, so one stack serves a whole document; moving (not copying) avoids retain/release
/// pairs, and exact sizing avoids the repeated reallocation of growing each array by appending.
final class ScratchStack<Element> {
    private var storage: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0
    /// A value without references, used to pre-fill result arrays before members are moved in.
    private let placeholder: Element

    init(placeholder: Element, capacity: Int = 64) {
        self.placeholder = placeholder
        self.capacity = max(1, capacity)
        storage = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    @inline(__always)
    func push(_ element: Element) {
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
        let source = storage + base
        // `Array(unsafeUninitializedCapacity:)` allocates through an unspecialized runtime path
        // (a generic metadata lookup per array); filling with a trivial placeholder and then
        // move-assigning over it stays specialized and still never retains a member.
        var result = [Element](repeating: placeholder, count: length)
        result.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.moveUpdate(from: source, count: length)
        }
        count = base
        return result
    }
}
