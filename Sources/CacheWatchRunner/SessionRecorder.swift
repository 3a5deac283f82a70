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

    public static func directory(mountRoot: String) -> String { mountRoot + "/cachewatch/sessions" }

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
        close(descriptor)
    }

    /// Appends one event; returns the failure the first time a write fails.
    @discardableResult
    public func record(_ event: Event, at now: Double) -> SafeFile.Failure? {
        let time = now - origin
        let frame: [UInt8]
        if case .output(let bytes) = event {
            frame = Recording.frame(kind: Recording.outputKind, time: time, payload: bytes)
        } else {
            guard let json = try? encoder.encode(event) else { return nil }
            frame = Recording.frame(kind: Recording.eventKind, time: time, payload: Array(json))
        }
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

/// A recording read back: its header and every frame, the output frames' bytes left in the mapped file.
public final class RecordingFile: @unchecked Sendable {
    public let header: Recording.Header
    /// Every event in order, with its time; output events are decoded on demand (`event(at:)`).
    public let count: Int
    /// True when the file ended inside a frame (a session killed mid-write).
    public let truncated: Bool
    private let data: Data
    private let kinds: [UInt8]
    private let times: [Double]
    private let ranges: [Range<Int>]
    private let decoded: [Int: Event]

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        let fd = try? SafeFile.openForReading(path)
        guard let fd else { throw Failure(description: "\(path): cannot be read (missing, or not a regular file)") }
        close(fd)
        data = try Data(contentsOf: url, options: .alwaysMapped)
        let magic = Array(Recording.magic.utf8)
        guard data.count >= magic.count, Array(data.prefix(magic.count)) == magic else {
            throw Failure(description: "\(path) is not a cachewatch recording (no \"CWREC 1\" header)")
        }
        guard let newline = data[magic.count...].firstIndex(of: 0x0A) else {
            throw Failure(description: "\(path): the recording's header is cut short")
        }
        do {
            header = try JSONDecoder().decode(Recording.Header.self, from: data[magic.count..<newline])
        } catch {
            throw Failure(description: "\(path): the recording's header cannot be read (\(error))")
        }
        let start = newline + 1
        var kinds: [UInt8] = []
        var times: [Double] = []
        var ranges: [Range<Int>] = []
        var decoded: [Int: Event] = [:]
        let decoder = JSONDecoder()
        var end = start
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let (frames, stop) = Recording.frames(in: bytes, from: start)
            end = stop
            for frame in frames {
                if frame.kind == Recording.eventKind {
                    guard let event = try? decoder.decode(Event.self, from: Data(bytes[frame.payload])) else { continue }
                    decoded[kinds.count] = event
                } else if frame.kind != Recording.outputKind {
                    continue
                }
                kinds.append(frame.kind)
                times.append(frame.time)
                ranges.append(frame.payload)
            }
        }
        truncated = end < data.count
        self.kinds = kinds
        self.times = times
        self.ranges = ranges
        self.decoded = decoded
        count = kinds.count
    }

    public func time(at index: Int) -> Double { times[index] }

    public func event(at index: Int) -> Event {
        if kinds[index] == Recording.outputKind {
            return .output(Array(data[ranges[index]]))
        }
        return decoded[index] ?? .banner("")
    }

    /// The recorded length (seconds).
    public var duration: Double { times.last ?? 0 }
}
