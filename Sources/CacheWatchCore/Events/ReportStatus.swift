/// What became of a run's JSON report (`--report`).
public enum ReportStatus: Hashable, Codable, Sendable {
    /// Written whole to this file.
    case written(String)
    /// Ready for stdout (`--report -`), printed when cachewatch exits.
    case ready
    /// Not written, and why.
    case failed(String)
}
