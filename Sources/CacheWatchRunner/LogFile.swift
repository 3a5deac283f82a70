import Foundation

/// The full log of one run, appended as it arrives (whole chunks, so a crash loses at most the last one).
/// Created new (never an existing file, never through a link), mode 0600 in a 0700 directory. The first
/// write that fails (a full disk) is remembered: the log is then incomplete, and the dashboard says so.
final class LogFile: @unchecked Sendable {
    let path: String
    private let descriptor: Int32
    private let lock = NSLock()
    private var failure: SafeFile.Failure?

    init(directory: String, name: String, header: String) throws(SafeFile.Failure) {
        try SafeFile.makeDirectory(directory, mode: 0o700)
        path = directory + "/" + name
        descriptor = try SafeFile.createExclusive(path, mode: 0o600)
        do {
            try SafeFile.writeAll(descriptor, Array(header.utf8), path: path)
        } catch {
            close(descriptor)
            throw error
        }
    }

    deinit {
        close(descriptor)
    }

    /// Appends `bytes`; returns the failure the first time a write fails (nil otherwise, and after that).
    @discardableResult
    func append(_ bytes: [UInt8]) -> SafeFile.Failure? {
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil else { return nil }
        do {
            try SafeFile.writeAll(descriptor, bytes, path: path)
            return nil
        } catch {
            failure = error
            return error
        }
    }

    /// "20261124-235048" for file names, "2026-11-24 23:50:48" for headers (local time).
    static func timestamp(_ date: Date, compact: Bool) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = compact ? "yyyyMMdd-HHmmss" : "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}
