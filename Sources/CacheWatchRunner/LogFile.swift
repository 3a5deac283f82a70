import CacheWatchCore
import Foundation

/// The full log of one run, appended as it arrives (whole chunks, so a crash loses at most the last one).
/// Created new (never an existing file, never through a link), mode 0600 in a 0700 directory. The first
/// write that fails (a full disk) is remembered: the log is then incomplete, and the dashboard says so.
///
/// Bounded by `limit` (`--max-log-size`): past its first half, output goes to two tail files used in turn (each a
/// quarter of the limit, the older one emptied when the newer is full); when the log closes, a line saying how much
/// was dropped and the tail files, oldest first, are appended to it. A 1 GB flood leaves the start and the newest
/// end, never more than the limit. Killed mid-run, the tail files stay beside the log (`<log>.tail-1`, `-2`).
final class LogFile: @unchecked Sendable {
    let path: String
    private let descriptor: Int32
    private let lock = NSLock()
    private var failure: SafeFile.Failure?
    private let limit: Int64
    private var written: Int64 = 0
    /// The tail files, once the head is full: the one written now, and the one before it.
    private var tails: [(path: String, fd: Int32, bytes: Int64)] = []
    private var dropped: Int64 = 0

    init(directory: String, name: String, header: String, limit: Int64 = 256 << 20) throws(SafeFile.Failure) {
        try SafeFile.makeDirectory(directory, mode: 0o700)
        path = directory + "/" + name
        self.limit = max(limit, 64 << 10)
        descriptor = try SafeFile.createExclusive(path, mode: 0o600)
        do {
            try SafeFile.writeAll(descriptor, Array(header.utf8), path: path)
            written = Int64(header.utf8.count)
        } catch {
            close(descriptor)
            throw error
        }
    }

    deinit {
        finish()
        close(descriptor)
    }

    /// Appends `bytes`; returns the failure the first time a write fails (nil otherwise, and after that).
    @discardableResult
    func append(_ bytes: [UInt8]) -> SafeFile.Failure? {
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil else { return nil }
        do {
            var rest = bytes[...]
            let headRoom = limit / 2 - written
            if headRoom > 0 {
                let head = rest.prefix(Int(min(headRoom, Int64(rest.count))))
                try SafeFile.writeAll(descriptor, Array(head), path: path)
                written += Int64(head.count)
                rest = rest.dropFirst(head.count)
            }
            if !rest.isEmpty { try appendToTail(Array(rest)) }
            return nil
        } catch {
            failure = error
            return error
        }
    }

    /// Past the head: into the newer tail file, starting the other one afresh when it is full.
    private func appendToTail(_ bytes: [UInt8]) throws(SafeFile.Failure) {
        let segment = limit / 4
        if tails.isEmpty || tails[tails.count - 1].bytes >= segment {
            if tails.count == 2 {
                let old = tails.removeFirst()
                dropped += old.bytes
                close(old.fd)
                unlink(old.path)
            }
            let name = path + ".tail-\(tails.isEmpty || tails[0].path.hasSuffix("-2") ? 1 : 2)"
            unlink(name)
            let fd = open(name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw SafeFile.Failure(name) }
            tails.append((name, fd, 0))
        }
        try SafeFile.writeAll(tails[tails.count - 1].fd, bytes, path: tails[tails.count - 1].path)
        tails[tails.count - 1].bytes += Int64(bytes.count)
    }

    /// The log closes: the tail files go after a line saying what was dropped in between. The session calls it
    /// when it ends (a process may end without releasing it), and the log's release calls it again, doing nothing.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        guard !tails.isEmpty else { return }
        if dropped > 0 {
            let marker =
                "\r\n── cachewatch: \(ByteSize.format(dropped)) of output dropped here: the log keeps its first "
                + "\(ByteSize.format(limit / 2)) and its last part, within --max-log-size \(ByteSize.format(limit)) ──\r\n"
            try? SafeFile.writeAll(descriptor, Array(marker.utf8), path: path)
        }
        for tail in tails {
            var offset: Int64 = 0
            while offset < tail.bytes,
                let chunk = try? SafeFile.readAll(tail.fd, path: tail.path, from: offset, limit: 4 << 20), !chunk.isEmpty
            {
                try? SafeFile.writeAll(descriptor, chunk, path: path)
                offset += Int64(chunk.count)
            }
            close(tail.fd)
            unlink(tail.path)
        }
        tails = []
    }

    /// "20261124-235048" for file names, "2026-11-24 23:50:48" for headers (local time).
    static func timestamp(_ date: Date, compact: Bool) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = compact ? "yyyyMMdd-HHmmss" : "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}
