/// The disk panel: the last scan of the mounted directories and the cache size limit.
public struct DiskPanelState: Sendable {
    public var usage: DiskUsage?
    /// SCCACHE_CACHE_SIZE in bytes, for the gauge.
    public var cacheLimit: Int64?
    /// Foreign-owned count before the last chown, to show "before → after".
    public var foreignBeforeChown: Int?

    /// Whose files count as "owned": "you", or "uid 1000" with --owner.
    public var ownerName: String
    /// Directories seen in an earlier scan: one missing now was deleted, not "not created yet".
    public private(set) var seen: Set<String> = []

    /// Bytes free on the cache's file system, from the last scan.
    public var cacheFree: Int64? {
        usage?.directories.first { $0.name == "sccache" }?.free
    }

    public mutating func record(_ scan: DiskUsage) {
        usage = scan
        for directory in scan.directories where directory.exists { seen.insert(directory.path) }
    }

    public init(cacheLimit: Int64?, ownerName: String = "you") {
        self.cacheLimit = cacheLimit
        self.ownerName = ownerName
    }
}
