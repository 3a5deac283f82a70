import CacheWatchCore
import Foundation
import Testing

@testable import CacheWatchRunner

/// Every session is recorded; a replay shows the same dashboard; a cast plays in asciinema.
@Suite("Recorded sessions and their replay", .serialized)
struct RecordReplayTests {
    static let mountRoot: String = (try? Harness.temporaryDirectory("replay mount")) ?? NSTemporaryDirectory() + "cw-replay"

    @Test("A headless session is recorded by default, --record chooses the file, --no-record writes none")
    func recordedByDefault() throws {
        guard Harness.require(["cargo", "sccache"]) else { return }
        let work = try Harness.temporaryDirectory("recorded")
        let project = try Scratch.tinyProject(at: work + "/project")
        let mount = work + "/mount"
        let base = ["--engine", "native", "--headless", "--project", project, "--mount-root", mount]
        _ = try Harness.cachewatch(base + ["--", "cargo", "build", "--offline"])
        for directory in ["", "/sessions", "/logs", "/runs"] {
            var info = stat()
            #expect(
                stat(mount + "/cachewatch" + directory, &info) == 0 && info.st_mode & 0o777 == 0o700,
                "cachewatch\(directory) is the user's alone")
        }
        let sessions = try FileManager.default.contentsOfDirectory(atPath: mount + "/cachewatch/sessions")
        #expect(sessions.count == 1 && sessions[0].hasSuffix(".cwrec"), "\(sessions)")
        let file = try RecordingFile(path: mount + "/cachewatch/sessions/" + sessions[0])
        #expect(file.header.mode == "headless")
        #expect(file.header.session.argv == ["cargo", "build", "--offline"])
        let events = (0..<file.count).map { file.event(at: $0) }
        #expect(events.contains { if case .buildStarted = $0 { return true } else { return false } })
        #expect(events.contains { if case .buildExited(.exited(0), _, _) = $0 { return true } else { return false } })
        let output = events.compactMap { if case .output(let bytes) = $0 { return bytes } else { return nil } }.joined()
        #expect(String(decoding: Array(output), as: UTF8.self).contains("Compiling tiny"), "raw PTY bytes as they came")
        #expect((0..<file.count).map(file.time).elementsEqual((0..<file.count).map(file.time).sorted()))

        _ = try Harness.cachewatch(base + ["--no-record", "--", "true"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: mount + "/cachewatch/sessions").count == 1)
        _ = try Harness.cachewatch(base + ["--record", work + "/chosen.cwrec", "--", "true"])
        #expect(FileManager.default.fileExists(atPath: work + "/chosen.cwrec"))

        // Cut short (a kill -9 mid-write): the prefix still reads.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: work + "/chosen.cwrec"))
        bytes.removeLast(5)
        try bytes.write(to: URL(fileURLWithPath: work + "/cut.cwrec"))
        let cut = try RecordingFile(path: work + "/cut.cwrec")
        #expect(cut.truncated && cut.count > 0)
    }

    @Test("Old recordings are deleted past the budget, never the running one nor a live dashboard's")
    func pruned() throws {
        let mount = try Harness.temporaryDirectory("pruned sessions")
        let directory = SessionRecorder.directory(mountRoot: mount)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let names = [
            "20260101-000000-999999999-a.cwrec", "20260102-000000-999999999-b.cwrec", "20260103-000000-\(getpid())-c.cwrec",
            "20260104-000000-999999999-d.cwrec",
        ]
        for name in names { try Data(count: 1000).write(to: URL(fileURLWithPath: directory + "/" + name)) }
        SessionRecorder.prune(mountRoot: mount, budget: 1500, keeping: directory + "/" + names[3])
        let left = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(left == [names[2], names[3]], "the newest kept, the live dashboard's kept, the rest deleted: \(left)")
    }

    @Test("A real build recorded in tmux replays at max speed to the same last screen; other sizes redraw; keys")
    func replayFidelity() throws {
        guard Harness.require(["cargo", "sccache", "tmux"]) else { return }
        let work = try Harness.temporaryDirectory("fidelity")
        let recording = work + "/session.cwrec"
        let live = try DashboardRun(
            "fidelity-live",
            arguments: ["demo", "--engine", "native", "--mount-root", Harness.demoMount, "--record", recording], width: 120,
            height: 35, environment: Harness.demoEnvironment)
        defer { live.tmux.kill() }
        _ = try live.tmux.waitFor(timeout: 240) { $0.contains("succeeded in") && $0.contains("sccache · final") }
        try live.tmux.send("F")  // a key of the session: the replay must show it too
        _ = try live.tmux.waitFor(timeout: 10) { $0.contains("Non-cacheable calls") }
        let liveScreen = try live.tmux.stableStyled()
        let liveText = try live.tmux.capture()
        try live.quit()

        let replay = Tmux(socket: "cachewatch-fidelity-replay-\(getpid())")
        defer { replay.kill() }
        let command = ShellQuote.join([Harness.binary!, "replay", recording, "--speed", "max"])
        try replay.start(command: command + "; sleep 600", width: 120, height: 35)
        _ = try replay.waitFor(timeout: 60) { $0.contains("· end") }
        let replayScreen = try replay.captureStyled()
        let liveRows = liveScreen.components(separatedBy: "\n")
        let replayRows = replayScreen.components(separatedBy: "\n")
        #expect(liveRows.count == replayRows.count)
        // Every row but the status bar, cell for cell (characters, colours, attributes); the status bar shows
        // the replay's position first, then the same verdict.
        for index in 0..<(min(liveRows.count, replayRows.count) - 2) {
            #expect(liveRows[index] == replayRows[index], "row \(index) differs:\n\(liveRows[index])\n\(replayRows[index])")
        }
        // The duration as the live status bar wrote it ("12.3 s", or "1 min 5 s" on a busy machine).
        let verdict = try #require(liveText.split(separator: "\n").last { $0.contains("succeeded in") })
        let after = verdict.components(separatedBy: "succeeded in ").last ?? ""
        let duration = after.components(separatedBy: "  ").first ?? after
        #expect(try replay.capture().contains("succeeded in \(duration)"), "\(duration)")

        // In a replay: r is not available; / searches; another size redraws for it.
        try replay.send("r")
        _ = try replay.waitFor(timeout: 10) { $0.contains("r is not available in a replay") }
        try replay.resize(width: 90, height: 24)
        let small = try replay.waitFor(timeout: 10) { $0.contains("succeeded in") && $0.contains("Disk") }
        #expect(small.split(separator: "\n").allSatisfy { $0.count <= 90 })
        try replay.send("q")
    }

    @Test("A replay at speed 1 plays on the recorded clock: Space pauses, ] and [ jump 10 s, the position shows")
    func replayControls() throws {
        guard Harness.require(["cargo", "sccache", "tmux"]) else { return }
        let work = try Harness.temporaryDirectory("controls")
        let project = try Scratch.tinyProject(at: work + "/project")
        let recording = work + "/slow.cwrec"
        // A session of about 25 s: output every second.
        let result = try Harness.cachewatch([
            "--engine", "native", "--headless", "--project", project, "--mount-root", work + "/m", "--record", recording, "--",
            "sh", "-c", "for i in $(seq 1 25); do echo tick $i; sleep 1; done",
        ])
        #expect(result.status == 0)
        let replay = Tmux(socket: "cachewatch-controls-\(getpid())")
        defer { replay.kill() }
        try replay.start(
            command: ShellQuote.join([Harness.binary!, "replay", recording]) + "; sleep 600", width: 120, height: 35)
        _ = try replay.waitFor(timeout: 20) { $0.contains("tick 2") && $0.contains("▶ replay 0:0") }
        try replay.send("Space")
        // That it stays put however long it is paused is proved in-process on a clock the test moves
        // (DashboardLoopTests.pausedReplay); here, the real terminal shows it.
        let paused = try replay.waitFor(timeout: 10) { $0.contains("paused") }
        // The last tick shown, before and after a jump: ] moves 10 s of the recording (a tick a second) forward.
        func lastTick(_ screen: String) -> Int {
            screen.components(separatedBy: "tick ").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }.max() ?? 0
        }
        let before = lastTick(paused)
        try replay.send("]")
        let ahead = try replay.waitFor(timeout: 10) { lastTick($0) >= before + 8 }  // 10 s, a tick of slack each side
        try replay.send("[")
        let back = try replay.waitFor(timeout: 10) { $0.contains("replay 0:0") }
        #expect(lastTick(back) < lastTick(ahead), "a seek back shows the earlier screen:\n\(back)")
        try replay.send("q")
    }

    @Test("A cast export is an asciinema v2 file that asciinema itself plays")
    func castExport() throws {
        guard Harness.require(["cargo", "sccache"]) else { return }
        let work = try Harness.temporaryDirectory("cast")
        let project = try Scratch.tinyProject(at: work + "/project")
        _ = try Harness.cachewatch([
            "--engine", "native", "--headless", "--project", project, "--mount-root", work + "/m", "--record",
            work + "/s.cwrec", "--", "cargo", "build", "--offline",
        ])
        let export = try Harness.cachewatch(["replay", work + "/s.cwrec", "--export-cast", work + "/s.cast", "--size", "100x30"])
        #expect(export.status == 0, "\(export.stderr)")
        let lines = Scratch.read(work + "/s.cast").split(separator: "\n")
        let header = try #require(
            try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect((header["version"] as? NSNumber)?.intValue == 2)
        #expect((header["width"] as? NSNumber)?.intValue == 100 && (header["height"] as? NSNumber)?.intValue == 30)
        var last = -1.0
        for line in lines.dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            let time = try #require((event[0] as? NSNumber)?.doubleValue)
            #expect(time >= last && event[1] as? String == "o" && event[2] is String)
            last = time
        }
        #expect(lines.count > 2)
        guard Harness.require(["asciinema"]) else { return }
        let played = try CommandRunner.run(["asciinema", "cat", work + "/s.cast"], timeout: 60)
        #expect(played.succeeded, "\(played.stderr)")
        #expect(played.stdout.contains("succeeded in"))
    }
}

@Suite("A damaged recording, with the real binary")
struct DamagedRecordingTests {
    @Test("A frame at NaN: replay and --export-cast say so and exit at once (they froze and spun before)")
    func nanFrame() throws {
        guard Harness.require([]) else { return }
        let work = try Harness.temporaryDirectory("damaged recording")
        var header = Recording.Header(
            session: SessionInfo(engine: .native, project: "p", command: "cargo build"), cacheLimit: nil, scrollback: 100,
            ownerName: "you", startedAt: 0, clockOrigin: 0, mode: "dashboard")
        header.version = 1
        var bytes = Array(Recording.magic.utf8) + Array(try JSONEncoder().encode(header)) + [0x0A]
        for time in [0, Double.nan, 1] {
            bytes += Recording.frame(kind: Recording.outputKind, time: time, payload: Array("x\r\n".utf8))
        }
        let path = work + "/nan.cwrec"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let export = try Harness.cachewatch(["replay", path, "--export-cast", work + "/out.cast"], timeout: 30)
        #expect(export.status != 0 && export.stderr.contains("frame 2 has no valid time"), "\(export.stderr)")
        let replay = try Harness.cachewatch(["replay", path, "--speed", "max"], timeout: 30)
        #expect(replay.status != 0 && replay.stderr.contains("the recording is damaged"), "\(replay.stderr)")
    }
}
