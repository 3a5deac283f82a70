/// Why the disk is scanned (for the log of a recording; every scan is the same).
public enum ScanReason: String, Hashable, Codable, Sendable {
    case launch
    case buildStarted
    /// Every `RunSchedule.Periods.disk` while a build runs.
    case periodic
}
