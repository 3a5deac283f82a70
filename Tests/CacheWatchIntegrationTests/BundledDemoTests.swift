import CacheWatchCore
import Foundation
import Testing

@testable import CacheWatchRunner
@testable import cachewatch

/// The demo inside the binary: a recording of a real containerized session, played with nothing else installed.
@Suite("The bundled demo session", .serialized)
struct BundledDemoTests {
    /// An environment with no docker, cargo, rustc or sccache to find, and no Docker daemon to reach.
    static let bare = ["PATH": "/nonexistent", "DOCKER_HOST": "unix:///nonexistent.sock", "HOME": NSTemporaryDirectory()]

    @Test("The binary holds examples/demo-session.cwrec byte for byte: a real docker session, cold, warm, an edit")
    func bundledIsTheRecording() throws {
        let recording = try DemoCommand.bundledRecording()
        let file = try RecordingFile(path: Harness.packageRoot + "/examples/demo-session.cwrec")
        #expect(recording.count == file.count && recording.header == file.header)
        #expect(recording.header.session.engine == .docker && recording.header.session.project == "~/src/demo")
        #expect(!recording.truncated)
        let starts = (0..<recording.count).filter {
            if case .buildStarted = recording.event(at: $0) { return true } else { return false }
        }
        #expect(starts.count == 3, "cold, warm, after an edit")
        let size = try FileManager.default.attributesOfItem(atPath: Harness.packageRoot + "/examples/demo-session.cwrec")[.size]
        #expect(((size as? NSNumber)?.intValue ?? .max) < 4 << 20, "a few MB at most")
    }

    @Test("demo --replay with no Docker, cargo or sccache: the whole story as a cast, and in a real terminal")
    func playsWithNothingInstalled() throws {
        guard Harness.require(["tmux"]) else { return }
        let work = try Harness.temporaryDirectory("bundled demo")
        let cast = work + "/demo.cast"
        let exported = try CommandRunner.run(
            [Harness.binary!, "demo", "--replay", "--speed", "max", "--export-cast", cast], environment: Self.bare,
            timeout: 60)
        #expect(exported.status == 0, "\(exported.stderr)")
        let text = Scratch.read(cast).replacingOccurrences(
            of: #"\\u001b\[[0-9;?]*[a-zA-Z]"#, with: "", options: .regularExpression)
        for expected in ["succeeded in", "run 2", "run 3", "upstream geometry", "muslrust-standin"] {
            #expect(text.contains(expected), "\(expected)")
        }
        let run = try DashboardRun(
            "bundled demo", arguments: ["demo", "--replay", "--speed", "8"], directory: work, environment: Self.bare)
        defer { run.tmux.kill() }
        let end = try run.tmux.waitFor(timeout: 60) { $0.contains("▶ replay") && $0.contains("end") }
        #expect(end.contains("miss · upstream geometry"), "\(end)")
        try run.tmux.send("t")
        _ = try run.tmux.waitFor(timeout: 10) { $0.contains("· timeline (t)") }
        try run.quit()
        #expect(run.exitStatus == "0")
    }
}
