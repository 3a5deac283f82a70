import Foundation

/// Writes files whole: the text goes to a new file beside the target, which is then renamed over it, so a
/// reader never sees a torn file and a crash never leaves half a report.
///
/// The target must be absent or a regular file: a directory, a device (`/dev/null`), a FIFO or a symbolic
/// link is refused, never replaced. The new file is created exclusively, unnamed where the file system
/// allows (`O_TMPFILE`, so even a `kill -9` mid-write leaves nothing behind), else under a random name with
/// `O_EXCL | O_NOFOLLOW`; it is removed whenever the write fails.
public enum AtomicFile {
    /// Why `path` cannot be written whole, or nil when it can (absent, or a regular file).
    public static func problem(with path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            return errno == ENOENT ? nil : "\(path): \(String(cString: strerror(errno)))"
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "\(path) is a directory"
        case S_IFLNK: return "\(path) is a symbolic link (it is not followed)"
        case S_IFCHR, S_IFBLK: return "\(path) is a device"
        case S_IFIFO: return "\(path) is a FIFO"
        default: return "\(path) is not a regular file"
        }
    }

    public static func write(_ text: String, to path: String, mode: mode_t = 0o644) throws(SafeFile.Failure) {
        if let problem = problem(with: path) { throw SafeFile.Failure(path, code: EINVAL, reason: problem) }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        try SafeFile.makeDirectory(directory, mode: 0o755)
        let bytes = Array(text.utf8)
        let temporary = directory + "/.\(url.lastPathComponent).\(randomSuffix()).tmp"

        let unnamed = open(directory, oTmpFile | O_WRONLY | O_CLOEXEC, mode)
        if unnamed >= 0 {
            defer { close(unnamed) }
            try SafeFile.writeAll(unnamed, bytes, path: path)
            _ = fchmod(unnamed, mode)
            // Give it a name only now that it is whole, then move it over the target.
            guard linkat(AT_FDCWD, "/proc/self/fd/\(unnamed)", AT_FDCWD, temporary, AT_SYMLINK_FOLLOW) == 0 else {
                throw SafeFile.Failure(path)
            }
        } else {
            let fd = try SafeFile.createExclusive(temporary, mode: mode)
            do {
                try SafeFile.writeAll(fd, bytes, path: path)
                close(fd)
            } catch {
                close(fd)
                unlink(temporary)
                throw error
            }
        }
        guard rename(temporary, path) == 0 else {
            let failure = SafeFile.Failure(path)
            unlink(temporary)
            throw failure
        }
    }

    /// `O_TMPFILE` (Linux; not imported into Swift): an unnamed file in the given directory.
    private static let oTmpFile: Int32 = 0o20_000_000 | O_DIRECTORY

    private static func randomSuffix() -> String {
        String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }
}
