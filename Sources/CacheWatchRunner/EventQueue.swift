import CacheWatchCore
import Foundation

/// Events from background work, handed to the run loop; a pipe wakes the loop's `poll()`.
///
/// Output is bounded: the PTY reader waits (`waitForRoom`) while more than `outputLimit` bytes are waiting for
/// the loop, so a build that writes faster than the dashboard draws is held back by the kernel's PTY buffer, as a
/// real terminal holds it back, instead of growing memory.
public final class EventQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: [Event] = []
    private var pendingOutput = 0
    /// The loop polls this descriptor; a byte arrives with every post.
    public let wakeDescriptor: Int32
    private let writeDescriptor: Int32
    /// Most bytes of output waiting for the loop before the reader waits.
    public let outputLimit: Int

    public init(outputLimit: Int = 4 << 20) {
        self.outputLimit = outputLimit
        var fds: [Int32] = [0, 0]
        pipe(&fds)
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        wakeDescriptor = fds[0]
        writeDescriptor = fds[1]
    }

    deinit {
        close(wakeDescriptor)
        close(writeDescriptor)
    }

    public func post(_ event: Event) {
        condition.lock()
        pending.append(event)
        if case .output(let bytes) = event { pendingOutput += bytes.count }
        condition.unlock()
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Waits while the output waiting for the loop is over the limit; returns early when `stop` says so (checked
    /// every 100 ms), so a reader asked to stop is never stuck here.
    public func waitForRoom(stop: () -> Bool) {
        condition.lock()
        defer { condition.unlock() }
        while pendingOutput > outputLimit && !stop() {
            _ = condition.wait(until: Date().addingTimeInterval(0.1))
        }
    }

    /// Takes up to `limit` waiting events, oldest first (the rest stay for the next call).
    public func drain(limit: Int = .max) -> [Event] {
        var scratch = [UInt8](repeating: 0, count: 256)
        while read(wakeDescriptor, &scratch, scratch.count) > 0 {}
        condition.lock()
        defer { condition.unlock() }
        let taken = Array(pending.prefix(limit))
        pending.removeFirst(taken.count)
        for event in taken {
            if case .output(let bytes) = event { pendingOutput -= bytes.count }
        }
        condition.broadcast()
        return taken
    }

    /// True when events are waiting (a drain with a limit may leave some).
    public var hasPending: Bool {
        condition.lock()
        defer { condition.unlock() }
        return !pending.isEmpty
    }

    /// Bytes of output waiting for the loop.
    public var waitingOutput: Int {
        condition.lock()
        defer { condition.unlock() }
        return pendingOutput
    }
}
