/// What a user can ask the dashboard to do.
public enum Action: String, CaseIterable, Codable, Sendable {
    case rerun
    case stop
    case zeroStats
    case chown
    case quit
    /// Gives the terminal back to the shell until `fg`.
    case suspend
    case toggleHelp
    case scrollUp
    case scrollDown
    case pageUp
    case pageDown
    case scrollTop
    case scrollBottom
    case toggleFollow
    case search
    case nextMatch
    case previousMatch
    case firstError
    case nextError
    case toggleWrap
    /// Shows or hides the lines of sccache's final reports, folded in the log.
    case toggleFolds
    case toggleExplain
    case focusNext
    case cycleSort
    case toggleTimeline
    /// Opens the history view, or closes it.
    case toggleHistory
    /// History: opens the selected run.
    case openRun
    /// History: marks (or unmarks) the selected run for a comparison.
    case markRun
    /// History: compares the two marked runs.
    case diffRuns
    /// History: from a run back to the list, from the list back to the build.
    case back
    /// Why the last run's (or, in the history, the selected run's) compiles missed.
    case showWhy
    /// Watch mode on or off: re-run the build when a source file changes.
    case toggleWatch
}
