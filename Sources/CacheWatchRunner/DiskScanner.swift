import CacheWatchCore
import Foundation

/// Measures directories: apparent bytes of files, file count, entries not owned by a user.
///
/// What a scanner remembers between scans is each directory as it last read it: its subdirectories' names, its
/// files' names and their totals (count, bytes, not owned by the user). A directory whose inode change time is the
/// same as last time has the same entries, so a rescan skips reading it; an exact scan (at launch, a run's end,
/// after a chown) still stats every file, so sizes and owners are exact, while a scan during a build (`exact`
/// false) stats only the subdirectories of an unchanged directory and takes its files' totals as they were, and in
/// a directory that changed (a build's `deps/`) stats only the files it had not seen: a 300-crate `target/` costs
/// tens of stats instead of thousands every period, and a file rewritten in place is seen at the next exact scan. A directory is trusted only once its change time is a few seconds old, so an
/// entry added within the same clock tick as the scan is never missed. Safe to use from several queues (scans run
/// one at a time).
public final class DiskScanner: @unchecked Sendable {
    /// What one directory's non-directory entries add up to.
    private struct Totals {
        var files = 0
        var bytes: Int64 = 0
        var foreign = 0

        mutating func add(_ other: Totals) {
            files += other.files
            bytes += other.bytes
            foreign += other.foreign
        }
    }

    /// One file as it was stat'ed.
    private struct FileFact {
        var bytes: Int64
        var foreign: Bool
    }

    /// One directory as it was read: its subdirectories' names (NUL-terminated) and its files, with their totals.
    /// `settled`: it had not changed for a few seconds when read, so while its change time stays the same its
    /// names need not be read again.
    private struct Listing {
        var device: UInt64
        var inode: UInt64
        var changed: timespec
        var settled: Bool
        var owner: uid_t?
        var directories: [CChar]
        var files: [String: FileFact]
        var totals: Totals
        var generation: Int
        var size: Int
    }

    private let lock = NSLock()
    private var listings: [String: Listing] = [:]
    private var cachedBytes = 0
    private var generation = 0
    /// Most bytes of names remembered; beyond it directories are simply read again.
    private let budget: Int
    /// How long a directory must have been unchanged before it is remembered.
    private let settleSeconds: Int

    public init(budget: Int = 32 << 20, settleSeconds: Int = 3) {
        self.budget = budget
        self.settleSeconds = max(1, settleSeconds)
    }

    /// Directories whose names are trusted without reading them again (for tests).
    var rememberedDirectories: Int {
        lock.lock()
        defer { lock.unlock() }
        return listings.values.filter(\.settled).count
    }

    /// Scans each (name, path); a missing directory is reported as not existing. Entries not owned by `owner` are
    /// counted in the directories named in `countingOwnersOf` (all when nil). `exact` false: files of unchanged
    /// directories are taken as they were (see the type's notes).
    public func scan(
        _ directories: [(name: String, path: String)], owner: uid_t, countingOwnersOf owned: Set<String>? = nil,
        exact: Bool = true
    ) -> DiskUsage {
        lock.lock()
        defer { lock.unlock() }
        generation += 1
        let usage = DiskUsage(
            directories: directories.map { directory in
                let counted = owned?.contains(directory.name) ?? true
                return scanOne(name: directory.name, path: directory.path, owner: counted ? owner : nil, exact: exact)
            })
        for (path, listing) in listings where listing.generation != generation {
            cachedBytes -= listing.size
            listings[path] = nil
        }
        return usage
    }

    private func scanOne(name: String, path: String, owner: uid_t?, exact: Bool) -> DirectoryUsage {
        var usage = DirectoryUsage(name: name, path: path, exists: false)
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return usage }
        usage.exists = true
        var space = statvfs()
        if statvfs(path, &space) == 0 { usage.free = Int64(space.f_bavail) * Int64(space.f_frsize) }
        if let owner, info.st_uid != owner { usage.foreignOwned += 1 }
        let (totals, unreadable) = walk(path, info, owner: owner, exact: exact)
        usage.files = totals.files
        usage.bytes = totals.bytes
        usage.foreignOwned += totals.foreign
        usage.unreadable = unreadable
        return usage
    }

    /// The totals of every entry below `root` (not following symlinks: a subdirectory's own entry counts in its
    /// owner, not in files), and how many directories could not be read.
    private func walk(_ root: String, _ rootInfo: stat, owner: uid_t?, exact: Bool) -> (Totals, Int) {
        var all = Totals()
        var unreadable = 0
        // A directory read now is remembered only if it last changed before this.
        let settled = time(nil) - settleSeconds
        var pending = [(root, rootInfo)]
        while let (directory, info) = pending.popLast() {
            var own = Totals()
            func add(_ fact: FileFact) {
                own.files += 1
                own.bytes += fact.bytes
                if fact.foreign { own.foreign += 1 }
            }
            /// Stats one entry: a subdirectory is queued, a file added to `own` and returned; nil when it is gone.
            @discardableResult
            func entry(_ fd: Int32, _ name: UnsafePointer<CChar>) -> FileFact?? {
                var child = stat()
                guard fstatat(fd, name, &child, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
                if child.st_mode & S_IFMT == S_IFDIR {
                    if let owner, child.st_uid != owner { all.foreign += 1 }
                    pending.append((directory + "/" + String(cString: name), child))
                    return .some(nil)
                }
                let fact = FileFact(bytes: Int64(child.st_size), foreign: owner.map { child.st_uid != $0 } ?? false)
                add(fact)
                return fact
            }
            /// After a failed open: counted unless the directory was removed meanwhile (then it is simply gone).
            func notOpened() {
                if errno != ENOENT { unreadable += 1 }
            }
            func each(_ names: [CChar], _ body: (UnsafePointer<CChar>) -> Void) {
                names.withUnsafeBufferPointer { names in
                    var start = 0
                    while start < names.count {
                        let name = names.baseAddress! + start
                        body(name)
                        start += strlen(name) + 1
                    }
                }
            }
            let previous = listings[directory].flatMap { listing in
                listing.device == UInt64(info.st_dev) && listing.inode == UInt64(info.st_ino) && listing.owner == owner
                    ? listing : nil
            }
            if var listing = previous, listing.settled, listing.changed.tv_sec == info.st_ctim.tv_sec,
                listing.changed.tv_nsec == info.st_ctim.tv_nsec
            {
                // A live scan of a directory without subdirectories (most of them) opens nothing.
                if exact || !listing.directories.isEmpty {
                    let fd = open(directory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                    guard fd >= 0 else {
                        notOpened()
                        continue
                    }
                    each(listing.directories) { entry(fd, $0) }
                    if exact {
                        for name in listing.files.keys {
                            if case .some(.some(let fact)) = name.withCString({ entry(fd, $0) }) { listing.files[name] = fact }
                        }
                        listing.totals = own
                    }
                    close(fd)
                }
                if !exact { own = listing.totals }
                listing.generation = generation
                listings[directory] = listing
                all.add(own)
                continue
            }
            guard let handle = SafeFile.openDirectory(directory) else {
                notOpened()
                continue
            }
            let fd = dirfd(handle)
            let remember = cachedBytes < budget
            var directories: [CChar] = []
            var files: [String: FileFact] = [:]
            var size = 0
            while let dirent = readdir(handle) {
                let type = dirent.pointee.d_type
                withUnsafeBytes(of: &dirent.pointee.d_name) { raw in
                    let name = raw.bindMemory(to: CChar.self).baseAddress!
                    if name[0] == 0x2E && (name[1] == 0 || (name[1] == 0x2E && name[2] == 0)) { return }  // . and ..
                    let length = strlen(name)
                    // A live scan of a directory that changed (a build's deps/) stats only the files it has not
                    // seen before: the others are taken as they were.
                    let reusable = !exact && type != DT_DIR && type != DT_UNKNOWN && previous != nil
                    let key = reusable || remember ? String(cString: name) : ""
                    let fact: FileFact?
                    if reusable, let known = previous?.files[key] {
                        add(known)
                        fact = known
                    } else {
                        guard case .some(let stated) = entry(fd, name) else { return }
                        fact = stated
                    }
                    guard remember else { return }
                    if let fact {
                        files[key] = fact
                        size += length + 32
                    } else {
                        directories.append(contentsOf: UnsafeBufferPointer(start: name, count: length + 1))
                        size += length + 1
                    }
                }
            }
            closedir(handle)
            all.add(own)
            if let old = listings[directory] { cachedBytes -= old.size }
            if remember {
                let listing = Listing(
                    device: UInt64(info.st_dev), inode: UInt64(info.st_ino), changed: info.st_ctim,
                    settled: info.st_ctim.tv_sec < settled, owner: owner, directories: directories, files: files,
                    totals: own, generation: generation, size: size)
                cachedBytes += listing.size
                listings[directory] = listing
            } else {
                listings[directory] = nil
            }
        }
        return (all, unreadable)
    }
}
