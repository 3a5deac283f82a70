import Foundation

/// Follows a growing text file (sccache's server log): each call returns the lines completed since the last.
///
/// The file is opened once, without following a link, and read through that descriptor from then on: a build
/// that replaces the file with a symbolic link or a FIFO can neither redirect nor block the dashboard.
final class LogTailer: @unchecked Sendable {
    let path: String
    private var descriptor: Int32 = -1
    private var offset: Int64 = 0
    private var partial: [UInt8] = []
    private let lock = NSLock()
    /// A line longer than this is cut (a runaway line cannot grow memory without bound).
    private let maxLine = 1 << 20

    init(path: String) {
        self.path = path
    }

    /// Follows a file already opened (and created) by the caller; the tailer closes it.
    init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    func newLines() -> [String] {
        lock.lock()
        defer { lock.unlock() }
        if descriptor < 0 {
            guard let fd = try? SafeFile.openForReading(path) else { return [] }
            descriptor = fd
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return [] }
        let size = Int64(info.st_size)
        if size < offset {  // truncated: start over
            offset = 0
            partial.removeAll()
        }
        guard size > offset, let data = try? SafeFile.readAll(descriptor, path: path, from: offset, limit: 64 << 20)
        else { return [] }
        offset += Int64(data.count)
        partial += data
        var lines: [String] = []
        var start = 0
        while let newline = partial[start...].firstIndex(of: 0x0A) {
            lines.append(String(decoding: partial[start..<newline], as: UTF8.self))
            start = newline + 1
        }
        partial.removeSubrange(0..<start)  // once, not per line
        if partial.count > maxLine { partial.removeAll() }
        return lines
    }
}
