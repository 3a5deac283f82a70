import CacheWatchCore
import Foundation

/// Measures directories: apparent bytes of files, file count, entries not owned by a user.
///
/// Every file is stat'ed on every scan, so sizes and owners are always exact. What a scanner
/// remembers between scans is each directory's list of names: a directory whose inode change time
/// is the same as last time has the same entries, so the rescan skips reading it. A listing is
/// trusted only once its change time is a few seconds old, so an entry added within the same
/// clock tick as the scan is never missed. Safe to use from several queues (scans run one at a time).
public final class DiskScanner: @unchecked Sendable {
    /// The names in one directory, NUL-terminated, and the directory as it was when they were read.
    private struct Listing {
        var device: UInt64
        var inode: UInt64
        var changed: timespec
        var names: [CChar]
        var generation: Int
    }

    private let lock = NSLock()
    private var listings: [String: Listing] = [:]
    private var cachedBytes = 0
    private var generation = 0
    /// Most bytes of names remembered; beyond it directories are simply read again.
    private let budget: Int
    /// How long a directory must have been unchanged before its names are remembered.
    private let settleSeconds: Int

    public init(budget: Int = 32 << 20, settleSeconds: Int = 3) {
        self.budget = budget
        self.settleSeconds = max(1, settleSeconds)
    }

    /// Directories whose names are remembered (for tests).
    var rememberedDirectories: Int {
        lock.lock()
        defer { lock.unlock() }
        return listings.count
    }

    /// Scans each (name, path); a missing directory is reported as not existing. Entries not owned by `owner` are
    /// counted in the directories named in `countingOwnersOf` (all when nil).
    public func scan(
        _ directories: [(name: String, path: String)], owner: uid_t, countingOwnersOf owned: Set<String>? = nil
    ) -> DiskUsage {
        lock.lock()
        defer { lock.unlock() }
        generation += 1
        let usage = DiskUsage(
            directories: directories.map { directory in
                let counted = owned?.contains(directory.name) ?? true
                return scanOne(name: directory.name, path: directory.path, owner: counted ? owner : nil)
            })
        for (path, listing) in listings where listing.generation != generation {
            cachedBytes -= listing.names.count
            listings[path] = nil
        }
        return usage
    }

    private func scanOne(name: String, path: String, owner: uid_t?) -> DirectoryUsage {
        var usage = DirectoryUsage(name: name, path: path, exists: false)
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return usage }
        usage.exists = true
        var space = statvfs()
        if statvfs(path, &space) == 0 { usage.free = Int64(space.f_bavail) * Int64(space.f_frsize) }
        if let owner, info.st_uid != owner { usage.foreignOwned += 1 }
        usage.unreadable = walk(path, info) { entryInfo in
            if let owner, entryInfo.st_uid != owner { usage.foreignOwned += 1 }
            if entryInfo.st_mode & S_IFMT != S_IFDIR {
                usage.files += 1
                usage.bytes += Int64(entryInfo.st_size)
            }
        }
        return usage
    }

    /// Calls `visit` with the lstat of every entry below `root` (not following symlinks); returns how many
    /// directories could not be read.
    private func walk(_ root: String, _ rootInfo: stat, _ visit: (stat) -> Void) -> Int {
        var unreadable = 0
        // A listing read now is remembered only if the directory last changed before this.
        let settled = time(nil) - settleSeconds
        var pending = [(root, rootInfo)]
        while let (directory, info) = pending.popLast() {
            func entry(_ fd: Int32, _ name: UnsafePointer<CChar>) {
                var child = stat()
                guard fstatat(fd, name, &child, AT_SYMLINK_NOFOLLOW) == 0 else { return }
                visit(child)
                if child.st_mode & S_IFMT == S_IFDIR { pending.append((directory + "/" + String(cString: name), child)) }
            }
            /// After a failed open: counted unless the directory was removed meanwhile (then it is simply gone).
            func notOpened() {
                if errno != ENOENT { unreadable += 1 }
            }
            if var listing = listings[directory], listing.device == UInt64(info.st_dev), listing.inode == UInt64(info.st_ino),
                listing.changed.tv_sec == info.st_ctim.tv_sec, listing.changed.tv_nsec == info.st_ctim.tv_nsec
            {
                let fd = open(directory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard fd >= 0 else {
                    notOpened()
                    continue
                }
                listing.names.withUnsafeBufferPointer { names in
                    var start = 0
                    while start < names.count {
                        let name = names.baseAddress! + start
                        entry(fd, name)
                        start += strlen(name) + 1
                    }
                }
                close(fd)
                listing.generation = generation
                listings[directory] = listing
                continue
            }
            guard let handle = SafeFile.openDirectory(directory) else {
                notOpened()
                continue
            }
            let fd = dirfd(handle)
            let remember = info.st_ctim.tv_sec < settled && cachedBytes < budget
            var names: [CChar] = []
            while let dirent = readdir(handle) {
                withUnsafeBytes(of: &dirent.pointee.d_name) { raw in
                    let name = raw.bindMemory(to: CChar.self).baseAddress!
                    if name[0] == 0x2E && (name[1] == 0 || (name[1] == 0x2E && name[2] == 0)) { return }  // . and ..
                    if remember { names.append(contentsOf: UnsafeBufferPointer(start: name, count: strlen(name) + 1)) }
                    entry(fd, name)
                }
            }
            closedir(handle)
            if let old = listings[directory] { cachedBytes -= old.names.count }
            if remember {
                cachedBytes += names.count
                listings[directory] = Listing(
                    device: UInt64(info.st_dev), inode: UInt64(info.st_ino), changed: info.st_ctim, names: names,
                    generation: generation)
            } else {
                listings[directory] = nil
            }
        }
        return unreadable
    }
}
