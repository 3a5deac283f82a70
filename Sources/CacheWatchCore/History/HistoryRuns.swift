/// Whole runs from the history, for the view that asked: one run with the one before it, or two to compare.
public enum HistoryRuns: Hashable, Codable, Sendable {
    /// One run, and the last finished run before it with the same project, engine, image and command.
    case run(RunRecord, before: RunRecord?)
    /// Two runs, older first.
    case diff(RunRecord, RunRecord)
    /// One run's misses and cache errors, explained.
    case why(RunRecord)
}
