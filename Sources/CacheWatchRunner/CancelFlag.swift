import Synchronization

/// Asks work under way to stop: a command in progress kills its process group and throws `Cancelled`. Flags
/// form a tree: a session's flag ends everything of that session, a run's flag (a child of it) only that run's
/// pull or server start; `shutdown`, the root, ends everything in the process.
public final class CancelFlag: Sendable {
    private let flag = Mutex(false)
    private let parent: CancelFlag?

    public init(parent: CancelFlag? = CancelFlag.shutdown) {
        self.parent = parent
    }

    private init(root: Void) {
        parent = nil
    }

    public var isSet: Bool { flag.withLock { $0 } || (parent?.isSet ?? false) }

    public func set() {
        flag.withLock { $0 = true }
    }

    /// The root: set when the process ends.
    public static let shutdown = CancelFlag(root: ())
}
