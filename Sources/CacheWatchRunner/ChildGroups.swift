import Foundation

/// Process groups of running builds, so even a crash handler can end them.
public enum ChildGroups {
    private static let capacity = 8
    nonisolated(unsafe) private static var groups = UnsafeMutablePointer<pid_t>.allocate(capacity: capacity)
    nonisolated(unsafe) private static var initialized = false
    private static let lock = NSLock()

    public static func add(_ pid: pid_t) {
        lock.lock()
        defer { lock.unlock() }
        if !initialized {
            groups.initialize(repeating: 0, count: capacity)
            initialized = true
        }
        for i in 0..<capacity where groups[i] == 0 {
            groups[i] = pid
            return
        }
    }

    public static func remove(_ pid: pid_t) {
        lock.lock()
        defer { lock.unlock() }
        guard initialized else { return }
        for i in 0..<capacity where groups[i] == pid { groups[i] = 0 }
    }

    /// Sends SIGKILL to every registered group (async-signal-safe: no locks, no allocation).
    public static func killAll() {
        guard initialized else { return }
        for i in 0..<capacity where groups[i] > 0 { kill(-groups[i], SIGKILL) }
    }
}
