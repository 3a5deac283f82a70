import CacheWatchCore
import CacheWatchRunner
import Foundation
import Testing

/// `cachewatch doctor` on the real parts, and the same checks stopping the dashboard's build before it starts.
@Suite("The setup doctor, on real parts", .serialized)
struct DoctorCommandTests {
    @Test("The stand-in image on a running engine: every check ✔ (sccache found inside it), exit status 0")
    func ready() throws {
        guard DockerHarness.require() else { return }
        let work = try Harness.temporaryDirectory("doctor ready")
        let project = try DockerHarness.demoCopy(in: work)
        let result = try Harness.cachewatch(
            ["doctor", "--engine", "docker", "--image", DockerHarness.image, "--project", project, "--mount-root", work + "/m"],
            timeout: 120)
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let out = result.stdout
        #expect(out.contains("✔ Docker daemon: answers ("), "\(out)")
        #expect(out.contains("✔ image: \(DockerHarness.image) is present; its CARGO_HOME is /opt/cargo"))
        #expect(out.contains("✔ sccache in the image: sccache 0.16"))
        #expect(out.contains("✔ project: Cargo.toml and Cargo.lock"))
        #expect(out.contains("✔ mount root: \(work)/m"))
        #expect(!out.contains("✘"))
    }

    @Test("A daemon that does not answer: ✘ with what to do, exit status 1")
    func noDaemon() throws {
        guard Harness.require(["docker"]) else { return }
        let work = try Harness.temporaryDirectory("doctor no daemon")
        let project = try Scratch.tinyProject(at: work + "/p")
        let result = try Harness.cachewatch(
            ["doctor", "--engine", "docker", "--project", project, "--mount-root", work + "/m"],
            environment: ["DOCKER_HOST": "unix://" + work + "/no-daemon.sock"], timeout: 60)
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stdout.contains("✘ Docker daemon: does not answer"), "\(result.stdout)")
        #expect(result.stdout.contains("→ start it (systemctl start docker, or scripts/docker-up)"))
    }

    @Test("No Cargo.lock with --locked: the doctor says ✘, and the dashboard's build stops before cargo runs, saying why")
    func missingLockFile() throws {
        guard Harness.require(["cargo", "sccache"]) else { return }
        let work = try Harness.temporaryDirectory("doctor lock")
        let project = try Scratch.tinyProject(at: work + "/no lock 'here'")
        try FileManager.default.removeItem(atPath: project + "/Cargo.lock")
        let doctor = try Harness.cachewatch(
            ["doctor", "--engine", "native", "--project", project, "--mount-root", work + "/m"], timeout: 60)
        #expect(doctor.status == 1)
        #expect(doctor.stdout.contains("✘ Cargo.lock: missing, and the build command passes --locked"), "\(doctor.stdout)")
        let run = try Harness.cachewatch(
            ["--engine", "native", "--headless", "--project", project, "--mount-root", work + "/m", "--no-record"],
            timeout: 120)
        #expect(!run.succeeded)
        #expect(run.stdout.contains("Cargo.lock: missing") || run.stderr.contains("Cargo.lock: missing"), "\(run.stdout)")
        #expect(!FileManager.default.fileExists(atPath: project + "/target"), "cargo never ran")
        // With a lock file the same command builds.
        _ = try CommandRunner.run(["cargo", "generate-lockfile", "--offline"], directory: project, timeout: 60)
        let fixed = try Harness.cachewatch(
            ["--engine", "native", "--headless", "--project", project, "--mount-root", work + "/m", "--no-record"],
            timeout: 300)
        #expect(fixed.succeeded, "\(fixed.stdout.suffix(2000))")
    }

    @Test("A build that ends is announced: the bell, and the terminal's title says the outcome")
    func announced() throws {
        guard Harness.require(["cargo", "sccache", "tmux", "script"]) else { return }
        let work = try Harness.temporaryDirectory("notify")
        let project = try Scratch.tinyProject(at: work + "/p")
        _ = try CommandRunner.run(["cargo", "generate-lockfile", "--offline"], directory: project, timeout: 60)
        // The dashboard under script(1), so the bytes it sends the terminal are kept.
        let command = ShellQuote.join([
            Harness.binary!, "--engine", "native", "--project", project, "--mount-root", work + "/m", "--no-record",
            "--notify-after", "0",
        ])
        let tmux = Tmux(socket: "cachewatch-notify-\(getpid())")
        try tmux.start(
            command: ShellQuote.join(["script", "-q", "-f", "-c", command, work + "/typescript"]) + "; sleep 600",
            width: 120, height: 35)
        defer { tmux.kill() }
        _ = try tmux.waitFor(timeout: 120) { $0.contains("✔ succeeded") }
        var title = ""
        for _ in 0..<20 where !title.hasPrefix("✔ succeeded in") {
            title = try tmux.display("#{pane_title}")
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(title.hasPrefix("✔ succeeded in") && title.hasSuffix("· cachewatch \(project)"), "\(title)")
        let bytes = try String(contentsOfFile: work + "/typescript", encoding: .utf8)
        #expect(bytes.contains("\u{07}\u{1B}]2;✔ succeeded in"), "the bell, then the title (OSC 2)")
        #expect(bytes.contains("\u{1B}[?1004h") && bytes.contains("\u{1B}[22;0t"), "focus reports on, the title saved")
        try tmux.send("q")
        _ = try tmux.waitFor(timeout: 30) { _ in
            (try? String(contentsOfFile: work + "/typescript", encoding: .utf8))?.contains("\u{1B}[23;0t") == true
        }
        let after = try String(contentsOfFile: work + "/typescript", encoding: .utf8)
        #expect(after.contains("\u{1B}[?1004l\u{1B}[23;0t"), "focus reports off, the title put back")
    }
}
