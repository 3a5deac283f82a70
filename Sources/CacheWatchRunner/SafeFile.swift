import Foundation

/// File operations that never follow a symbolic link and never block on a FIFO: a build is untrusted code and
/// can plant either wherever it can write (the project, target/, the cache directories, a run directory).
public enum SafeFile {
    /// A failed system call, with the part of the message a person needs ("No space left on device").
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public let path: String
        public let code: Int32
        public let reason: String

        public init(_ path: String, code: Int32 = errno, reason: String? = nil) {
            self.path = path
            self.code = code
            self.reason = reason ?? String(cString: strerror(code))
        }

        public var description: String { "\(path): \(reason)" }
    }

    /// Opens a regular file for reading; a symbolic link, a FIFO or a device is refused.
    public static func openForReading(_ path: String) throws(Failure) -> Int32 {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            throw Failure(path, reason: errno == ELOOP ? "is a symbolic link (not followed)" : nil)
        }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw Failure(path, code: EINVAL, reason: "is not a regular file")
        }
        return fd
    }

    /// Reads a regular file whole, up to `limit` bytes (nil when it is absent).
    public static func read(_ path: String, limit: Int = 16 << 20) throws(Failure) -> [UInt8]? {
        let fd: Int32
        do {
            fd = try openForReading(path)
        } catch {
            if error.code == ENOENT { return nil }
            throw error
        }
        defer { close(fd) }
        return try readAll(fd, path: path, limit: limit)
    }

    /// Reads from `fd` at `offset` to its end, up to `limit` bytes.
    public static func readAll(_ fd: Int32, path: String, from offset: Int64 = 0, limit: Int = 16 << 20) throws(Failure)
        -> [UInt8]
    {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var position = offset
        while bytes.count < limit {
            let n = pread(fd, &buffer, min(buffer.count, limit - bytes.count), off_t(position))
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(path)
            }
            if n == 0 { break }
            bytes += buffer[0..<n]
            position += Int64(n)
        }
        return bytes
    }

    /// Creates a new file that must not exist yet (`O_EXCL`: never an existing file, never through a link).
    public static func createExclusive(_ path: String, mode: mode_t = 0o600) throws(Failure) -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw Failure(path) }
        return fd
    }

    /// Opens a regular file for appending, creating it when absent; a symbolic link, a FIFO or a device is refused.
    public static func openForAppending(_ path: String, mode: mode_t = 0o644) throws(Failure) -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, mode)
        guard fd >= 0 else { throw Failure(path) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let failure = Failure(path)
            close(fd)
            throw failure
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw Failure(path, code: EINVAL, reason: "not a regular file")
        }
        return fd
    }

    /// Appends `text` to a regular file, creating it when absent (a CI job's summary file); a symbolic link, a FIFO
    /// or a device is refused.
    public static func append(_ text: String, to path: String, mode: mode_t = 0o644) throws(Failure) {
        let fd = try openForAppending(path, mode: mode)
        defer { close(fd) }
        try writeAll(fd, Array(text.utf8), path: path)
    }

    /// Writes all of `bytes` to `fd`.
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(Failure) {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBufferPointer { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(path)
            }
            written += n
        }
    }

    /// Makes `path` a directory of this user's, creating it (and its parents) with `mode` when absent; an
    /// existing symbolic link or file there is refused.
    public static func makeDirectory(_ path: String, mode: mode_t = 0o700) throws(Failure) {
        var info = stat()
        if lstat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw Failure(path, code: ENOTDIR, reason: "is not a directory (a symbolic link or a file is there)")
            }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path && parent != "/" { try makeDirectory(parent, mode: 0o755) }
        guard mkdir(path, mode) == 0 || errno == EEXIST else { throw Failure(path) }
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw Failure(path, code: ENOTDIR, reason: "is not a directory")
        }
    }

    /// Makes `path` and its missing parents, as `mkdir -p` does (following links the user chose on the way: this is
    /// for the mount root, not what lies below it).
    public static func makePath(_ path: String, mode: mode_t = 0o755) throws(Failure) {
        var current = ""
        for part in path.split(separator: "/") {
            current += "/" + part
            var info = stat()
            if stat(current, &info) == 0 {
                guard info.st_mode & S_IFMT == S_IFDIR else { throw Failure(current, code: ENOTDIR) }
                continue
            }
            guard mkdir(current, mode) == 0 || errno == EEXIST else { throw Failure(current) }
        }
    }

    /// Makes the directories of `path` below `root` (which must exist), never through a symbolic link: a link
    /// anywhere below `root` is refused, whoever put it there.
    public static func makeDirectories(_ path: String, below root: String, mode: mode_t = 0o755) throws(Failure) {
        for current in steps(from: root, to: path) {
            var info = stat()
            if lstat(current, &info) != 0 {
                guard mkdir(current, mode) == 0 || errno == EEXIST else { throw Failure(current) }
                guard lstat(current, &info) == 0 else { throw Failure(current) }
            }
            if info.st_mode & S_IFMT == S_IFLNK {
                throw Failure(
                    current, code: ELOOP,
                    reason: "is a symbolic link (not followed): a build may have put it there to reach a directory of this "
                        + "machine; remove it (rm '\(current)') and run again")
            }
            guard info.st_mode & S_IFMT == S_IFDIR else { throw Failure(current, code: ENOTDIR, reason: "is not a directory") }
        }
    }

    /// The first part of `path` (absolute, inside `root`) that is a symbolic link, from `root` down; nil when none is
    /// (parts that do not exist yet are no link).
    public static func firstLink(in path: String, below root: String) -> String? {
        for current in steps(from: root, to: path) {
            var info = stat()
            guard lstat(current, &info) == 0 else { return nil }
            if info.st_mode & S_IFMT == S_IFLNK { return current }
        }
        return nil
    }

    /// The paths from just below `root` down to `path`, one per part (`/m`, `/m/a/b` gives `/m/a`, `/m/a/b`); none
    /// when `path` is not below `root`. The one walk every check of a path below the mount root takes.
    public static func steps(from root: String, to path: String) -> [String] {
        guard path.hasPrefix(root + "/") else { return [] }
        var current = root
        return path.dropFirst(root.count + 1).split(separator: "/").map { part in
            current += "/" + part
            return current
        }
    }

    /// Opens a directory for listing; nil when `path` is not a directory now (a symbolic link put there since it
    /// was looked at is not followed).
    public static func openDirectory(_ path: String) -> OpaquePointer? {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        guard let handle = fdopendir(fd) else {
            close(fd)
            return nil
        }
        return handle
    }

    /// Deletes a directory tree without following any symbolic link in it (a link is removed, not its target).
    public static func removeTree(_ path: String) {
        let parent = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let fd = open(parent.isEmpty ? "." : parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        removeEntry(name, in: fd, depth: 0)
    }

    private static func removeEntry(_ name: String, in directory: Int32, depth: Int) {
        if unlinkat(directory, name, 0) == 0 { return }
        guard errno == EISDIR, depth < 64 else { return }
        let fd = openat(directory, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return }
        if let handle = fdopendir(fd) {
            var names: [String] = []
            while let entry = readdir(handle) {
                let child = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
                }
                if child != "." && child != ".." { names.append(child) }
            }
            for child in names { removeEntry(child, in: fd, depth: depth + 1) }
            closedir(handle)  // closes fd
        } else {
            close(fd)
        }
        unlinkat(directory, name, AT_REMOVEDIR)
    }
}
