/// The build's life cycle: running (or being stopped), then its process exits and the run finishes (sccache's final
/// numbers, the last disk scan: `Effect.finishRun`), then it is finished, its record made.
public enum BuildPhase: Hashable, Codable, Sendable {
    case idle
    case running(startedAt: Double)
    case stopping(startedAt: Double)
    /// The build's process exited at `endedAt` (its time ends there); the run's final numbers are being gathered.
    case finalizing(startedAt: Double, status: ExitStatus, endedAt: Double, stopped: Bool)
    case finished(BuildOutcome)

    public var isActive: Bool {
        switch self {
        case .running, .stopping: return true
        default: return false
        }
    }

    /// The build's process exited and its run is being finished.
    public var isFinalizing: Bool {
        if case .finalizing = self { return true }
        return false
    }
}
