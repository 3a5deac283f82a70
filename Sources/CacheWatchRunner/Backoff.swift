import CPty
import Foundation

/// Waiting on something about to happen (a child exiting) without a thread of its own: checked at once, then after
/// a short first step, twice as long each time up to a cap, so what happens within a millisecond is seen within
/// one, and a long wait costs a check every few milliseconds.
struct Backoff {
    private var step: useconds_t
    private let cap: useconds_t
    /// Steps left before they start to grow.
    private var steady: Int

    /// By default 0.5 ms, doubling up to 10 ms; with `growAfter`, that many steps of `first` before they grow.
    init(first: useconds_t = 500, cap: useconds_t = 10_000, growAfter: Int = 0) {
        step = first
        self.cap = cap
        steady = growAfter
    }

    /// Sleeps one step; the next is twice as long (once the steady steps are over), up to the cap.
    mutating func sleep() {
        usleep(step)
        if steady > 0 {
            steady -= 1
        } else {
            step = min(step * 2, cap)
        }
    }

    /// `check`'s first non-nil answer within `timeout` seconds (checked once more at the deadline), checked as often
    /// as `backoff` says.
    static func poll<T>(timeout: Double, backoff: Backoff = Backoff(), _ check: () -> T?) -> T? {
        let deadline = MonotonicClock.now() + timeout
        var backoff = backoff
        while MonotonicClock.now() < deadline {
            if let answer = check() { return answer }
            backoff.sleep()
        }
        return check()
    }
}

extension Backoff {
    /// `reap`'s first non-nil answer within `timeout` seconds, for a child of this process that `reap` waits for
    /// (`waitpid` with `WNOHANG`): the kernel wakes the wait the moment `pid` exits (a pidfd), so its end is seen at
    /// once; by `poll` where there is no pidfd.
    static func waitForExit<T>(of pid: pid_t, timeout: Double, _ reap: () -> T?) -> T? {
        if let answer = reap() { return answer }
        let fd = cw_pidfd_open(pid)
        guard fd >= 0 else { return poll(timeout: timeout, reap) }
        defer { close(fd) }
        let deadline = MonotonicClock.now() + timeout
        while true {
            let left = deadline - MonotonicClock.now()
            guard left > 0 else { return reap() }
            var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            _ = Foundation.poll(&waiting, 1, Int32(min(left * 1000 + 1, 60_000)))
            if let answer = reap() { return answer }
        }
    }
}
