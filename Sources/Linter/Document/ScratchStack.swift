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
    func pop(from base: Int) -> [Element] {
        let length = count - base
        if length <= 0 { return [] }
        let source = storage + base
        let result = [Element](unsafeUninitializedCapacity: length) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: source, count: length)
            initialized = length
        }
        count = base
        return result
    }
}
