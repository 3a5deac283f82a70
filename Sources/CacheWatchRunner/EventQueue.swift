import CacheWatchCore
import Foundation
import Synchronization

/// Events from background work, handed to the run loop; a pipe wakes the loop's `poll()`.
public final class EventQueue: Sendable {
    private let pending = Mutex<[Event]>([])
    /// The loop polls this descriptor; a byte arrives with every post.
    public let wakeDescriptor: Int32
    private let writeDescriptor: Int32

    public init() {
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
        pending.withLock { $0.append(event) }
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Takes up to `limit` waiting events, oldest first (the rest stay for the next call).
    public func drain(limit: Int = .max) -> [Event] {
        var scratch = [UInt8](repeating: 0, count: 256)
        while read(wakeDescriptor, &scratch, scratch.count) > 0 {}
        return pending.withLock { events in
            let taken = Array(events.prefix(limit))
            events.removeFirst(taken.count)
            return taken
        }
    }

    /// True when events are waiting (a drain with a limit may leave some).
    public var hasPending: Bool {
        pending.withLock { !$0.isEmpty }
    }
}
