/// Whole runs from the history, for the view that asked: one run with the one before it, or two to compare.
public enum HistoryRuns: Hashable, Codable, Sendable {
    /// One run; the last finished run before it with the same project, engine, image and command; and, by the name
    /// each compile has in this run, its unit's last compile in such an earlier run, however far back (a run that
    /// compiled nothing in between is no baseline for a compile). nil in recordings made before it was kept.
    case run(RunRecord, before: RunRecord?, lastCompiles: [String: CrateResult]? = nil)
    /// Two runs, older first.
    case diff(RunRecord, RunRecord)
    /// One run's misses and cache errors, explained.
    case why(RunRecord)
}
