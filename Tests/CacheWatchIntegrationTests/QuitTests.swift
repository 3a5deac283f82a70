import CacheWatchCore
import Foundation
import Testing

@testable import CacheWatchRunner

/// `q` gives the terminal back within a second whatever runs — an image pull that trickles, a Docker daemon
/// that never answers, a long chown, an sccache server that cannot reach its backend — and nothing outlives the
/// dashboard. The status bar says what the dashboard waits on meanwhile.
@Suite("q always answers", .serialized)
struct QuitTests {
    /// A loopback server that accepts every connection and then answers a byte a second (or never): a registry
    /// or a Docker daemon that hangs.
    final class SlowServer {
        let process = Process()
        let address: String

        init(unixSocket: String? = nil) throws {
            let script = """
                import socket, threading, time, sys
                path = sys.argv[1] if len(sys.argv) > 1 else None
                s = socket.socket(socket.AF_UNIX if path else socket.AF_INET)
                s.bind(path if path else ("127.0.0.1", 0))
                print(path or s.getsockname()[1], flush=True)
                s.listen(64)
                def trickle(c):
                    try:
                        c.recv(65536)
                        for b in b"HTTP/1.1 200 OK\\r\\nContent-Length: 1000000\\r\\n\\r\\n" + b" " * 1000000:
                            c.send(bytes([b])); time.sleep(1)
                    except Exception:
                        pass
                while True:
                    c, _ = s.accept()
                    threading.Thread(target=trickle, args=(c,), daemon=True).start()
                """
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script] + (unixSocket.map { [$0] } ?? [])
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice  // never the test runner's own output
            try process.run()
            var line = Data()
            while !line.contains(0x0A) { line += out.fileHandleForReading.availableData }
            address = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// Kills the server (SIGKILL: whatever its signal dispositions) and waits for it; each test defers it, as a
        /// deinit alone left servers running after the test process had ended.
        func stop() {
            guard process.isRunning else { return }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Presses q and checks that the dashboard gives the terminal back within a second.
    private func quitWithinASecond(_ run: DashboardRun) throws {
        try run.tmux.send("q")
        let released = { (screen: String) in !screen.contains("┌ Log ·") && !screen.contains("r rerun") }
        let screen = try (try? run.tmux.waitFor(timeout: 1.0, released)) ?? run.tmux.capture()
        #expect(released(screen), "the dashboard still holds the terminal a second after q:\n\(screen)")
        _ = try run.tmux.waitFor(timeout: 15) { $0.contains("CACHEWATCH-EXITED") }
        #expect(run.terminalRestored)
    }

    @Test("q after big builds and the history and why views: the process is gone within a second")
    func afterBigBuild() throws {
        guard Harness.require(["tmux", "cargo", "sccache"]) else { return }
        let work = try Harness.temporaryDirectory("quit big")
        let project = try Scratch.chainWorkspace(at: work + "/ws", count: 80)
        let arguments = [
            "--engine", "native", "--project", project, "--mount-root", work + "/m", "--", "cargo", "build", "--release",
            "--offline", "--locked",
        ]
        // A history: a cold build, then one where every crate misses (each miss explained against the first).
        let first = try Harness.cachewatch(["--headless"] + arguments, timeout: 600)
        #expect(first.succeeded, "\(first.stdout.suffix(2000))\n\(first.stderr)")
        try Scratch.editChain(project, 1)
        let run = try DashboardRun("quit-big", arguments: arguments)
        defer { run.tmux.kill() }
        _ = try run.tmux.waitFor(timeout: 600) { $0.contains("✔ succeeded") }
        try run.tmux.send("h")
        _ = try run.tmux.waitFor(timeout: 30) { $0.contains("Runs 2, newest first") }
        try run.tmux.send("Enter")
        _ = try run.tmux.waitFor(timeout: 30) { $0.contains("Compiles (80)") }
        try run.tmux.send("y")
        _ = try run.tmux.waitFor(timeout: 30) { $0.contains("Why run") }
        let pid = try #require(run.pid)
        try run.tmux.send("q")
        let gone = Date().addingTimeInterval(1)
        while kill(pid, 0) == 0 && Date() < gone { Thread.sleep(forTimeInterval: 0.02) }
        #expect(kill(pid, 0) != 0, "cachewatch still runs a second after q")
        _ = try run.tmux.waitFor(timeout: 30) { $0.contains("CACHEWATCH-EXITED") }
        #expect(run.exitStatus == "0" && run.terminalRestored)
        #expect(run.leftovers().isEmpty, "left: \(run.leftovers())")
        // The run was kept, every miss explained.
        let shown = try Harness.cachewatch(["why", "--json", "--mount-root", work + "/m"])
        let why = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect((why["compiles"] as? [[String: Any]])?.count == 80, "\(shown.stdout.prefix(400))")
    }

    @Test("q during an image pull from a registry that trickles its answer")
    func duringPull() throws {
        guard DockerHarness.require(), Harness.require(["tmux", "python3"]) else { return }
        let registry = try SlowServer()
        defer { registry.stop() }
        let work = try Harness.temporaryDirectory("quit pull")
        let project = try Scratch.tinyProject(at: work + "/p")
        let image = "127.0.0.1:\(registry.address)/trickle:1"
        let run = try DashboardRun(
            "quit-pull", arguments: ["--engine", "docker", "--image", image, "--project", project, "--mount-root", work + "/m"])
        defer { run.tmux.kill() }
        _ = try run.tmux.waitFor(timeout: 30) { $0.contains("pulling \(image)…") }
        try quitWithinASecond(run)
        #expect(run.leftovers().isEmpty, "left: \(run.leftovers())")
    }

    @Test("q while a Docker daemon never answers; the status bar says what it waits on")
    func daemonNeverAnswers() throws {
        guard Harness.require(["tmux", "python3", "docker"]) else { return }
        let work = try Harness.temporaryDirectory("quit daemon")
        let daemon = try SlowServer(unixSocket: work + "/docker.sock")
        defer { daemon.stop() }
        let project = try Scratch.tinyProject(at: work + "/p")
        let run = try DashboardRun(
            "quit-daemon",
            arguments: ["--engine", "docker", "--project", project, "--mount-root", work + "/m"],
            environment: ["DOCKER_HOST": "unix://\(daemon.address)"])
        defer { run.tmux.kill() }
        _ = try run.tmux.waitFor(timeout: 30) { $0.contains("waiting for the Docker daemon…") }
        try quitWithinASecond(run)
        #expect(run.leftovers().isEmpty, "left: \(run.leftovers())")
    }

    @Test("q while sccache's server cannot reach its cache backend")
    func duringServerStart() throws {
        guard Harness.require(["tmux", "sccache"]) else { return }
        let work = try Harness.temporaryDirectory("quit server")
        let project = try Scratch.tinyProject(at: work + "/p")
        let run = try DashboardRun(
            "quit-server",
            arguments: ["--engine", "native", "--no-probe", "--project", project, "--mount-root", work + "/m"],
            environment: ["SCCACHE_REDIS": "redis://127.0.0.1:1"])
        defer { run.tmux.kill() }
        _ = try run.tmux.waitFor(timeout: 30) { $0.contains("starting sccache's server…") }
        try quitWithinASecond(run)
        #expect(run.leftovers().isEmpty, "left: \(run.leftovers())")
    }

    @Test("q during a chown of a 200 000-file target/ in a container; the container goes too")
    func duringChown() throws {
        guard DockerHarness.require(), Harness.require(["tmux"]) else { return }
        let work = try Harness.temporaryDirectory("quit chown")
        let project = try Scratch.tinyProject(at: work + "/p")
        try Scratch.manyFiles(in: project + "/target/many", count: 200_000)
        let run = try DashboardRun(
            "quit-chown",
            arguments: [
                "--engine", "docker", "--image", DockerHarness.image, "--project", project, "--mount-root", work + "/m",
                "--owner", "2345:2345",
            ] + DockerHarness.dockerArguments + ["--", "true"])
        defer { run.tmux.kill() }
        _ = try run.tmux.waitFor(timeout: 60) { $0.contains("✔ succeeded") }
        try run.tmux.send("c")
        _ = try run.tmux.waitFor(timeout: 30) { $0.contains("chown running…") }
        try quitWithinASecond(run)
        Harness.waitUntil(15) { DockerHarness.containers(prefix: "cachewatch-chown-").isEmpty }
        #expect(DockerHarness.containers(prefix: "cachewatch-chown-").isEmpty)
    }

    @Test("kill -9 of the dashboard during a chown: the watchdog removes the chown container")
    func killedDuringChown() throws {
        guard DockerHarness.require(), Harness.require(["tmux"]) else { return }
        let work = try Harness.temporaryDirectory("kill chown")
        let project = try Scratch.tinyProject(at: work + "/p")
        try Scratch.manyFiles(in: project + "/target/many", count: 200_000)
        let run = try DashboardRun(
            "kill-chown",
            arguments: [
                "--engine", "docker", "--image", DockerHarness.image, "--project", project, "--mount-root", work + "/m",
                "--owner", "2345:2345",
            ] + DockerHarness.dockerArguments + ["--", "true"])
        defer { run.tmux.kill() }
        _ = try run.tmux.waitFor(timeout: 60) { $0.contains("✔ succeeded") }
        try run.tmux.send("c")
        _ = try run.tmux.waitFor(timeout: 30) { $0.contains("chown running…") }
        // The chown's container is there (its client is running): then the dashboard dies without a word.
        let started = Date().addingTimeInterval(30)
        while DockerHarness.containers(prefix: "cachewatch-chown-").isEmpty && Date() < started {
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(!DockerHarness.containers(prefix: "cachewatch-chown-").isEmpty, "the chown container was seen")
        let pid = try #require(run.pid)
        kill(pid, SIGKILL)
        Harness.waitUntil(30) { DockerHarness.containers(prefix: "cachewatch-chown-").isEmpty }
        #expect(DockerHarness.containers(prefix: "cachewatch-chown-").isEmpty)
    }
}
