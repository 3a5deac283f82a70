/// The settings in groups, as the flags' help shows them and as commands take them: `doctor` takes only the build's.
public enum SettingGroup: String, CaseIterable, Sendable {
    /// Where and how the build runs, and the caches it uses.
    case build
    /// What runs follow one another: fresh, compare, watch.
    case runs
    /// What a run leaves: the report, the trace, the summary, the recording, the log's size.
    case outputs
    /// The dashboard's own: scrollback, the bell, colours.
    case dashboard

    /// The help's section title.
    public var title: String {
        switch self {
        case .build: return "Build"
        case .runs: return "Runs"
        case .outputs: return "Outputs"
        case .dashboard: return "Dashboard"
        }
    }
}
