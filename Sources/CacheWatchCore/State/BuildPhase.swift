/// A run's life cycle: prepared (from the start Core asks for until its build runs), running (or being stopped), then
/// its process exits and the run finishes (sccache's final numbers, the last disk scan: `Effect.finishRun`), then it
/// is finished, its record made.
public enum BuildPhase: Hashable, Codable, Sendable {
    case idle
    /// A start was asked for and its build does not run yet: what it waits on (`Event.working`; nil before the Runner
    /// said), and the outcome of the run before it, still shown meanwhile.
    case preparing(Preparation?, after: BuildOutcome?)
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

    /// What the next run waits on before its build runs, once the Runner said.
    public var preparation: Preparation? {
        if case .preparing(let what, _) = self { return what }
        return nil
    }

    /// A start was asked for, or the Runner says what it waits on (`what`): a phase with no run under way (idle,
    /// finished) becomes preparing, the last outcome kept; a run under way ends first.
    mutating func prepare(_ what: Preparation? = nil) {
        switch self {
        case .idle, .finished: self = .preparing(what, after: outcome)
        default: break
        }
    }

    /// How the last run ended, while no other runs: finished, or the next one being prepared.
    public var outcome: BuildOutcome? {
        switch self {
        case .finished(let outcome): return outcome
        case .preparing(_, let after): return after
        default: return nil
        }
    }
}
