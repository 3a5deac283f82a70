import CacheWatchCore
import Foundation

/// Writes a session's events to its recording (`Recording`): `<mount root>/cachewatch/sessions/<start>-<pid>-<n>.cwrec`
/// by default. Every frame is one `write`, so a session killed mid-way leaves a readable prefix. A write that
/// fails (a full disk) ends the recording, and says so once.
///
/// Bounded by `limit` (`--max-log-size`), as the run's log is: past its first half, frames go to two tail files used
/// in turn (each an eighth of the limit, the older one dropped when the newer is full). What a dropped tail held
/// besides output and ticks (stats, phases, notices: what the dashboard showed) is kept, after a note marking the
/// place, up to another eighth; when the recording finishes, the tail files follow, oldest first. A 1 GB flood leaves
/// a recording of its start and its newest end that replays to the same final screen. Killed mid-run, the tail files
/// stay beside the recording (`<recording>.tail-1`, `-2`).
public final class SessionRecorder: @unchecked Sendable {
    public let path: String
    private let descriptor: Int32
    private let origin: Double
    private let encoder = JSONEncoder()
    private let lock = NSLock()
    private var failed = false
    /// Bytes written so far (the recording and its tail files).
    public private(set) var size: Int64 = 0
    /// At most this many bytes in all (`--max-log-size`).
    public var limit: Int64 = .max
    /// The tail files, once the first half is full: the one written now, and the one before it; each with its first
    /// frame's time and the frames it holds that outlive it.
    private var tails: [Tail] = []
    /// Bytes of dropped tails' events kept in the recording.
    private var carried: Int64 = 0
    private var marked = false

    private struct Tail {
        var path: String
        var fd: Int32
        var bytes: Int64 = 0
        var firstTime: Double
        var kept: [[UInt8]] = []
    }

    public static func directory(mountRoot: String) -> String { MountLayout.ownDirectory(mountRoot: mountRoot) + "/sessions" }

    /// A new file in the sessions directory of `mountRoot`, named by the start time and this process.
    public static func defaultPath(mountRoot: String) -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let stamp =
            "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))-\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))"
        let suffix = String(UInt32.random(in: 0...UInt32.max) % 1_679_616, radix: 36)
        return directory(mountRoot: mountRoot) + "/\(stamp)-\(getpid())-\(suffix).cwrec"
    }

    /// Creates the recording (never over an existing file or through a link) and writes its header.
    public init(path: String, header: Recording.Header) throws(SafeFile.Failure) {
        self.path = path
        origin = header.clockOrigin
        try SafeFile.makeDirectory((path as NSString).deletingLastPathComponent, mode: 0o700)
        descriptor = try SafeFile.createExclusive(path, mode: 0o600)
        encoder.outputFormatting = [.sortedKeys]
        var head = Array(Recording.magic.utf8)
        head += (try? encoder.encode(header)).map { Array($0) } ?? Array("{}".utf8)
        head.append(0x0A)
        do {
            try SafeFile.writeAll(descriptor, head, path: path)
        } catch {
            close(descriptor)
            throw error
        }
        size = Int64(head.count)
    }

    deinit {
        finish()
        close(descriptor)
    }

    /// Appends one event; returns the failure the first time a write fails.
    @discardableResult
    public func record(_ event: Event, at now: Double) -> SafeFile.Failure? {
        let time = now - origin
        let frame: [UInt8]
        var outlives = true
        switch event {
        case .output(let bytes):
            frame = Recording.frame(kind: Recording.outputKind, time: time, payload: bytes)
            outlives = false
        case .serverLog(let lines):
            // Thousands of lines in a big build: as text, not through JSONEncoder.
            if let payload = Recording.serverLogPayload(lines) {
                frame = Recording.frame(kind: Recording.serverLogKind, time: time, payload: payload)
            } else {
                guard let json = try? encoder.encode(event) else { return nil }
                frame = Recording.frame(kind: Recording.eventKind, time: time, payload: Array(json))
            }
        default:
            guard let json = try? encoder.encode(event) else { return nil }
            frame = Recording.frame(kind: Recording.eventKind, time: time, payload: Array(json))
            if case .tick = event { outlives = false }
        }
        lock.lock()
        defer { lock.unlock() }
        guard !failed else { return nil }
        do {
            if tails.isEmpty && size + Int64(frame.count) <= limit / 2 {
                try SafeFile.writeAll(descriptor, frame, path: path)
            } else {
                try appendToTail(frame, time: time, outlives: outlives)
            }
            size += Int64(frame.count)
            return nil
        } catch {
            failed = true
            return error
        }
    }

    /// Past the first half: into the newer tail file, dropping the older one when the newer is full.
    private func appendToTail(_ frame: [UInt8], time: Double, outlives: Bool) throws(SafeFile.Failure) {
        if tails.isEmpty || tails[tails.count - 1].bytes >= limit / 8 {
            if tails.count == 2 { try drop(tails.removeFirst()) }
            let name = path + ".tail-\(tails.isEmpty || tails[0].path.hasSuffix("-2") ? 1 : 2)"
            unlink(name)
            let fd = open(name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw SafeFile.Failure(name) }
            tails.append(Tail(path: name, fd: fd, firstTime: time))
        }
        try SafeFile.writeAll(tails[tails.count - 1].fd, frame, path: tails[tails.count - 1].path)
        tails[tails.count - 1].bytes += Int64(frame.count)
        if outlives { tails[tails.count - 1].kept.append(frame) }
    }

    /// A tail file goes: the first time, a note marks the place; the events it held that outlive it stay, while
    /// they fit in their share.
    private func drop(_ tail: Tail) throws(SafeFile.Failure) {
        close(tail.fd)
        unlink(tail.path)
        size -= tail.bytes
        if !marked, let json = try? encoder.encode(Event.banner(Self.droppedNote(limit: limit))) {
            let note = Recording.frame(kind: Recording.eventKind, time: tail.firstTime, payload: Array(json))
            try SafeFile.writeAll(descriptor, note, path: path)
            size += Int64(note.count)
            marked = true
        }
        for frame in tail.kept where carried + Int64(frame.count) <= limit / 8 {
            try SafeFile.writeAll(descriptor, frame, path: path)
            carried += Int64(frame.count)
            size += Int64(frame.count)
        }
    }

    static func droppedNote(limit: Int64) -> String {
        "cachewatch: the build's output is dropped here up to its newest part (the recording keeps its first "
            + "\(ByteSize.format(limit / 2)) and its newest end, within --max-log-size \(ByteSize.format(limit)))"
    }

    /// The recording ends: the tail files follow, oldest first. Called when the session ends (and on deinit).
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        for tail in tails {
            var offset: Int64 = 0
            while !failed, offset < tail.bytes,
                let chunk = try? SafeFile.readAll(tail.fd, path: tail.path, from: offset, limit: 4 << 20), !chunk.isEmpty
            {
                if (try? SafeFile.writeAll(descriptor, chunk, path: path)) == nil { failed = true }
                offset += Int64(chunk.count)
            }
            close(tail.fd)
            unlink(tail.path)
        }
        tails = []
    }

    /// Deletes the oldest recordings until those left fit in `budget` bytes; never `keeping`, nor one of a
    /// dashboard still running.
    public static func prune(mountRoot: String, budget: Int64, keeping: String?) {
        let directory = directory(mountRoot: mountRoot)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        // Tail files a killed session left (its recording reads up to where they began).
        for name in names where name.contains(".cwrec.tail-") && !isInUse(name) { unlink(directory + "/" + name) }
        var total: Int64 = 0
        for name in names.filter({ $0.hasSuffix(".cwrec") }).sorted(by: >) {
            let path = directory + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            total += Int64(info.st_size)
            guard total > budget, path != keeping, !isInUse(name) else { continue }
            unlink(path)
            total -= Int64(info.st_size)
        }
    }

    /// "20261129-081500-4242-ab12.cwrec": the pid is the third field.
    private static func isInUse(_ name: String) -> Bool {
        let parts = name.split(separator: "-")
        guard parts.count >= 4, let pid = pid_t(parts[2]), pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
