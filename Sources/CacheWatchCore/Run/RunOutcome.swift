/// How a run ended.
public enum RunOutcome: Hashable, Codable, Sendable {
    /// The build ran to its end (`stopped` when the user or quitting stopped it).
    case ended(ExitStatus, stopped: Bool)
    /// It never started, and why.
    case failedToStart(String)

    public var exitCode: Int32 {
        switch self {
        case .ended(let status, _): return status.code
        case .failedToStart: return 127
        }
    }

    public var succeeded: Bool { self == .ended(.exited(0), stopped: false) }

    /// "succeeded", "failed", "killed", "stopped", "failed to start": the word a summary or a history uses.
    public var word: String {
        switch self {
        case .ended(_, stopped: true): return "stopped"
        case .ended(.exited(0), _): return "succeeded"
        case .ended(.exited, _): return "failed"
        case .ended(.signaled, _): return "killed"
        case .failedToStart: return "failed to start"
        }
    }
}
