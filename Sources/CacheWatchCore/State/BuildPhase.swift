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
