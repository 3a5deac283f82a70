import Foundation

/// Waiting on something about to happen (a child exiting) without a thread of its own: checked at once, then after
/// a short first step, twice as long each time up to a cap, so what happens within a millisecond is seen within
/// one, and a long wait costs a check every few milliseconds.
struct Backoff {
    private var step: useconds_t
    private let cap: useconds_t

    /// By default 0.5 ms, doubling up to 10 ms.
    init(first: useconds_t = 500, cap: useconds_t = 10_000) {
        step = first
        self.cap = cap
    }

    /// Sleeps one step; the next is twice as long, up to the cap.
    mutating func sleep() {
        usleep(step)
        step = min(step * 2, cap)
    }

    /// `check`'s first non-nil answer within `timeout` seconds (checked once more at the deadline).
    static func poll<T>(timeout: Double, _ check: () -> T?) -> T? {
        let deadline = MonotonicClock.now() + timeout
        var backoff = Backoff()
        while MonotonicClock.now() < deadline {
            if let answer = check() { return answer }
            backoff.sleep()
        }
        return check()
    }
}
