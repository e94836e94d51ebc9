import Dispatch
import Linter
import LinterCore

/// Work started on another thread now and collected later, so a command can do two independent
/// things at once (parse standard input while the rule directories load).
final class BackgroundTask<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Written once by the worker before `done` is left; read only after waiting on `done`.
    private var value: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            self.value = work()
            self.done.leave()
        }
    }

    /// Waits for the work and returns its result.
    func result() -> Value? {
        done.wait()
        return value
    }
}
