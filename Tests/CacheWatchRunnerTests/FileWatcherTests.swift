import CacheWatchCore
import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchRunner

@Suite("Watching a real project tree: inotify, and the polling fallback", .serialized)
struct FileWatcherTests {
    /// A project with a source file, a target/ directory, a .gitignore and a nested crate.
    private func project() throws -> String {
        let root = try TestDirectory.make("watch") + "/my project 'q'"
        for directory in ["src", "target/release", "crates/a/src", "logs"] {
            try FileManager.default.createDirectory(atPath: root + "/" + directory, withIntermediateDirectories: true)
        }
        try "fn main() {}\n".write(toFile: root + "/src/main.rs", atomically: false, encoding: .utf8)
        try "*.log\nlogs/\n".write(toFile: root + "/.gitignore", atomically: false, encoding: .utf8)
        try "pub fn a() {}\n".write(toFile: root + "/crates/a/src/lib.rs", atomically: false, encoding: .utf8)
        return root
    }

    /// A step's changes: a barrier file is written after the step, and everything reported until the barrier is
    /// seen (inotify keeps the order of one descriptor's events; polling sees both in one scan or the barrier later) is
    /// the step's, as a set without the barrier. No quiet time proves anything.
    private final class Steps: @unchecked Sendable {
        let root: String
        let changes = LockedValue<[String]>([])
        private var count = 0

        init(root: String) { self.root = root }

        func collect(timeout: Double = 30) throws -> Set<String> {
            count += 1
            let barrier = ".barrier-\(count)"
            try FileWatcherTests.write("\(count)", to: root + "/" + barrier)
            let deadline = Date().addingTimeInterval(timeout)
            while !changes.get().contains(barrier) && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            var seen: [String] = []
            changes.update {
                seen = $0
                $0 = []
            }
            #expect(seen.contains(barrier), "the barrier \(barrier) was reported within \(timeout) s")
            return Set(seen.filter { !$0.hasPrefix(".barrier-") })
        }
    }

    /// Writes with O_CLOEXEC (Foundation's write does not): a process spawned meanwhile by another suite cannot
    /// hold the file open and delay its IN_CLOSE_WRITE into a later step.
    static func write(_ text: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SafeFile.Failure(path) }
        defer { close(fd) }
        try SafeFile.writeAll(fd, Array(text.utf8), path: path)
    }

    private func write(_ text: String, to path: String) throws { try Self.write(text, to: path) }

    @Test("inotify: edits, new files in new directories, renames and deletes are seen; target/ and ignored files are not")
    func inotify() throws {
        let root = try project()
        let steps = Steps(root: root)
        let watcher = FileWatcher(root: root, changed: { paths in steps.changes.update { $0 += paths } })
        let method = watcher.start()
        #expect(method == .inotify(directories: 5), "root, src, crates, crates/a, crates/a/src: \(method)")
        defer { watcher.stop() }

        try write("fn main() { println!(); }\n", to: root + "/src/main.rs")
        #expect(try steps.collect() == ["src/main.rs"])

        // What the build writes, and what .gitignore lists, is never reported.
        try write("x", to: root + "/target/release/out")
        try write("x", to: root + "/build.log")
        try write("x", to: root + "/logs/today")
        #expect(try steps.collect().isEmpty)

        // An empty directory is no change; one made after the start is watched too (a new module, a new crate), and
        // a file written into it before its watch was added is reported all the same.
        try FileManager.default.createDirectory(atPath: root + "/src/empty", withIntermediateDirectories: true)
        #expect(try steps.collect().isEmpty)
        try FileManager.default.createDirectory(atPath: root + "/src/net/proto", withIntermediateDirectories: true)
        try write("mod x;\n", to: root + "/src/net/proto/x.rs")
        #expect(try steps.collect().contains("src/net/proto/x.rs"))

        // An editor's save: a temporary file renamed over the original; and a delete.
        try write("pub fn a() -> u8 { 1 }\n", to: root + "/crates/a/src/.lib.rs.tmp")
        #expect(rename(root + "/crates/a/src/.lib.rs.tmp", root + "/crates/a/src/lib.rs") == 0)
        try FileManager.default.removeItem(atPath: root + "/src/main.rs")
        let seen = try steps.collect()
        #expect(seen.contains("crates/a/src/lib.rs") && seen.contains("src/main.rs"), "\(seen)")

        // .gitignore read again when it changes: *.log no longer ignored.
        try write("logs/\n", to: root + "/.gitignore")
        _ = try steps.collect()
        try write("x", to: root + "/again.log")
        #expect(try steps.collect() == ["again.log"])

        // Stopped: nothing more (the barrier itself is not seen either).
        watcher.stop()
        try write("late", to: root + "/src/late.rs")
        Thread.sleep(forTimeInterval: 0.3)  // what a stopped watcher would have reported by now
        #expect(steps.changes.get().isEmpty)
    }

    @Test("A file written into a directory created a moment before is seen, whatever the timing (many times)")
    func newDirectoryRace() throws {
        let root = try project()
        let steps = Steps(root: root)
        let watcher = FileWatcher(root: root, changed: { paths in steps.changes.update { $0 += paths } })
        _ = watcher.start()
        defer { watcher.stop() }
        for n in 0..<30 {
            try FileManager.default.createDirectory(atPath: root + "/src/d\(n)/e", withIntermediateDirectories: true)
            try write("\(n)", to: root + "/src/d\(n)/e/f.rs")
            #expect(try steps.collect().contains("src/d\(n)/e/f.rs"), "round \(n)")
        }
    }

    @Test("A symbolic link to a directory is an entry, never followed into")
    func symlinks() throws {
        let root = try project()
        let outside = try TestDirectory.make("watch-outside")
        try FileManager.default.createSymbolicLink(atPath: root + "/linked", withDestinationPath: outside)
        let steps = Steps(root: root)
        let watcher = FileWatcher(root: root, changed: { paths in steps.changes.update { $0 += paths } })
        #expect(watcher.start() == .inotify(directories: 5))
        defer { watcher.stop() }
        try write("x", to: outside + "/secret.rs")
        #expect(try steps.collect().isEmpty)
    }

    @Test("Polling: the same changes, seen by comparing sizes and times each interval")
    func polling() throws {
        let root = try project()
        let steps = Steps(root: root)
        let watcher = FileWatcher(root: root, pollInterval: 0.2, changed: { paths in steps.changes.update { $0 += paths } })
        #expect(watcher.start(polling: true) == .polling(reason: "as asked"))
        defer { watcher.stop() }
        try write("fn main() { 1; }\n", to: root + "/src/main.rs")
        try write("x", to: root + "/target/release/out")
        try write("x", to: root + "/build.log")
        // The barrier may be seen in the same scan as the step or a later one: the step's own paths come no later.
        var seen = try steps.collect()
        if seen.isEmpty { seen = try steps.collect() }
        #expect(seen == ["src/main.rs"])
        try FileManager.default.createDirectory(atPath: root + "/src/new", withIntermediateDirectories: true)
        try write("x", to: root + "/src/new/m.rs")
        try FileManager.default.removeItem(atPath: root + "/crates/a/src/lib.rs")
        #expect(try steps.collect() == ["src/new/m.rs", "crates/a/src/lib.rs"])
        // One write is one report: a scan never sees it half written and then again.
        for n in 0..<10 {
            try write(String(repeating: "\(n)", count: 1000), to: root + "/src/main.rs")
            #expect(try steps.collect() == ["src/main.rs"], "round \(n)")
        }
        #expect(try steps.collect().isEmpty)
    }

    @Test("Polling a settled tree: edits in place are seen by their stamps, a .gitignore edited in place applies at once")
    func pollingSettled() throws {
        let root = try project()
        try write("", to: root + "/crates/a/.gitignore")
        try write("x", to: root + "/crates/a/notes.txt")
        // Directories untouched for an hour: a scan trusts their stamps and reads none of them again.
        var old = [timespec(tv_sec: time(nil) - 3600, tv_nsec: 0), timespec(tv_sec: time(nil) - 3600, tv_nsec: 0)]
        for directory in ["", "/src", "/target", "/target/release", "/crates", "/crates/a", "/crates/a/src", "/logs"] {
            #expect(utimensat(AT_FDCWD, root + directory, &old, 0) == 0)
        }
        let steps = Steps(root: root)
        let watcher = FileWatcher(root: root, pollInterval: 0.2, changed: { paths in steps.changes.update { $0 += paths } })
        #expect(watcher.start(polling: true) == .polling(reason: "as asked"))
        defer { watcher.stop() }
        try write("fn main() { 2; }\n", to: root + "/src/main.rs")
        #expect(try steps.collect() == ["src/main.rs"])
        try write("notes.txt\n", to: root + "/crates/a/.gitignore")
        #expect(try steps.collect() == ["crates/a/.gitignore"], "a file ignored now is not reported as gone")
        try write("y", to: root + "/crates/a/notes.txt")
        #expect(try steps.collect().isEmpty)
        try write("pub fn a() { 1 }\n", to: root + "/crates/a/src/lib.rs")
        try write("pub fn b() {}\n", to: root + "/crates/a/src/b.rs")
        #expect(try steps.collect() == ["crates/a/src/lib.rs", "crates/a/src/b.rs"])
        try FileManager.default.removeItem(atPath: root + "/crates/a/src")
        #expect(try steps.collect() == ["crates/a/src/lib.rs", "crates/a/src/b.rs"])
    }

    @Test("The mount root inside the project is not watched")
    func mountRootInside() throws {
        let root = try project()
        try FileManager.default.createDirectory(atPath: root + "/.muslrust/sccache", withIntermediateDirectories: true)
        let steps = Steps(root: root)
        let watcher = FileWatcher(
            root: root, ignoringPaths: [".muslrust"], changed: { paths in steps.changes.update { $0 += paths } })
        #expect(watcher.start() == .inotify(directories: 5))
        defer { watcher.stop() }
        try write("x", to: root + "/.muslrust/sccache/entry")
        #expect(try steps.collect().isEmpty)
    }
}
