import Foundation

/// Waiting on something about to happen (a child exiting) without a thread of its own: checked at once, then after
/// 0.5 ms, twice as long each time up to 10 ms, so what happens within a millisecond is seen within one, and a long
/// wait costs a check every 10 ms.
enum Backoff {
    /// `check`'s first non-nil answer within `timeout` seconds (checked once more at the deadline).
    static func poll<T>(timeout: Double, _ check: () -> T?) -> T? {
        let deadline = MonotonicClock.now() + timeout
        var step: useconds_t = 500
        while MonotonicClock.now() < deadline {
            if let answer = check() { return answer }
            usleep(step)
            step = min(step * 2, 10_000)
        }
        return check()
    }
}
