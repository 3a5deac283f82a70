import CacheWatchCore
import Foundation
import Testing

@testable import CacheWatchRunner

/// A full disk, a read-only or deleted cache, an interrupted or failed build: on real parts (a real tmpfs, the
/// real sccache, cargo), what cachewatch says must be true.
@Suite("Full disks, broken caches and the truth of the summary", .serialized)
struct FailureModeTests {
    /// Debug builds of the tiny project: cacheable with CARGO_INCREMENTAL=0, as sccache's users set it (cachewatch
    /// itself sets no CARGO_* variable).
    private func headless(
        _ project: String, mount: String, _ extra: [String], environment: [String: String] = ["CARGO_INCREMENTAL": "0"]
    ) throws
        -> CommandResult
    {
        try Harness.cachewatch(
            ["--engine", "native", "--headless", "--project", project, "--mount-root", mount] + extra, environment: environment)
    }

    @Test("A full disk: the build succeeds, and the summary and the report say the cache writes failed and why")
    func fullDiskCacheWrites() throws {
        guard Harness.require(["cargo", "sccache"]) else { return }
        let work = try Harness.temporaryDirectory("full disk")
        let project = try Scratch.tinyProject(at: work + "/project")
        // The cache on a disk of its own, which the build fills before compiling: sccache cannot store the result,
        // and logs why (its log is elsewhere).
        let mount = work + "/mount"
        try Scratch.mountTmpfs(at: mount + "/sccache", megabytes: 4)
        defer { Scratch.unmount(mount + "/sccache") }
        let fill = "head -c 8000000 /dev/zero > \"$SCCACHE_DIR/filler\" 2>/dev/null; cargo build --offline"
        let result = try headless(project, mount: mount, ["--report", work + "/report.json", "--", "sh", "-c", fill])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("build succeeded"))
        #expect(result.stdout.contains("warning: 1 cache write failed: no space left on device"), "\(result.stdout)")
        let report = try Harness.json(atPath: work + "/report.json")
        #expect(report["warnings"] as? [String] == ["1 cache write failed: no space left on device"])

        // Everything on one full disk: sccache cannot even log the cause; the free space names it.
        let disk = try Scratch.tmpfs("full disk tmpfs", megabytes: 8)
        defer { Scratch.unmount(disk) }
        let full = try headless(
            project, mount: disk,
            ["--", "sh", "-c", "rm -rf target; head -c 20000000 /dev/zero > \"$SCCACHE_DIR/../filler\"; \(fill)"])
        #expect(full.status == 0, "\(full.stderr)")
        #expect(full.stdout.contains("warning: 1 cache write failed: the disk holding the cache is full"), "\(full.stdout)")
    }

    @Test("A full disk: an incomplete log and an unwritten report are said on stderr, never claimed")
    func fullDiskLogAndReport() throws {
        guard Harness.require(["cargo", "sccache"]) else { return }
        let work = try Harness.temporaryDirectory("full disk log")
        let project = try Scratch.tinyProject(at: work + "/project")
        let disk = try Scratch.tmpfs("full disk log tmpfs", megabytes: 4)
        defer { Scratch.unmount(disk) }
        // No history reserve on this disk (a directory where it would be is never used as one): the reserve would
        // free room for the report, and this test is about the report that does not fit.
        try FileManager.default.createDirectory(
            atPath: disk + "/cachewatch/history.sqlite.reserve", withIntermediateDirectories: true)
        // 8 MB of log into a 4 MB disk that holds the log file and the report.
        let result = try headless(
            project, mount: disk,
            [
                "--report", disk + "/report.json", "--", "sh", "-c",
                "head -c 8000000 /dev/zero | tr '\\000' x | fold -w 100; echo done",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("build succeeded"))
        #expect(result.stderr.contains("is incomplete: No space left on device"), "\(result.stderr)")
        #expect(!result.stdout.contains("full log in"), "the summary claimed a whole log")
        #expect(result.stderr.contains("could not write the report"), "\(result.stderr)")
        #expect(result.stderr.contains("No space left on device"))
        #expect(!result.stdout.contains("report written"), "the summary claimed a report")
        #expect(!(result.stdout + result.stderr).contains("Error Domain"), "errors say what happened, not Foundation's codes")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: disk)) ?? []
        #expect(!names.contains { $0.hasSuffix(".tmp") }, "no stray temporary file: \(names)")
    }

    @Test("A cache that turns read-only mid-build, and one deleted after its scan, are named as such")
    func readOnlyAndDeletedCache() throws {
        guard Harness.require(["cargo", "sccache"]) else { return }
        let work = try Harness.temporaryDirectory("read-only cache")
        let project = try Scratch.tinyProject(at: work + "/project")
        let mount = work + "/mount"
        try Scratch.mountTmpfs(at: mount + "/sccache", megabytes: 4)
        defer { Scratch.unmount(mount + "/sccache") }
        let readOnly = try headless(
            project, mount: mount, ["--", "sh", "-c", "mount -o remount,ro \"$SCCACHE_DIR\" && cargo build --offline"])
        #expect(readOnly.status == 0, "\(readOnly.stderr)")
        #expect(readOnly.stdout.contains("warning: 1 cache write failed: read-only file system"), "\(readOnly.stdout)")

        // Deleted after the first disk scan (2 s in), with no compile to recreate it.
        let other = work + "/other mount"
        let deleted = try headless(
            project, mount: other, ["--", "sh", "-c", "sleep 2.6; rm -rf \"$SCCACHE_DIR\"; sleep 2.4"])
        #expect(deleted.stdout.contains("sccache deleted"), "\(deleted.stdout)")
    }

    @Test("A build that cannot start claims no report; Ctrl-C exits 130; C1 controls never reach stdout")
    func headlessTruth() throws {
        guard Harness.require(["cargo", "sccache"]) else { return }
        let work = try Harness.temporaryDirectory("headless truth")
        let project = try Scratch.tinyProject(at: work + "/project")
        let mount = work + "/mount"
        let failed = try headless(project, mount: mount, ["--report", work + "/r.json", "--", work + "/no such command"])
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("no such command"), "\(failed.stderr)")
        #expect(!failed.stdout.contains("report written"), "\(failed.stdout)")
        #expect(!FileManager.default.fileExists(atPath: work + "/r.json"))

        let c1 = try headless(project, mount: mount, ["--", "printf", "a\u{9B}31mb\u{9D}0;title\u{07}c\u{1B}Pq#0\u{1B}\\d\n"])
        #expect(c1.stdout.contains("abcd\n"), "\(c1.stdout)")
        #expect(!c1.stdout.unicodeScalars.contains { (0x80...0x9F).contains($0.value) }, "a C1 control reached stdout")
        #expect(!c1.stdout.contains("q#0"), "a DCS payload was shown")

        // Ctrl-C: the shell's 130, the build stopped, nothing left running.
        let marker = "CACHEWATCH_TEST_MARK=\(UUID().uuidString)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Harness.binary!)
        process.arguments = [
            "--engine", "native", "--headless", "--project", project, "--mount-root", mount, "--", "sh", "-c",
            "echo started; sleep 60",
        ]
        var environment = ProcessInfo.processInfo.environment
        let (key, value) = (String(marker.split(separator: "=")[0]), String(marker.split(separator: "=")[1]))
        environment[key] = value
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var seen = Data()
        let deadline = Date().addingTimeInterval(30)
        while !String(decoding: seen, as: UTF8.self).contains("started") && Date() < deadline {
            seen += output.fileHandleForReading.availableData
        }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let left = Harness.survivors(marked: marker)
        #expect(left.isEmpty, "left: \(left)")
    }

    @Test("A hung sccache adds nothing to the build's time and is not called a server that stopped")
    func hungServer() throws {
        guard Harness.require(["cargo", "sccache"]) else { return }
        let work = try Harness.temporaryDirectory("hung server")
        let project = try Scratch.tinyProject(at: work + "/project")
        // After the build, the build itself stops (SIGSTOP) the sccache server of this dashboard.
        let stopServer = """
            cargo build --offline && for p in /proc/[0-9]*; do \
            if grep -qzx SCCACHE_START_SERVER=1 $p/environ 2>/dev/null && \
            grep -qzx "SCCACHE_SERVER_PORT=$SCCACHE_SERVER_PORT" $p/environ 2>/dev/null; then kill -STOP ${p#/proc/}; fi; done
            """
        let started = Date()
        let result = try headless(project, mount: work + "/mount", ["--", "sh", "-c", stopServer])
        let wall = Date().timeIntervalSince(started)
        #expect(result.status == 0, "\(result.stderr)")
        let line = try #require(result.stdout.split(separator: "\n").first { $0.contains("build succeeded in") })
        let seconds = Double(line.split(separator: " ").drop { $0 != "in" }.dropFirst().first ?? "") ?? 99
        #expect(seconds < 5, "the build's time includes the wait for a hung server: \(line)")
        #expect(result.stdout.contains("did not answer within 5 s"), "\(result.stdout)")
        #expect(!result.stdout.contains("stopped before the build ended"))
        #expect(wall < 40, "the end of the run waits a bounded time: \(wall) s")
    }
}

@Suite("Bad input before anything starts")
struct BadInputTests {
    @Test("A project this user may not read says permission denied, not \"no Cargo.toml\"")
    func unreadableProject() throws {
        guard Harness.require(["setpriv"]) else { return }
        let work = try Harness.temporaryDirectory("unreadable project")
        let project = try Scratch.tinyProject(at: work + "/root only")
        #expect(chmod(project, 0o700) == 0)
        #expect(getuid() == 0, "the test switches to another user, which needs root (as CI has)")
        let result = try CommandRunner.run(
            [
                "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", Harness.binary!, "--engine", "native",
                "--headless", "--project", project, "--mount-root", "/nonexistent/mount",
            ], timeout: 60)
        #expect(result.status == 2)
        #expect(result.stderr.contains("permission denied"), "\(result.stderr)")
        #expect(!result.stderr.contains("no Cargo.toml"))
    }

    @Test("A config file this user may not read is a clear error; a config home they may not enter holds none of theirs")
    func unreadableConfig() throws {
        guard Harness.require(["setpriv"]) else { return }
        #expect(getuid() == 0, "the test switches to another user, which needs root (as CI has)")
        let work = try Harness.temporaryDirectory("unreadable config")
        #expect(chmod(work, 0o755) == 0)
        try FileManager.default.createDirectory(atPath: work + "/home/cachewatch", withIntermediateDirectories: true)
        try "watch = true\n".write(toFile: work + "/home/cachewatch/config.toml", atomically: true, encoding: .utf8)
        #expect(chmod(work + "/home/cachewatch/config.toml", 0o600) == 0)
        func config(_ home: String) throws -> CommandResult {
            try CommandRunner.run(
                ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", Harness.binary!, "config"],
                environment: ["XDG_CONFIG_HOME": home], directory: "/", timeout: 60)
        }
        let unreadable = try config(work + "/home")
        #expect(unreadable.status == 2)
        #expect(
            unreadable.stderr == "cachewatch: error: \(work)/home/cachewatch/config.toml:1: cannot read it: Permission denied\n",
            "\(unreadable.stderr)")
        #expect(chmod(work + "/home/cachewatch", 0o700) == 0)
        let closed = try config(work + "/home")
        #expect(closed.status == 0 && closed.stdout.contains("watch = false"), "\(closed.stderr)")
    }

    @Test(
        "--owner refuses -1 (4294967295, which lchown reads as leave unchanged) and +N, with a clear message",
        arguments: ["4294967295:0", "0:4294967295", "+5:5", "-1:-1", "1000", "1000:1000x", ""])
    func badOwner(owner: String) throws {
        let result = try Harness.cachewatch(["--owner", owner, "--engine", "native", "--headless", "--project", "/nonexistent"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--owner must be UID:GID with numbers from 0 to 4294967294"), "\(result.stderr)")
        #expect(!result.stderr.contains("Missing value"))
    }

    @Test("An unknown TERM is a clear message that suggests --headless, and the terminal is left alone")
    func unknownTerminal() throws {
        guard Harness.require(["script"]) else { return }
        let project = try Scratch.tinyProject(at: try Harness.temporaryDirectory("unknown term") + "/p")
        let command = ShellQuote.join([
            "env", "TERM=no-such-terminal", Harness.binary!, "--engine", "native", "--project", project,
        ])
        let result = try CommandRunner.run(["script", "-qec", command, "/dev/null"], timeout: 60)
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stdout.contains("TERM=no-such-terminal is unknown"), "\(result.stdout)")
        #expect(result.stdout.contains("--headless"))
    }
}

@Suite("chown says what it changed")
struct ChownTests {
    @Test("A chown counts only the files it changed; a second one has nothing to change")
    func countsChanges() throws {
        let work = try Harness.temporaryDirectory("chown counts")
        for name in ["a", "b", "sub/c"] {
            try FileManager.default.createDirectory(
                atPath: (work + "/tree/" + name as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try "x".write(toFile: work + "/tree/" + name, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createSymbolicLink(atPath: work + "/tree/link", withDestinationPath: "/etc/hostname")
        let first = Chowner.chown([work + "/tree"], uid: 4321, gid: 4321)
        #expect(first.changed == 6, "the tree, sub, three files and the link itself")
        #expect(
            ChownResult(owner: "4321:4321", .done(changed: first.changed, failed: first.failed, firstError: nil)).summary
                == "chown 4321:4321: 6 changed")
        var info = stat()
        #expect(stat("/etc/hostname", &info) == 0 && info.st_uid != 4321, "the link's target was not chowned")
        let second = Chowner.chown([work + "/tree"], uid: 4321, gid: 4321)
        #expect(second.changed == 0)
        #expect(
            ChownResult(owner: "4321:4321", .done(changed: 0, failed: 0, firstError: nil)).summary
                == "chown 4321:4321: nothing to change")
    }
}
