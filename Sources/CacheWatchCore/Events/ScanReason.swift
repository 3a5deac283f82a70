/// Why the disk is scanned (for the log of a recording; every scan is the same).
public enum ScanReason: String, Hashable, Codable, Sendable {
    case launch
    case buildStarted
    /// Every `RunSchedule.Periods.disk` while a build runs.
    case periodic

    /// A scan that stats every file. One during a build takes the files of directories it saw before as they were
    /// (sizes and owners exact again at the run's end, which the session scans in full).
    public var exact: Bool { self == .launch }
}
