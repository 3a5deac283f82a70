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

    /// Everything reported until `seconds` pass with nothing new (at least `minimum` seconds).
    private func collect(_ changes: LockedValue<[String]>, quiet seconds: Double = 0.6, minimum: Double = 0) -> [String] {
        let start = Date()
        var last = changes.get().count
        var quietSince = Date()
        while Date().timeIntervalSince(quietSince) < seconds || Date().timeIntervalSince(start) < minimum {
            Thread.sleep(forTimeInterval: 0.05)
            let now = changes.get().count
            if now != last {
                last = now
                quietSince = Date()
            }
        }
        defer { changes.set([]) }
        return changes.get()
    }

    private func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    @Test("inotify: edits, new files in new directories, renames and deletes are seen; target/ and ignored files are not")
    func inotify() throws {
        let root = try project()
        let changes = LockedValue<[String]>([])
        let watcher = FileWatcher(root: root, changed: { paths in changes.update { $0 += paths } })
        let method = watcher.start()
        #expect(method == .inotify(directories: 5), "root, src, crates, crates/a, crates/a/src: \(method)")
        defer { watcher.stop() }

        try write("fn main() { println!(); }\n", to: root + "/src/main.rs")
        #expect(collect(changes) == ["src/main.rs"])

        // What the build writes, and what .gitignore lists, is never reported.
        try write("x", to: root + "/target/release/out")
        try write("x", to: root + "/build.log")
        try write("x", to: root + "/logs/today")
        #expect(collect(changes, minimum: 0.5).isEmpty)

        // An empty directory is no change; one made after the start is watched too (a new module, a new crate).
        try FileManager.default.createDirectory(atPath: root + "/src/empty", withIntermediateDirectories: true)
        #expect(collect(changes, minimum: 0.5).isEmpty)
        try FileManager.default.createDirectory(atPath: root + "/src/net/proto", withIntermediateDirectories: true)
        Thread.sleep(forTimeInterval: 0.2)
        try write("mod x;\n", to: root + "/src/net/proto/x.rs")
        #expect(collect(changes).contains("src/net/proto/x.rs"))

        // An editor's save: a temporary file renamed over the original; and a delete.
        try write("pub fn a() -> u8 { 1 }\n", to: root + "/crates/a/src/.lib.rs.tmp")
        #expect(rename(root + "/crates/a/src/.lib.rs.tmp", root + "/crates/a/src/lib.rs") == 0)
        try FileManager.default.removeItem(atPath: root + "/src/main.rs")
        let seen = collect(changes)
        #expect(seen.contains("crates/a/src/lib.rs") && seen.contains("src/main.rs"), "\(seen)")

        // .gitignore read again when it changes: *.log no longer ignored.
        try write("logs/\n", to: root + "/.gitignore")
        _ = collect(changes)
        try write("x", to: root + "/again.log")
        #expect(collect(changes) == ["again.log"])

        // Stopped: nothing more.
        watcher.stop()
        try write("late", to: root + "/src/late.rs")
        #expect(collect(changes, minimum: 0.5).isEmpty)
    }

    @Test("A symbolic link to a directory is an entry, never followed into")
    func symlinks() throws {
        let root = try project()
        let outside = try TestDirectory.make("watch-outside")
        try FileManager.default.createSymbolicLink(atPath: root + "/linked", withDestinationPath: outside)
        let changes = LockedValue<[String]>([])
        let watcher = FileWatcher(root: root, changed: { paths in changes.update { $0 += paths } })
        #expect(watcher.start() == .inotify(directories: 5))
        defer { watcher.stop() }
        try write("x", to: outside + "/secret.rs")
        #expect(collect(changes, minimum: 0.5).isEmpty)
    }

    @Test("Polling: the same changes, seen by comparing sizes and times each interval")
    func polling() throws {
        let root = try project()
        let changes = LockedValue<[String]>([])
        let watcher = FileWatcher(root: root, pollInterval: 0.2, changed: { paths in changes.update { $0 += paths } })
        #expect(watcher.start(polling: true) == .polling(reason: "as asked"))
        defer { watcher.stop() }
        try write("fn main() { 1; }\n", to: root + "/src/main.rs")
        try write("x", to: root + "/target/release/out")
        try write("x", to: root + "/build.log")
        #expect(collect(changes, minimum: 0.5) == ["src/main.rs"])
        try FileManager.default.createDirectory(atPath: root + "/src/new", withIntermediateDirectories: true)
        try write("x", to: root + "/src/new/m.rs")
        try FileManager.default.removeItem(atPath: root + "/crates/a/src/lib.rs")
        #expect(Set(collect(changes, minimum: 0.5)) == ["src/new/m.rs", "crates/a/src/lib.rs"])
    }

    @Test("The mount root inside the project is not watched")
    func mountRootInside() throws {
        let root = try project()
        try FileManager.default.createDirectory(atPath: root + "/.muslrust/sccache", withIntermediateDirectories: true)
        let changes = LockedValue<[String]>([])
        let watcher = FileWatcher(
            root: root, ignoringPaths: [".muslrust"], changed: { paths in changes.update { $0 += paths } })
        #expect(watcher.start() == .inotify(directories: 5))
        defer { watcher.stop() }
        try write("x", to: root + "/.muslrust/sccache/entry")
        #expect(collect(changes, minimum: 0.5).isEmpty)
    }
}
