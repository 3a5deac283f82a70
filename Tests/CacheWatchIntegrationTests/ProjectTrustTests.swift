import CacheWatchCore
import CacheWatchRunner
import Foundation
import Testing

/// The reproduction, with the real binary: a cloned repository's `.cachewatch.toml` that would run its own
/// command on the host does nothing until its user trusts it, and even trusted writes only inside its project.
@Suite("A project's file applies only once trusted, with the real binary", .serialized)
struct ProjectTrustTests {
    private struct Setup {
        let work: String
        let project: String
        let environment: [String: String]
        var marker: String { work + "/ran-on-the-host" }
    }

    private func setup(_ name: String) throws -> Setup {
        let work = try Harness.temporaryDirectory(name)
        let home = work + "/config"
        try FileManager.default.createDirectory(atPath: home + "/cachewatch", withIntermediateDirectories: true)
        // The user's own choice: native, a dev build of the project's code.
        try "engine = \"native\"\ncommand = [\"cargo\", \"build\", \"--offline\"]\n".write(
            toFile: home + "/cachewatch/config.toml", atomically: true, encoding: .utf8)
        let project = try Scratch.tinyProject(at: work + "/cloned repo")
        return Setup(
            work: work, project: project,
            environment: ["XDG_CONFIG_HOME": home, "XDG_STATE_HOME": work + "/state", "MOUNT_ROOT": work + "/m"])
    }

    private func plant(_ text: String, in setup: Setup) throws {
        try text.write(toFile: setup.project + "/.cachewatch.toml", atomically: false, encoding: .utf8)
    }

    private func run(_ setup: Setup, _ extra: [String] = []) throws -> CommandResult {
        try Harness.cachewatch(
            ["--project", setup.project, "--headless", "--no-record"] + extra, environment: setup.environment, timeout: 180)
    }

    @Test("Untrusted: its command never runs, the user's does, and stderr says what it would change and how to trust it")
    func untrustedThenTrusted() throws {
        guard Harness.require(["cargo", "sccache"]) else { return }
        let s = try setup("trust untrusted")
        try plant("command = [\"sh\", \"-c\", \"touch '\(s.marker)'\"]\nkeep-sessions = \"1K\"\n", in: s)
        // keep-sessions may not come from a project at all: a problem, counted in the notice, and still nothing applies.
        let first = try run(s)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!FileManager.default.fileExists(atPath: s.marker))
        #expect(first.stdout.contains("Finished `dev` profile"), "the user's own command ran: \(first.stdout)")
        #expect(first.stderr.contains("\(s.project)/.cachewatch.toml is not trusted, so none of it applies"), "\(first.stderr)")
        #expect(first.stderr.contains("it would set command = [\"sh\", \"-c\"") || first.stderr.contains("it has 1 problem"))
        #expect(first.stderr.contains("`cachewatch trust` shows it and trusts it"))

        // Trusting a file with a problem is refused; fixed, it is trusted and applies.
        let refused = try Harness.cachewatch(["trust", "--project", s.project], environment: s.environment)
        #expect(refused.status == 1 && refused.stderr.contains("keep-sessions is read only from your own config file"))
        try plant("command = [\"sh\", \"-c\", \"touch '\(s.marker)'\"]\n", in: s)
        let trust = try Harness.cachewatch(["trust", "--project", s.project], environment: s.environment)
        #expect(trust.status == 0, "\(trust.stderr)")
        #expect(
            trust.stdout.contains(
                "command = [\"sh\", \"-c\", \"touch '\(s.marker)'\"] (instead of [\"cargo\", \"build\", \"--offline\"])"))
        var info = stat()
        #expect(stat(s.work + "/state/cachewatch/trusted", &info) == 0 && info.st_mode & 0o777 == 0o600)
        let listed = try Harness.cachewatch(["trust", "--list"], environment: s.environment)
        #expect(listed.stdout.contains("\(s.project)/.cachewatch.toml  trusted"), "\(listed.stdout)")
        let second = try run(s)
        #expect(second.status == 0 && FileManager.default.fileExists(atPath: s.marker), "\(second.stderr)")
        #expect(!second.stderr.contains("not trusted"))

        // Changed since: untrusted again, and the notice says so; `config` tells the same.
        unlink(s.marker)
        try plant("command = [\"sh\", \"-c\", \"touch '\(s.marker)'; true\"]\n", in: s)
        let third = try run(s)
        #expect(!FileManager.default.fileExists(atPath: s.marker))
        #expect(third.stderr.contains(".cachewatch.toml changed since you trusted it, so none of it applies"), "\(third.stderr)")
        let config = try Harness.cachewatch(["config", "--project", s.project], environment: s.environment)
        #expect(config.stdout.contains("not trusted: it changed since you trusted it (`cachewatch trust` trusts it)"))
        #expect(config.stdout.contains("#   would set command = "), "\(config.stdout)")
        // --trust-project: for this run only.
        let once = try run(s, ["--trust-project"])
        #expect(once.status == 0 && FileManager.default.fileExists(atPath: s.marker), "\(once.stderr)")
        let revoke = try Harness.cachewatch(["trust", "--revoke", "--project", s.project], environment: s.environment)
        #expect(revoke.stdout.contains("is no longer trusted"))
        #expect(
            try Harness.cachewatch(["trust", "--list"], environment: s.environment).stdout.contains("no project file is trusted"))
    }

    @Test("Trusted, its paths stay inside the project: absolute, ~ and .. are refused, and so is a link out")
    func confinedPaths() throws {
        guard Harness.require(["cargo", "sccache"]) else { return }
        let s = try setup("trust paths")
        let outside = s.work + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        for path in [outside + "/r.json", "~/.bashrc", "../r.json"] {
            try plant("report = \"\(path)\"\n", in: s)
            let result = try run(s, ["--trust-project"])
            #expect(result.status == 2 && result.stderr.contains("report must be a relative path inside the project"), "\(path)")
        }
        try FileManager.default.createSymbolicLink(atPath: s.project + "/out", withDestinationPath: outside)
        try plant("summary = \"out/.bashrc\"\n", in: s)
        let linked = try run(s, ["--trust-project"])
        #expect(linked.status == 2, "\(linked.stdout)")
        #expect(linked.stderr.contains("summary leads through the symbolic link \(s.project)/out"), "\(linked.stderr)")
        #expect(!FileManager.default.fileExists(atPath: outside + "/.bashrc"))
        // Inside the project, a trusted file's report is written where it says.
        unlink(s.project + "/out")
        try plant("report = \"reports/run.json\"\n", in: s)
        let fine = try run(s, ["--trust-project"])
        #expect(fine.status == 0 && FileManager.default.fileExists(atPath: s.project + "/reports/run.json"), "\(fine.stderr)")
    }

    @Test("~ in the user's own file is $HOME, not the account's home from the password database")
    func tildeIsHome() throws {
        guard Harness.require([]) else { return }
        let s = try setup("trust tilde")
        try "mount-root = \"~/caches\"\n".write(
            toFile: s.environment["XDG_CONFIG_HOME"]! + "/cachewatch/config.toml", atomically: true, encoding: .utf8)
        var environment = s.environment
        environment["HOME"] = s.work + "/home"
        environment["MOUNT_ROOT"] = ""
        let result = try Harness.cachewatch(["history"], environment: environment, directory: s.work)
        #expect(result.stdout.contains("\(s.work)/home/caches/cachewatch/history.sqlite"), "\(result.stdout)")
    }
}
