import Foundation

/// A hard deadline for one network call: the caller gets its answer or `Deadline.Exceeded` when the time
/// is up, whether or not the call notices its cancellation at once. A task group would wait for the
/// cancelled call to wind down; under load that took seconds past the deadline.
public enum Deadline {
    public struct Exceeded: Error, Sendable {
        public let seconds: Double
    }

    public static func run<T: Sendable>(seconds: Double, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let worker = Task { try await work() }
        let gate = Gate()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
                let timer = Task {
                    try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
                    guard !Task.isCancelled, gate.open() else { return }
                    worker.cancel()
                    continuation.resume(throwing: Exceeded(seconds: seconds))
                }
                Task {
                    let result = await worker.result
                    guard gate.open() else { return }
                    timer.cancel()
                    continuation.resume(with: result)
                }
            }
        } onCancel: {
            worker.cancel()
        }
    }

    /// Lets exactly one of the racers resume the continuation.
    private final class Gate: @unchecked Sendable {
        private let lock = NSLock()
        private var opened = false

        func open() -> Bool {
            lock.lock()
            defer { lock.unlock() }
            if opened { return false }
            opened = true
            return true
        }
    }
}
