import Dispatch

/// Maps over an array on several threads, keeping input order so output never depends on
/// scheduling.
public enum ParallelMap {
    /// Results are written into distinct slots of one buffer; each index is written by exactly
    /// one worker, so no two threads touch the same element.
    @usableFromInline
    struct Slots<T>: @unchecked Sendable {
        @usableFromInline let base: UnsafeMutablePointer<T>

        @inlinable init(base: UnsafeMutablePointer<T>) { self.base = base }
    }

    /// `0..<count` cut into consecutive ranges of `size` (the last may be shorter), for work
    /// mapped a chunk at a time and joined in order.
    @inlinable
    public static func chunks(of count: Int, size: Int) -> [Range<Int>] {
        let size = max(1, size)
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    // Inlinable, so that callers in other modules get it specialized for their types.
    @inlinable
    public static func map<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], workers: Int, _ transform: @Sendable (Input) -> Output
    ) -> [Output] {
        map(inputs, workers: workers, context: {}) { input, _ in transform(input) }
    }

    /// `map` where the inputs one thread takes in a row share a `Context` made on that thread by
    /// `makeContext`: state worth keeping from one input to the next that must not be shared
    /// between threads, such as a parser's `KeyTable`.
    @inlinable
    public static func map<Input: Sendable, Output: Sendable, Context>(
        _ inputs: [Input], workers: Int, context makeContext: @Sendable () -> Context,
        _ transform: @Sendable (Input, Context) -> Output
    ) -> [Output] {
        guard workers > 1, inputs.count > 1 else {
            let context = makeContext()
            return inputs.map { transform($0, context) }
        }
        // Many inputs are cut into runs of neighbours: neighbours tend to share objects (one
        // file's findings share its source), and two cores retaining the same object take turns
        // owning its cache line. A few inputs (the rules) are taken one at a time as threads free
        // up, so that the costly ones spread over the threads.
        let ranges = chunks(of: inputs.count, size: inputs.count <= 128 ? 1 : (inputs.count + workers * 8 - 1) / (workers * 8))
        // Results are written straight into the returned array's storage: a buffer of optionals
        // turned into an array afterwards held the results twice (the findings of a large project,
        // at its peak of memory).
        return [Output](unsafeUninitializedCapacity: inputs.count) { buffer, initializedCount in
            guard let base = buffer.baseAddress else { return }
            let slots = Slots(base: base)
            DispatchQueue.concurrentPerform(iterations: ranges.count) { chunk in
                let context = makeContext()
                for index in ranges[chunk] { (slots.base + index).initialize(to: transform(inputs[index], context)) }
            }
            initializedCount = inputs.count
        }
    }
}
