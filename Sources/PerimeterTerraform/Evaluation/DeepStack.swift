#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs parsing and evaluation on a thread whose stack is sized for the documented depth limits
/// (`Parser.maximumDepth`, `EvaluationLimits.maximumEvaluationDepth`), whatever thread the caller is on:
/// Swift concurrency's worker threads have 512 KiB stacks on macOS and the main thread 8 MiB, and a
/// debug build's frames are large. Only the pages a deep input touches become memory; the rest is
/// address space. The caller waits, so evaluation stays single-threaded.
enum DeepStack {
    /// Measured in a debug build at the 2,000-level limit: a chain of locals touches about 70 MiB of stack,
    /// a chain of 2,000 module calls between 80 and 120 MiB (it overflows 80 MiB); 512 MiB leaves four times that.
    static let size = 512 << 20

    static func run<T>(_ body: () -> T) -> T {
        withoutActuallyEscaping(body) { body in
            let job = Job<T>(body)
            guard start(job) else { return body() }
            return job.result!
        }
    }

    private final class Job<T>: @unchecked Sendable {
        let body: () -> T
        var result: T?
        init(_ body: @escaping () -> T) { self.body = body }
        func run() { result = body() }
    }

    /// Starts `job` on a new thread and waits for it; false if no such thread could be made.
    private static func start<T>(_ job: Job<T>) -> Bool {
        var attributes = pthread_attr_t()
        guard pthread_attr_init(&attributes) == 0 else { return false }
        defer { pthread_attr_destroy(&attributes) }
        guard pthread_attr_setstacksize(&attributes, size) == 0 else { return false }
        let context = Unmanaged.passRetained(Box(job.run)).toOpaque()
        #if canImport(Darwin)
            var thread: pthread_t?
        #else
            var thread = pthread_t()
        #endif
        let created = pthread_create(
            &thread, &attributes,
            { context in
                #if canImport(Darwin)
                    let box = Unmanaged<Box>.fromOpaque(context).takeRetainedValue()
                #else
                    let box = Unmanaged<Box>.fromOpaque(context!).takeRetainedValue()
                #endif
                box.body()
                return nil
            }, context)
        guard created == 0 else {
            Unmanaged<Box>.fromOpaque(context).release()
            return false
        }
        #if canImport(Darwin)
            pthread_join(thread!, nil)
        #else
            pthread_join(thread, nil)
        #endif
        return true
    }

    private final class Box: @unchecked Sendable {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }
}
