import CacheWatchCore
import Foundation
import GRDB
import GRDBSQLite

/// The history of runs: a SQLite database under the mount root (WAL mode, so readers never wait for a writer,
/// and a busy timeout, so two dashboards on one mount root take turns). A corrupt or unreadable file is set
/// aside and a new one started; a file from a newer cachewatch is only read. Used from one thread at a time
/// (the history job); other processes may use the same file at once.
public final class HistoryStore: @unchecked Sendable {
    public let path: String
    /// True when the file comes from a newer cachewatch: runs are shown, not added.
    public private(set) var readOnly = false
    /// What opening (or recovering) had to say, each once: taken by `takeNotes()`.
    var notes: [String] = []
    private var reader: any DatabaseReader
    /// nil when read-only.
    private var writer: DatabasePool?

    /// How long a write waits for another process's write before it gives up.
    public static let busyTimeout: TimeInterval = 5

    /// Opens (or creates) the history at `path`, setting aside a file that is not a usable database.
    /// Throws only when not even a new database can be made there.
    public init(path: String) throws {
        self.path = path
        if let problem = Self.notARegularFile(path) {
            try Self.setAside(path, because: problem, notes: &notes)
        }
        do {
            (reader, writer, readOnly) = try Self.connectRetrying(path, notes: &notes)
        } catch let error as DatabaseError where [.SQLITE_FULL, .SQLITE_IOERR].contains(error.resultCode.primaryResultCode) {
            // A full disk: the reserve makes room to open it (and to keep the run that just ended).
            guard Self.releaseReserve(path) else { throw error }
            notes.append("The disk under the history is full: its reserve was used to keep this run; the next may not be")
            (reader, writer, readOnly) = try Self.connectRetrying(path, notes: &notes)
            return
        }
        if !readOnly { Self.makeReserve(path) }
    }

    // MARK: - The reserve

    /// Space set aside beside the history (`history.sqlite.reserve`, 1 MiB): on a full disk, the run that just ended
    /// is kept with it instead of being lost and later read as interrupted.
    static let reserveSize = 1 << 20

    static func reservePath(_ path: String) -> String { path + ".reserve" }

    /// Makes the reserve when there is none (and the disk has room; nothing is said when it has not).
    static func makeReserve(_ path: String) {
        let reserve = reservePath(path)
        var info = stat()
        if lstat(reserve, &info) == 0 { return }
        let fd = open(reserve, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        if posix_fallocate(fd, 0, off_t(reserveSize)) != 0 { unlink(reserve) }
    }

    /// Frees the reserve for one more write; false when there was none to free.
    func releaseReserve() -> Bool { Self.releaseReserve(path) }

    static func releaseReserve(_ path: String) -> Bool {
        let reserve = reservePath(path)
        var info = stat()
        guard lstat(reserve, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        return unlink(reserve) == 0
    }

    /// Connects, waiting out another process that is creating or migrating the same file (SQLite answers busy to a
    /// journal-mode change at once, and a migration raced by another process finds its tables made); a file that
    /// cannot be used is set aside.
    private static func connectRetrying(_ path: String, notes: inout [String]) throws -> (any DatabaseReader, DatabasePool?, Bool)
    {
        let deadline = Date().addingTimeInterval(busyTimeout)
        while true {
            do {
                return try connect(path, notes: &notes)
            } catch let error where isUnusable(error) {
                try setAside(path, because: describe(error), notes: &notes)
                return try connect(path, notes: &notes)
            } catch let error as DatabaseError where Date() < deadline && isRace(error) {
                usleep(20_000)
            }
        }
    }

    /// Errors another process's work at the same moment explains: wait and try again.
    static func isRace(_ error: DatabaseError) -> Bool {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_ERROR, .SQLITE_SCHEMA: return true
        default: return false
        }
    }

    /// The history of a mount root.
    public convenience init(mountRoot: String) throws {
        try self.init(path: MountLayout.historyFile(mountRoot: mountRoot))
    }

    /// Notices for the user since the last call (a file set aside, a read-only history).
    public func takeNotes() -> [String] {
        defer { notes = [] }
        return notes
    }

    // MARK: - Opening

    private static func connect(_ path: String, notes: inout [String]) throws -> (any DatabaseReader, DatabasePool?, Bool) {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "history"
        // WAL with synchronous=NORMAL: a killed process loses nothing committed; the file is never left corrupt.
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // The -wal and -shm files stay when the last connection closes: opening the history on a full disk
            // then needs no new space (SQLite would recreate them, and fail).
            var persist: Int32 = 1
            sqlite3_file_control(db.sqliteConnection, nil, SQLITE_FCNTL_PERSIST_WAL, &persist)
        }
        if FileManager.default.fileExists(atPath: path) {
            // Look before writing anything: a file of a newer schema is opened read-only and left as it is.
            var look = configuration
            look.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: look)
            let superseded = try queue.read { db -> Bool in
                // Reading the schema proves it is a database (a damaged file fails here).
                _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
                guard try db.tableExists("grdb_migrations") else { return false }
                return try HistorySchema.migrator.hasBeenSuperseded(db)
            }
            if superseded {
                notes.append(
                    "The history at \(path) was written by a newer cachewatch: it is shown read-only and this run is not added to it"
                )
                return (queue, nil, true)
            }
            try queue.close()
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        try HistorySchema.migrator.migrate(pool)
        // A file created now is the user's alone, like the rest of cachewatch's directory.
        chmod(path, 0o600)
        return (pool, pool, false)
    }

    /// Errors that mean the file cannot be used as a history: corrupt, not a database, unreadable.
    static func isUnusable(_ error: Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH, .SQLITE_READONLY:
            return true
        default:
            return false
        }
    }

    static func describe(_ error: Error) -> String {
        guard let error = error as? DatabaseError else { return "\(error)" }
        switch error.resultCode {
        case .SQLITE_CORRUPT: return "it is corrupt"
        case .SQLITE_NOTADB: return "it is not a database"
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH, .SQLITE_READONLY: return "it cannot be read"
        default: return error.message ?? "\(error.resultCode)"
        }
    }

    private static func notARegularFile(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFLNK: return "it is a symbolic link"
        default: return "it is not a regular file"
        }
    }

    /// Renames the file (and its -wal and -shm) to `history.sqlite.corrupt-YYYYMMDD-HHMMSS` and says so.
    static func setAside(_ path: String, because reason: String, notes: inout [String]) throws {
        let stamp = Timestamp.compact(Date().timeIntervalSince1970, offset: TimeZone.current.secondsFromGMT())
        var aside = "\(path).corrupt-\(stamp)"
        var n = 1
        while access(aside, F_OK) == 0 {
            n += 1
            aside = "\(path).corrupt-\(stamp)-\(n)"
        }
        guard rename(path, aside) == 0 else {
            throw HistoryError("\(path) cannot be used (\(reason)) nor set aside: \(String(cString: strerror(errno)))")
        }
        for suffix in ["-wal", "-shm"] { _ = rename(path + suffix, aside + suffix) }
        notes.append(
            "The history could not be used (\(reason)): it was set aside as \((aside as NSString).lastPathComponent) "
                + "and a new one started")
    }

    /// Sets the file aside after `error` showed it unusable mid-session, and starts a new one.
    func recover(from error: Error) throws {
        try? reader.close()
        try Self.setAside(path, because: Self.describe(error), notes: &notes)
        (reader, writer, readOnly) = try Self.connectRetrying(path, notes: &notes)
        if !readOnly { Self.makeReserve(path) }
    }

    /// Runs `body` on the reader; an unusable file is set aside (and the read answers from the new, empty one).
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try reader.read(body)
        } catch let error where Self.isUnusable(error) {
            try recover(from: error)
            return try reader.read(body)
        }
    }

    /// Runs `body` in a write transaction; an unusable file is set aside and the write made in the new one.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        guard let writer else { throw HistoryError.readOnly }
        do {
            return try writer.write(body)
        } catch let error where Self.isUnusable(error) {
            try recover(from: error)
            guard let writer = self.writer else { throw HistoryError.readOnly }
            return try writer.write(body)
        }
    }

    var writerForMaintenance: DatabasePool? { writer }

    /// `PRAGMA integrity_check`: "ok" for a sound file.
    public func integrityCheck() throws -> String {
        try reader.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }
}

/// A history problem worth a sentence.
public struct HistoryError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }

    static let readOnly = HistoryError("the history is read-only (written by a newer cachewatch)")

    /// Whether `error` is a full disk.
    public static func isFull(_ error: Error) -> Bool {
        (error as? DatabaseError)?.resultCode == .SQLITE_FULL
    }

    /// The sentence for an error of the store: a full disk, a busy database, or what SQLite said.
    public static func describe(_ error: Error) -> String {
        if let error = error as? HistoryError { return error.description }
        guard let error = error as? DatabaseError else { return "\(error)" }
        switch error.resultCode {
        case .SQLITE_FULL: return "the disk is full"
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return "another cachewatch kept the history busy for over \(Int(HistoryStore.busyTimeout)) s"
        default: return error.message ?? "\(error.resultCode)"
        }
    }
}
