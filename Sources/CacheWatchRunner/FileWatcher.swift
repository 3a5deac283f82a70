import CacheWatchCore
import Foundation

/// Watches a project's files for watch mode: with inotify on Linux (the kernel reports each change; the tree is
/// read once, and again only where a directory appears), else by polling the tree's sizes and times every
/// `pollInterval` seconds, when inotify cannot be had or its watch limit is reached. What `IgnoreRules` ignores is
/// neither watched nor reported; `.gitignore` files are read as they are found (and again when they change).
/// Symbolic links are never followed. Changes go to `changed` as paths relative to the root, from the watcher's
/// own queue, gathered for `settle` seconds (one save's several events are one report). Delivery is at least once:
/// a path may come again in a later report (Core's debounce makes that harmless).
public final class FileWatcher: @unchecked Sendable {
    public enum Method: Equatable, Sendable {
        case inotify(directories: Int)
        case polling(reason: String)

        public var isPolling: Bool {
            if case .polling = self { return true }
            return false
        }

        /// As the log says it.
        public var description: String {
            switch self {
            case .inotify(let directories): return "watching \(directories) directories with inotify"
            case .polling(let reason): return "polling the project's files every second (\(reason))"
            }
        }
    }

    private let root: String
    private let ignoringPaths: [String]
    private let changed: @Sendable ([String]) -> Void
    private let switched: @Sendable (Method) -> Void
    private let pollInterval: Double
    /// `start` polls unless asked otherwise (`watch-method = "poll"`).
    private let prefersPolling: Bool
    private let queue = DispatchQueue(label: "cachewatch.watch")
    private var rules: IgnoreRules
    /// Each directory's `.gitignore` text as last read (nil: none), and the decisions taken under the rules.
    private var gitignores: [String: String?] = [:]
    private var decisions: [String: Bool] = [:]
    // inotify
    private var fd: Int32 = -1
    private var source: DispatchSourceRead?
    private var directories: [Int32: String] = [:]
    // polling
    private var timer: DispatchSourceTimer?
    /// What the last scan saw, per directory (relative path).
    private var scanned: [String: DirectoryScan] = [:]
    /// Counts the changes of the ignore rules: a directory read under older rules is read again.
    private var rulesGeneration = 0
    // gathering
    private var gathered: [String] = []
    private var flushScheduled = false
    /// Seconds events are gathered before they are reported.
    private let settle = 0.03

    private struct FileStamp: Equatable {
        var size: Int64
        var modified: timespec
        var inode: UInt64

        init(_ info: stat) {
            size = Int64(info.st_size)
            modified = info.st_mtim
            inode = UInt64(info.st_ino)
        }

        /// Seconds since 1970.
        var modifiedAt: Double { Double(modified.tv_sec) + Double(modified.tv_nsec) / 1e9 }

        static func == (a: FileStamp, b: FileStamp) -> Bool {
            a.size == b.size && a.inode == b.inode && a.modified.tv_sec == b.modified.tv_sec
                && a.modified.tv_nsec == b.modified.tv_nsec
        }
    }

    /// One directory as a scan saw it: its own stamp (a name added, removed or renamed in it changes its time),
    /// its files' stamps and its subdirectories, by name.
    private struct DirectoryScan {
        var stamp: FileStamp
        var generation: Int
        /// Whether the next scan may trust an unchanged stamp: not when it changed in the last second (a change in
        /// the same clock tick as the reading leaves the time as it was), nor when a new file was left for later.
        var settled: Bool
        var files: [String: FileStamp] = [:]
        var directories: [String] = []
    }

    /// - Parameters:
    ///   - ignoringPaths: directories relative to the root that are never watched (the mount root, when inside).
    ///   - switched: told when the watcher falls back to polling after it started (a directory appeared past
    ///     the watch limit).
    public init(
        root: String, ignoringPaths: [String] = [], pollInterval: Double = 1, polling: Bool = false,
        changed: @escaping @Sendable ([String]) -> Void, switched: @escaping @Sendable (Method) -> Void = { _ in }
    ) {
        self.switched = switched
        self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
        self.ignoringPaths = ignoringPaths
        self.pollInterval = pollInterval
        prefersPolling = polling
        self.changed = changed
        rules = IgnoreRules(ignoringPaths: ignoringPaths)
    }

    deinit {
        source?.cancel()
        timer?.cancel()
    }

    /// Starts watching; says how. `polling` forces the fallback (by default as made: `watch-method = "poll"`).
    public func start(polling: Bool? = nil) -> Method {
        queue.sync {
            stopNow()
            rules = IgnoreRules(ignoringPaths: ignoringPaths)
            gitignores = [:]
            decisions = [:]
            if polling ?? prefersPolling { return startPolling(reason: "as asked") }
            let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard descriptor >= 0 else {
                return startPolling(reason: "inotify is unavailable: \(String(cString: strerror(errno)))")
            }
            fd = descriptor
            if let problem = addTree("") {
                stopNow()
                return startPolling(reason: problem)
            }
            let source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
            source.setEventHandler { [weak self] in self?.readEvents() }
            let closing = descriptor
            source.setCancelHandler { close(closing) }
            source.resume()
            self.source = source
            return .inotify(directories: directories.count)
        }
    }

    /// Stops watching (nothing is reported after it returns).
    public func stop() {
        queue.sync { stopNow() }
    }

    private func stopNow() {
        if let source {
            source.cancel()  // closes the descriptor
        } else if fd >= 0 {
            close(fd)
        }
        source = nil
        fd = -1
        directories = [:]
        timer?.cancel()
        timer = nil
        scanned = [:]
        gathered = []
    }

    private func full(_ relative: String) -> String { relative.isEmpty ? root : root + "/" + relative }

    private func join(_ directory: String, _ name: String) -> String { directory.isEmpty ? name : directory + "/" + name }

    /// Reads `directory`'s `.gitignore` (never through a symbolic link), if it has one; the rules change (and the
    /// decisions taken under them are forgotten) only when its text did.
    private func readGitignore(in directory: String) {
        let text = (try? SafeFile.read(full(join(directory, ".gitignore")), limit: 1 << 20)).flatMap { $0 }
            .map { String(decoding: $0, as: UTF8.self) }
        // `.some`: a directory without one is remembered as such (assigning nil would forget it).
        let known = gitignores[directory]
        guard known != .some(text) else { return }
        gitignores[directory] = .some(text)
        guard known != nil || text != nil else { return }  // none, as the rules assumed
        rules.add(gitignore: text ?? "", in: directory)
        decisions = [:]
        rulesGeneration += 1
    }

    /// Whether `path` is ignored, remembered per path while the rules stay the same (a scan of a large tree asks
    /// again for every file).
    private func isIgnored(_ path: String, isDirectory: Bool) -> Bool {
        let key = isDirectory ? path + "/" : path
        if let known = decisions[key] { return known }
        let ignored = rules.isIgnored(path, isDirectory: isDirectory)
        decisions[key] = ignored
        return ignored
    }

    /// Opens `directory` (relative) as a real directory, never through a link.
    private func openDirectory(_ directory: String) -> Int32? {
        let fd = open(full(directory), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        return fd >= 0 ? fd : nil
    }

    /// Calls `visit` for each entry of `directory` (relative, open as `fd`) that is not ignored, with its name, its
    /// path and its `lstat` (symbolic links are entries, never directories); reads the directory's `.gitignore` first.
    private func entries(of directory: String, in fd: Int32, _ visit: (String, String, stat) -> Void) {
        readGitignore(in: directory)
        let reading = dup(fd)
        guard reading >= 0 else { return }
        guard let handle = fdopendir(reading) else {
            close(reading)
            return
        }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var info = stat()
            guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            let path = join(directory, name)
            if isIgnored(path, isDirectory: info.st_mode & S_IFMT == S_IFDIR) { continue }
            visit(name, path, info)
        }
    }

    // MARK: inotify

    /// IN_ONLYDIR and IN_DONTFOLLOW (glibc defines them only for GNU sources): a directory, never through a link.
    private static let onlyRealDirectories: UInt32 = 0x0100_0000 | 0x0200_0000
    private static let mask =
        UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF) | onlyRealDirectories

    /// Watches `directory` and every directory below it that is not ignored; a problem (the watch limit) as text.
    /// The files found on the way go to `files` (a new directory's files may have been written before its watch).
    private func addTree(_ directory: String, files: UnsafeMutablePointer<[String]>? = nil) -> String? {
        var pending = [directory]
        while let next = pending.popLast() {
            let wd = inotify_add_watch(fd, full(next), Self.mask)
            if wd < 0 {
                let code = errno
                if code == ENOSPC {
                    return "the inotify watch limit is reached (sysctl fs.inotify.max_user_watches)"
                }
                if code == ENOENT || code == ENOTDIR || code == EACCES { continue }  // gone, or not ours to read
                return "inotify: \(String(cString: strerror(code)))"
            }
            directories[wd] = next
            guard let handle = openDirectory(next) else { continue }
            entries(of: next, in: handle) { _, path, info in
                if info.st_mode & S_IFMT == S_IFDIR {
                    pending.append(path)
                } else {
                    files?.pointee.append(path)
                }
            }
            close(handle)
        }
        return nil
    }

    private func readEvents() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var paths: [String] = []
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let (wd, mask, length) = buffer.withUnsafeBytes { raw in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)]
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                offset += header + length
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    paths.append("(many files)")
                    continue
                }
                if mask & UInt32(IN_IGNORED) != 0 {
                    directories[wd] = nil
                    continue
                }
                guard let directory = directories[wd], !name.isEmpty else { continue }
                let path = join(directory, name)
                let isDirectory = mask & UInt32(IN_ISDIR) != 0
                if isIgnored(path, isDirectory: isDirectory) { continue }
                if isDirectory, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    var found: [String] = []
                    let problem = addTree(path, files: &found)
                    paths += found
                    if let problem {
                        report(paths)  // what was read before the switch is not lost
                        switchToPolling(problem)
                        return
                    }
                }
                if name == ".gitignore" { readGitignore(in: directory) }
                // A file just created is reported when it is written and closed; a new directory holds nothing yet
                // (one moved in, or away, is a change of what it holds).
                if mask & UInt32(IN_CREATE) != 0 { continue }
                paths.append(path)
            }
        }
        report(paths)
    }

    /// The watch limit was reached on a directory that appeared: poll from now on, and say so.
    private func switchToPolling(_ reason: String) {
        stopNow()
        switched(startPolling(reason: reason))
    }

    // MARK: polling

    /// The share of one core polling may take: a scan that costs more (a tree of 100 000 files) makes the interval
    /// longer, never shorter than `pollInterval`.
    static let pollingShare = 0.05

    /// The longest wait between two scans, however large the tree: an edit is seen within this.
    static let longestInterval = 10.0

    /// Seconds until the next scan, after one that took `cost` seconds.
    public static func nextInterval(after cost: Double, base: Double) -> Double {
        min(max(base, cost / pollingShare), max(base, longestInterval))
    }

    private func startPolling(reason: String) -> Method {
        let started = MonotonicClock.now()
        _ = scan(initial: true)
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + Self.nextInterval(after: MonotonicClock.now() - started, base: pollInterval))
        timer.setEventHandler { [weak self] in self?.poll() }
        timer.resume()
        self.timer = timer
        return .polling(reason: reason)
    }

    private func poll() {
        let started = MonotonicClock.now()
        let paths = scan(initial: false)
        lastScan = MonotonicClock.now() - started
        scans += 1
        timer?.schedule(deadline: .now() + Self.nextInterval(after: lastScan, base: pollInterval))
        report(paths)
    }

    private var scans = 0
    private var lastScan = 0.0

    /// The polling scans done since the start, and the last one's cost in seconds (what sets the interval).
    public var polled: (scans: Int, lastSeconds: Double) { queue.sync { (scans, lastScan) } }

    /// Scans the tree against the last scan; returns the paths that changed. A directory whose stamp did not
    /// change (no name added, removed or renamed in it) is not read again: only its files' stamps are looked at, by
    /// name (no path built, no ignore rule asked). One that changed is read, its entries matched against the rules.
    private func scan(initial: Bool) -> [String] {
        var clock = timespec()
        clock_gettime(CLOCK_REALTIME, &clock)
        let now = Double(clock.tv_sec) + Double(clock.tv_nsec) / 1e9
        var next: [String: DirectoryScan] = [:]
        next.reserveCapacity(scanned.count)
        var changes: [String] = []
        var pending = [""]
        while let directory = pending.popLast() {
            guard let seen = scan(directory, before: scanned[directory], now: now, initial: initial, changes: &changes) else {
                continue
            }
            next[directory] = seen
            for name in seen.directories { pending.append(join(directory, name)) }
        }
        // Each directory read under the rules that apply to it: a `.gitignore` is read with its directory, before
        // anything below it (what it does not cover was not asked about it).
        for directory in next.keys { next[directory]?.generation = rulesGeneration }
        // A directory gone (or ignored now): each file it held changed.
        for (directory, before) in scanned where next[directory] == nil {
            for name in before.files.keys { changes.append(join(directory, name)) }
        }
        scanned = next
        return initial ? [] : changes.sorted()
    }

    /// One directory against how the last scan saw it (`before`, nil when new): its changed files go to `changes`.
    /// A file written in the last moment (maybe half written: opened and truncated, not yet written) is looked at
    /// again next time, so one write is one report.
    private func scan(
        _ directory: String, before: DirectoryScan?, now: Double, initial: Bool, changes: inout [String]
    ) -> DirectoryScan? {
        guard let fd = openDirectory(directory) else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        let stamp = FileStamp(info)
        if var seen = before, seen.settled, seen.stamp == stamp, seen.generation == rulesGeneration {
            var reread = false
            for (name, old) in seen.files {
                var info = stat()
                guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                    reread = true
                    break
                }
                let new = FileStamp(info)
                guard new != old else { continue }
                if name == ".gitignore" {
                    reread = true
                    break
                }
                guard now - new.modifiedAt >= 0.1 else { continue }
                seen.files[name] = new
                changes.append(join(directory, name))
            }
            if !reread { return seen }
        }
        var seen = DirectoryScan(stamp: stamp, generation: rulesGeneration, settled: now - stamp.modifiedAt >= 1)
        entries(of: directory, in: fd) { name, path, info in
            if info.st_mode & S_IFMT == S_IFDIR {
                seen.directories.append(name)
                return
            }
            let new = FileStamp(info)
            let old = before?.files[name]
            if initial || old == new {
                seen.files[name] = new
            } else if now - new.modifiedAt < 0.1 {
                // Left for the next scan: the old stamp kept, or none (the directory is then read again).
                if let old { seen.files[name] = old } else { seen.settled = false }
            } else {
                seen.files[name] = new
                changes.append(path)
            }
        }
        // Gone, unless only ignored now (a `.gitignore` that changed reports itself).
        for name in before?.files.keys ?? [:].keys where seen.files[name] == nil {
            let path = join(directory, name)
            if !isIgnored(path, isDirectory: false) { changes.append(path) }
        }
        return seen
    }

    /// Gathers `paths` for `settle` seconds, then reports each once.
    private func report(_ paths: [String]) {
        gathered += paths
        guard !gathered.isEmpty, !flushScheduled else { return }
        flushScheduled = true
        queue.asyncAfter(deadline: .now() + settle) { [weak self] in
            guard let self else { return }
            flushScheduled = false
            var seen = Set<String>()
            let unique = gathered.filter { seen.insert($0).inserted }
            gathered = []
            if !unique.isEmpty { changed(unique) }
        }
    }
}
