/// How a child process ended.
public enum ExitStatus: Hashable, Codable, Sendable {
    case exited(Int32)
    case signaled(Int32)

    /// The status a shell would report: the exit code, or 128 + the signal.
    public var code: Int32 {
        switch self {
        case .exited(let code): return code
        case .signaled(let signal): return 128 + signal
        }
    }
}

/// The build's life cycle, as the status bar shows it.
public enum BuildPhase: Hashable, Codable, Sendable {
    case idle
    case running(startedAt: Double)
    case stopping(startedAt: Double)
    case finished(BuildOutcome)

    public var isActive: Bool {
        switch self {
        case .running, .stopping: return true
        default: return false
        }
    }
}

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
