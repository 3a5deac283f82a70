import Synchronization

/// Asks work under way to stop: a command in progress kills its process group and throws `cancelled`. The
/// session gives each run one (a new `r` cancels the last run's pull or server start); `shutdown` cancels
/// everything at once when the dashboard ends.
public final class CancelFlag: Sendable {
    private let flag = Mutex(false)

    public init() {}

    public var isSet: Bool { flag.withLock { $0 } || (self !== Self.shutdown && Self.shutdown.isSet) }

    public func set() {
        flag.withLock { $0 = true }
    }

    /// Set when the dashboard ends: every wait gives up.
    public static let shutdown = CancelFlag()
}

/// Work that was cancelled (a new run was asked for, or the dashboard is ending).
public struct Cancelled: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "cancelled" }
}
