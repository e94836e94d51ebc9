import Dispatch
import Linter
import LinterCore

/// Lets the last reference to a large value go on a background queue.
///
/// Freeing the trees and model of a 10,000-file project node by node takes longer than sorting
/// and reporting its findings. A command-line run exits right after reporting, so the main thread
/// hands its results here and returns; the process ends without waiting for the memory to be
/// given back piece by piece. In a long-lived process (the language server, tests) the value is
/// still freed, just off the caller's thread.
enum BackgroundRelease {
    static func release<Value: Sendable>(_ value: Value) {
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(value) {} }
    }
}
