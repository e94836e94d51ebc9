#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the YAML tree builder takes its tokens from: a scanner of its own, or a scanner running
/// on another thread (`YAMLTokenPipe`).
protocol YAMLTokenSource {
    mutating func peekToken() throws(ParseError) -> YAMLToken
    mutating func peekKind() throws(ParseError) -> YAMLTokenKind
    @discardableResult mutating func nextToken() throws(ParseError) -> YAMLToken
    /// The text a token points at.
    func string(_ text: YAMLTokenText) -> String
    /// The bytes the tokens' slices point into.
    var buffer: UnsafeBufferPointer<UInt8> { get }
}

extension YAMLTokenSource {
    /// `string(text)` for a mapping key, shared with the keys of earlier mappings and files when
    /// it is a slice of the input (see `KeyTable`).
    @inline(__always)
    func keyString(_ text: YAMLTokenText, sharingFrom keys: KeyTable) -> String {
        guard case .slice(let start, let end) = text, start < end, end <= buffer.count else { return string(text) }
        return keys.text(at: start, length: end - start, in: buffer)
    }

    /// The first byte of a text that is a non-empty slice of the input.
    @inline(__always)
    func firstByte(of text: YAMLTokenText) -> UInt8? {
        guard case .slice(let start, let end) = text, start < end, end <= buffer.count else { return nil }
        return buffer[start]
    }
}

extension YAMLScanner: YAMLTokenSource {}

/// Tokens scanned on a second thread while this thread builds the tree, for large files: the
/// scanner does about half of parsing, and a template of several megabytes is one file, so the
/// file-level parallelism of a lint run cannot spread it.
///
/// The builder sees exactly the token sequence a scanner of its own would give it. Tokens are
/// plain values handed over in batches, with the texts the scanner decoded for them. A scanning
/// error travels in place of the token it stopped at, so it surfaces where it would have: only if
/// the builder asks for that token, after any error of its own about earlier tokens.
struct YAMLTokenPipe: YAMLTokenSource {
    /// Files at least this large are parsed with a pipe when a second thread is available.
    static let threshold = 1 << 20

    private let channel: Channel
    let buffer: UnsafeBufferPointer<UInt8>
    private var tokens: [YAMLToken] = []
    private var head = 0
    private var decodedTexts: [String] = []
    /// The scanning error that follows the received tokens, once the last batch has arrived.
    private var failure: ParseError?
    private var receivedLast = false

    /// Runs `build` with a pipe from a scanner of `buffer` started on its own thread, and waits
    /// for that thread before returning (the buffer is only valid during this call). A dedicated
    /// thread, not the dispatch pool: every pool thread may be building a tree and waiting here.
    /// Nil, without calling `build`, when no thread could be started.
    static func withPipe<Result>(
        from buffer: UnsafeBufferPointer<UInt8>, limits: ParseLimits, batchSize: Int = 4096,
        _ build: (YAMLTokenPipe) throws(ParseError) -> Result
    ) throws(ParseError) -> (Result, comments: [Comment])? {
        let channel = Channel()
        let input = SharedInput(buffer: buffer)
        let started = DedicatedThread.start(stackSize: 1 << 20) {
            var scanner = YAMLScanner(buffer: input.buffer, limits: limits)
            produce(from: &scanner, into: channel, batchSize: max(1, batchSize))
        }
        guard started else { return nil }
        let outcome: Swift.Result<Result, ParseError>
        do {
            outcome = .success(try build(YAMLTokenPipe(channel: channel, buffer: buffer)))
        } catch {
            outcome = .failure(error)
        }
        let comments = channel.stopAndWait()
        return (try outcome.get(), comments)
    }

    private init(channel: Channel, buffer: UnsafeBufferPointer<UInt8>) {
        self.channel = channel
        self.buffer = buffer
    }

    mutating func peekToken() throws(ParseError) -> YAMLToken {
        if head == tokens.count { try receive() }
        return head < tokens.count ? tokens[head] : YAMLToken(.streamEnd, start: buffer.count, end: buffer.count)
    }

    mutating func peekKind() throws(ParseError) -> YAMLTokenKind {
        if head == tokens.count { try receive() }
        return head < tokens.count ? tokens[head].kind : .streamEnd
    }

    @discardableResult
    mutating func nextToken() throws(ParseError) -> YAMLToken {
        if head == tokens.count { try receive() }
        guard head < tokens.count else { return YAMLToken(.streamEnd, start: buffer.count, end: buffer.count) }
        head += 1
        return tokens[head - 1]
    }

    func string(_ text: YAMLTokenText) -> String {
        switch text {
        case .none: return ""
        case .slice(let start, let end):
            guard start < end, end <= buffer.count else { return "" }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
        case .decoded(let position): return decodedTexts[position]
        }
    }

    /// Replaces the consumed tokens with the next batch; past the last one, rethrows the
    /// scanning error or leaves the pipe empty, which reads as the end of the stream.
    private mutating func receive() throws(ParseError) {
        if receivedLast {
            if let failure { throw failure }
            return
        }
        let batch = channel.take()
        var spent: [YAMLToken] = []
        swap(&spent, &tokens)
        channel.recycle(consume spent)
        tokens = batch.tokens
        head = 0
        decodedTexts.append(contentsOf: batch.decodedTexts)
        receivedLast = batch.isLast
        failure = batch.failure
        if tokens.isEmpty, let failure { throw failure }
    }

    private static func produce(from scanner: inout YAMLScanner, into channel: Channel, batchSize: Int) {
        var tokens: [YAMLToken] = []
        tokens.reserveCapacity(batchSize)
        var sentTexts = 0
        while true {
            var failure: ParseError?
            do {
                tokens.append(try scanner.nextToken())
            } catch {
                failure = error
            }
            let isLast = failure != nil || tokens.last?.kind == .streamEnd
            guard isLast || tokens.count == batchSize else { continue }
            let texts = Array(scanner.decodedTexts[sentTexts...])
            sentTexts = scanner.decodedTexts.count
            let batch = Batch(tokens: tokens, decodedTexts: texts, failure: failure, isLast: isLast)
            guard channel.send(batch, comments: isLast ? scanner.comments : nil), !isLast else { break }
            // The sent array is the builder's now; refill one it has finished with. A fresh
            // buffer per batch (300 KB, above malloc's mmap threshold) would cost a map, page
            // faults on every page and an unmap: 14 % of a large template's page faults.
            tokens = channel.spareBuffer() ?? []
            tokens.reserveCapacity(batchSize)
        }
        channel.finish()
    }

    private struct Batch {
        var tokens: [YAMLToken]
        var decodedTexts: [String]
        var failure: ParseError?
        var isLast: Bool
    }

    /// The input buffer, read by both threads and never written while they run.
    private struct SharedInput: @unchecked Sendable {
        let buffer: UnsafeBufferPointer<UInt8>
    }

    /// Batches in flight between the threads. At most `maxPending` wait, so a builder that falls
    /// behind does not let the scanner hold the whole file's tokens.
    private final class Channel: @unchecked Sendable {
        private static let maxPending = 16
        private let condition = ConditionLock()
        private var pending: [Batch] = []
        private var stopped = false
        private var finished = false
        private var comments: [Comment] = []
        /// Emptied token arrays the builder handed back, for the scanner to refill.
        private var spares: [[YAMLToken]] = []

        /// False when the builder no longer wants tokens.
        func send(_ batch: Batch, comments: [Comment]?) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            while pending.count >= Channel.maxPending && !stopped { condition.wait() }
            if stopped { return false }
            pending.append(batch)
            if let comments { self.comments = comments }
            condition.broadcast()
            return true
        }

        func take() -> Batch {
            condition.lock()
            defer { condition.unlock() }
            while pending.isEmpty && !finished { condition.wait() }
            if pending.isEmpty { return Batch(tokens: [], decodedTexts: [], failure: nil, isLast: true) }
            let batch = pending.removeFirst()
            condition.broadcast()
            return batch
        }

        /// Keeps the capacity of a batch the builder has read, for a later batch.
        func recycle(_ buffer: consuming [YAMLToken]) {
            guard buffer.capacity > 0 else { return }
            buffer.removeAll(keepingCapacity: true)
            condition.lock()
            if spares.count < Channel.maxPending { spares.append(buffer) }
            condition.unlock()
        }

        func spareBuffer() -> [YAMLToken]? {
            condition.lock()
            defer { condition.unlock() }
            return spares.popLast()
        }

        func finish() {
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }

        /// Tells the scanner to stop, waits until its thread is done, and returns the comments.
        func stopAndWait() -> [Comment] {
            condition.lock()
            defer { condition.unlock() }
            stopped = true
            condition.broadcast()
            while !finished { condition.wait() }
            return comments
        }
    }
}
