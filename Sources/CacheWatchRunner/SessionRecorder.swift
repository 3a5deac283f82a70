import CacheWatchCore
import Foundation

/// Writes a session's events to its recording (`Recording`): `<mount root>/cachewatch/sessions/<start>-<pid>-<n>.cwrec`
/// by default. Every frame is one `write`, so a session killed mid-way leaves a readable prefix. A write that
/// fails (a full disk) ends the recording, and says so once.
public final class SessionRecorder: @unchecked Sendable {
    public let path: String
    private let descriptor: Int32
    private let origin: Double
    private let encoder = JSONEncoder()
    private let lock = NSLock()
    private var failed = false
    /// Bytes written so far.
    public private(set) var size: Int64 = 0

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
    /// Past this size the build's output is no longer recorded (its events still are), and the recording says so
    /// where it stops (`--max-log-size`): a 1 GB flood does not leave a 1 GB recording.
    public var outputLimit: Int64 = .max
    private var outputDropped = false

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
        close(descriptor)
    }

    /// Appends one event; returns the failure the first time a write fails.
    @discardableResult
    public func record(_ event: Event, at now: Double) -> SafeFile.Failure? {
        let time = now - origin
        var frame: [UInt8]
        if case .output(let bytes) = event {
            lock.lock()
            let over = size + Int64(bytes.count) > outputLimit
            let first = over && !outputDropped
            if over { outputDropped = true }
            lock.unlock()
            guard !over else {
                guard first else { return nil }
                let note = Event.banner(
                    "cachewatch: the build's output is recorded no further (the recording reached --max-log-size "
                        + "\(ByteSize.format(outputLimit))); its events are")
                guard let json = try? encoder.encode(note) else { return nil }
                frame = Recording.frame(kind: Recording.eventKind, time: time, payload: Array(json))
                return write(frame)
            }
            frame = Recording.frame(kind: Recording.outputKind, time: time, payload: bytes)
        } else {
            guard let json = try? encoder.encode(event) else { return nil }
            frame = Recording.frame(kind: Recording.eventKind, time: time, payload: Array(json))
        }
        return write(frame)
    }

    private func write(_ frame: [UInt8]) -> SafeFile.Failure? {
        lock.lock()
        defer { lock.unlock() }
        guard !failed else { return nil }
        do {
            try SafeFile.writeAll(descriptor, frame, path: path)
            size += Int64(frame.count)
            return nil
        } catch {
            failed = true
            return error
        }
    }

    /// Deletes the oldest recordings until those left fit in `budget` bytes; never `keeping`, nor one of a
    /// dashboard still running.
    public static func prune(mountRoot: String, budget: Int64, keeping: String?) {
        let directory = directory(mountRoot: mountRoot)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
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
