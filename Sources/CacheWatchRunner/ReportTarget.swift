/// Where the JSON report goes.
public enum ReportTarget: Hashable, Sendable {
    case file(String)
    /// `--report -`: printed to stdout when cachewatch exits (headless: the log then goes to stderr).
    case standardOutput
}
