/// A finished build: how it ended and how long it took.
public struct BuildOutcome: Hashable, Codable, Sendable {
    public var status: ExitStatus
    public var duration: Double
    /// True when the user (or quitting) stopped it.
    public var stopped: Bool
    /// Why it never started, when it did not.
    public var failure: String?

    public init(status: ExitStatus, duration: Double, stopped: Bool, failure: String? = nil) {
        self.status = status
        self.duration = duration
        self.stopped = stopped
        self.failure = failure
    }

    public var succeeded: Bool { status == .exited(0) && !stopped && failure == nil }

    /// The same, as a run's outcome.
    public var run: RunOutcome {
        failure.map { .failedToStart($0) } ?? .ended(status, stopped: stopped)
    }
}
