import Foundation

/// The full log of one run, appended as it arrives (whole chunks, so a crash loses at most the last one).
final class LogFile: @unchecked Sendable {
    let path: String
    private let handle: FileHandle
    private let lock = NSLock()

    init(directory: String, name: String, header: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/" + name
        guard FileManager.default.createFile(atPath: path, contents: Data(header.utf8)) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    deinit {
        try? handle.close()
    }

    func append(_ bytes: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        try? handle.write(contentsOf: Data(bytes))
    }

    /// "20261124-235048" for file names, "2026-11-24 23:50:48" for headers (local time).
    static func timestamp(_ date: Date, compact: Bool) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = compact ? "yyyyMMdd-HHmmss" : "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}
