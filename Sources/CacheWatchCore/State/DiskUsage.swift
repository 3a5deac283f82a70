/// Size of one scanned directory.
public struct DirectoryUsage: Hashable, Codable, Sendable {
    /// Short name shown in the panel ("registry", "sccache", "target").
    public var name: String
    public var path: String
    public var exists: Bool
    public var bytes: Int64
    public var files: Int
    /// Files and directories not owned by the invoking user.
    public var foreignOwned: Int
    /// Directories this user may not list (e.g. root's, written by the container): what is in them is not counted.
    public var unreadable: Int
    /// Bytes free for this user on the file system that holds the directory, when known.
    public var free: Int64?

    public init(
        name: String, path: String, exists: Bool, bytes: Int64 = 0, files: Int = 0, foreignOwned: Int = 0, unreadable: Int = 0,
        free: Int64? = nil
    ) {
        self.free = free
        self.name = name
        self.path = path
        self.exists = exists
        self.bytes = bytes
        self.files = files
        self.foreignOwned = foreignOwned
        self.unreadable = unreadable
    }
}

/// One scan of the mounted cache directories.
public struct DiskUsage: Hashable, Codable, Sendable {
    public var directories: [DirectoryUsage]

    public init(directories: [DirectoryUsage]) {
        self.directories = directories
    }

    public var foreignOwned: Int { directories.reduce(0) { $0 + $1.foreignOwned } }
    public var unreadable: Int { directories.reduce(0) { $0 + $1.unreadable } }

    public func directory(named name: String) -> DirectoryUsage? {
        directories.first { $0.name == name }
    }
}
