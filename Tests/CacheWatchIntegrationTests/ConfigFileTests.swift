import CacheWatchCore
import CacheWatchRunner
import CacheWatchTestSupport
import Foundation
import Testing

/// The config files as a user meets them: `cachewatch config` and `--init`, a bad file stopping everything before
/// it starts, and keys rebound in a real dashboard in tmux.
@Suite("Config files and rebound keys, with the real binary", .serialized)
struct ConfigFileTests {
    /// A config home of the test's own, with `text` as the user's config file.
    private func configHome(_ work: String, _ text: String?) throws -> String {
        let home = work + "/config home"
        try FileManager.default.createDirectory(atPath: home + "/cachewatch", withIntermediateDirectories: true)
        if let text { try text.write(toFile: home + "/cachewatch/config.toml", atomically: true, encoding: .utf8) }
        return home
    }

    @Test("cachewatch config: each setting with where it came from, through every layer")
    func effective() throws {
        guard Harness.require([]) else { return }
        let work = try Harness.temporaryDirectory("config effective")
        let home = try configHome(work, "engine = \"docker\"\nscrollback = 2000\nwatch = true\n[keys]\nrerun = \"R\"\n")
        let project = try Scratch.tinyProject(at: work + "/a 'project'")
        try "engine = \"native\"\nreport = \"out/r.json\"\n".write(
            toFile: project + "/.cachewatch.toml", atomically: true, encoding: .utf8)
        let result = try Harness.cachewatch(
            ["config", "--project", project, "--scrollback", "3000", "--fresh", "--trust-project"],
            environment: ["XDG_CONFIG_HOME": home, "MOUNT_ROOT": work + "/m", "SCCACHE_CACHE_SIZE": "", "NO_COLOR": "1"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        func line(_ prefix: String) -> String { lines.first { $0.hasPrefix(prefix) } ?? "" }
        #expect(line("engine = \"native\"").hasSuffix("# \(project)/.cachewatch.toml:1"), "\(result.stdout)")
        #expect(line("report = ").contains("\(project)/out/r.json"))
        #expect(line("scrollback = 3000").hasSuffix("# --scrollback"))
        #expect(line("mount-root = ").hasSuffix("# $MOUNT_ROOT"))
        #expect(line("color = false").hasSuffix("# $NO_COLOR"))
        #expect(line("fresh = true").hasSuffix("# --fresh") && line("watch = false").hasSuffix("# --fresh"))
        #expect(lines.contains { $0.hasPrefix("# watch (") && $0.hasSuffix("is off for this run: --fresh wins over it") })
        #expect(line("rerun = \"R\"").hasSuffix("/cachewatch/config.toml:5"))
        #expect(line("# cache-size: 5G").hasSuffix("# default"))
        // `keys` prints the table as the file binds it; --default as docs/usage.md shows it.
        let keys = try Harness.cachewatch(["keys"], environment: ["XDG_CONFIG_HOME": home])
        #expect(keys.stdout.contains("| `R` | everywhere | Re-run the build"))
        let standard = try Harness.cachewatch(["keys", "--default"], environment: ["XDG_CONFIG_HOME": home])
        #expect(standard.stdout == Keymap.standard.markdownTable + "\n")
    }

    @Test("Every setting of the option table is a flag of run and demo (the man page and completions come from the flags)")
    func flagsAreTheTable() throws {
        guard Harness.require([]) else { return }
        for command in ["run", "demo"] {
            let help = try Harness.cachewatch([command, "--help"], environment: ["COLUMNS": "200"])
            #expect(help.status == 0, "\(help.stderr)")
            for option in ConfigOption.all where option.name != "command" {
                #expect(help.stdout.contains("--\(option.name)"), "cachewatch \(command) has no --\(option.name)")
            }
        }
    }

    @Test("The man page and the shells' completions in docs/ are generated from the command line (its help from the table)")
    func referenceFiles() throws {
        guard Harness.require([]) else { return }
        let dump = try Harness.cachewatch(["--experimental-dump-help"])
        #expect(dump.status == 0, "\(dump.stderr)")
        var files = ["docs/man/cachewatch.1": try ManPage.roff(dumpHelp: Data(dump.stdout.utf8))]
        for shell in ["bash", "zsh", "fish"] {
            let script = try Harness.cachewatch(["--generate-completion-script", shell])
            #expect(script.status == 0, "\(script.stderr)")
            files["docs/completions/cachewatch.\(shell)"] = script.stdout
        }
        #expect(try #require(files["docs/man/cachewatch.1"]).contains("\\fB\\-\\-cache\\-env\\fR \\fI<name>\\fR"))
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            let url = URL(fileURLWithPath: Harness.packageRoot + "/" + path)
            let stored = try? String(contentsOf: url, encoding: .utf8)
            if Golden.recording, stored != text {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
                Issue.record("recorded \(path)")
                continue
            }
            #expect(
                stored == text, "\(path) is stale: CACHEWATCH_RECORD_SNAPSHOTS=1 swift test --filter referenceFiles writes it")
        }
    }

    @Test("history and why read the mount root a config file names, as a run would")
    func historyMountRoot() throws {
        guard Harness.require([]) else { return }
        let work = try Harness.temporaryDirectory("config history")
        let home = try configHome(work, "mount-root = \"caches\"\n")
        let result = try Harness.cachewatch(
            ["history"], environment: ["XDG_CONFIG_HOME": home, "MOUNT_ROOT": ""], directory: work)
        #expect(result.stdout.contains("\(home)/cachewatch/caches/cachewatch/history.sqlite does not exist"), "\(result.stdout)")
        let flagged = try Harness.cachewatch(
            ["history", "--mount-root", work + "/m"], environment: ["XDG_CONFIG_HOME": home], directory: work)
        #expect(flagged.stdout.contains("\(work)/m/cachewatch/history.sqlite does not exist"), "\(flagged.stdout)")
    }

    @Test("A bad config file stops every command before anything starts, with every problem and its line")
    func badFile() throws {
        guard Harness.require([]) else { return }
        let work = try Harness.temporaryDirectory("config bad")
        let home = try configHome(work, "engin = \"native\"\nscrollback = 5\n[keys]\nrerun = \"s\"\n")
        let project = try Scratch.tinyProject(at: work + "/p")
        for arguments in [["config"], ["--headless", "--project", project, "--mount-root", work + "/m"], ["doctor"]] {
            let result = try Harness.cachewatch(arguments, environment: ["XDG_CONFIG_HOME": home], directory: project)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            let file = "\(home)/cachewatch/config.toml"
            #expect(result.stderr.hasPrefix("cachewatch: error: 3 problems in the settings:\n"), "\(result.stderr)")
            #expect(result.stderr.contains("  \(file):1: unknown setting engin; did you mean engine?"))
            #expect(result.stderr.contains("  \(file):2: scrollback must be an integer from 100 to 100000000 (got 5)"))
            #expect(result.stderr.contains("  \(file):4: rerun = \"s\" conflicts with stop (its default key)"))
            #expect(result.stdout.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: work + "/m"), "nothing was created: the run never started")
        // Not TOML at all: the line and column.
        let broken = try configHome(work + "/2", "watch = = true\n")
        let result = try Harness.cachewatch(["config"], environment: ["XDG_CONFIG_HOME": broken])
        #expect(result.status == 2 && result.stderr.contains("/cachewatch/config.toml:1: not valid TOML: "), "\(result.stderr)")
    }

    @Test("config --init writes a commented file of the defaults that reads back unchanged; never over a file unless --force")
    func initialize() throws {
        guard Harness.require([]) else { return }
        let work = try Harness.temporaryDirectory("config init")
        let home = try configHome(work, nil)
        let environment = ["XDG_CONFIG_HOME": home]
        let before = try Harness.cachewatch(["config"], environment: environment, directory: work)
        let written = try Harness.cachewatch(["config", "--init"], environment: environment)
        #expect(written.status == 0 && written.stdout.contains("wrote"), "\(written.stderr)")
        let text = try String(contentsOfFile: home + "/cachewatch/config.toml", encoding: .utf8)
        #expect(text.contains("\n# Lines of log kept in the dashboard.\nscrollback = 100000\n"))
        #expect(text.contains("\n# rerun = \"r\"\n") && text.contains("\n# hit = \"default\"\n"))
        let after = try Harness.cachewatch(["config"], environment: environment, directory: work)
        // The same values; only the sources differ (the file now says what the defaults said).
        func values(_ output: String) -> [String] {
            output.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
                String($0.split(separator: "#", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces)
            }
        }
        #expect(values(after.stdout) == values(before.stdout), "\(after.stdout)")
        #expect(after.stdout.contains("scrollback = 100000") && after.stdout.contains("config.toml:"))
        let again = try Harness.cachewatch(["config", "--init"], environment: environment)
        #expect(again.status == 1 && again.stderr.contains("is there already; --force replaces it"))
        let forced = try Harness.cachewatch(["config", "--init", "--force"], environment: environment)
        #expect(forced.status == 0)
        let printed = try Harness.cachewatch(["config", "--init", "--file", "-"], environment: environment)
        #expect(printed.stdout == text)
    }

    @Test("Rebound keys drive the dashboard in tmux and show in the hints and ?; the old keys do nothing; Ctrl-C still quits")
    func reboundKeys() throws {
        guard Harness.require(["cargo", "sccache", "tmux"]) else { return }
        let work = try Harness.temporaryDirectory("config keys")
        let home = try configHome(work, "[keys]\nrerun = \"R\"\nquit = \"Q\"\ntoggle-help = \"F1\"\n")
        let project = try Scratch.tinyProject(at: work + "/keys 'crate'")
        let run = try DashboardRun(
            "config-keys",
            arguments: [
                "--engine", "native", "--project", project, "--mount-root", work + "/m", "--no-record", "--", "cargo",
                "build", "--release", "--offline",
            ], environment: ["XDG_CONFIG_HOME": home])
        defer { run.tmux.kill() }
        var screen = try run.tmux.waitFor(timeout: 120) { $0.contains("✔ succeeded") }
        let bar = screen.split(separator: "\n").last.map(String.init) ?? ""
        #expect(bar.contains("R rerun") && bar.contains("F1 help") && bar.contains("Q quit"), "\(bar)")
        #expect(!bar.contains("r rerun") && !bar.contains("q quit"))

        // The old keys do nothing: keys are read in order, so once R's run is there, r and q were read before it.
        try run.tmux.send("r")
        try run.tmux.send("q")
        try run.tmux.send("R")
        screen = try run.tmux.waitFor(timeout: 60) { $0.contains("run 2:") && $0.contains("✔ succeeded") }
        #expect(!screen.contains("run 3:") && !screen.contains("CACHEWATCH-EXITED"), "\(screen)")

        // The help, drawn down to the quit key's row, names the rebound keys.
        try run.tmux.send("F1")
        screen = try run.tmux.waitFor(timeout: 20) { $0.contains("Re-run the build") && $0.contains("Ctrl-C") }
        let helpLine = screen.split(separator: "\n").first { $0.contains("Re-run the build") }.map(String.init) ?? ""
        #expect(helpLine.contains(" R "), "\(helpLine)")
        #expect(screen.contains("Q / Ctrl-C"), "\(screen)")
        try run.tmux.send("Escape")

        try run.tmux.send("Q")
        _ = try run.tmux.waitFor(timeout: 20) { $0.contains("CACHEWATCH-EXITED") }
        #expect(run.terminalRestored)
        #expect(run.exitStatus == "0")
        #expect(run.leftovers().isEmpty)
    }

    @Test("A project's file gives the command; its watch = true does not stop a run without a terminal (it builds once)")
    func projectFileHeadless() throws {
        guard Harness.require(["cargo", "sccache"]) else { return }
        let work = try Harness.temporaryDirectory("config project")
        let project = try Scratch.tinyProject(at: work + "/p q")
        try "watch = true\ncommand = [\"cargo\", \"build\", \"--offline\", \"--locked\"]\n".write(
            toFile: project + "/.cachewatch.toml", atomically: true, encoding: .utf8)
        let result = try Harness.cachewatch(
            ["--engine", "native", "--project", project, "--mount-root", work + "/m", "--no-record", "--trust-project"],
            environment: ["XDG_CONFIG_HOME": try configHome(work, nil)], timeout: 180)
        #expect(result.status == 0, "\(result.stderr)")
        // The file's command: a dev build (the default command builds --release).
        #expect(result.stdout.contains("Finished `dev` profile"), "\(result.stdout)")
        #expect(result.stdout.contains("build succeeded"))
    }

    @Test("[colors] reach the terminal's cells; Ctrl-C quits even when quit is rebound")
    func colorsAndControlC() throws {
        guard Harness.require(["cargo", "sccache", "tmux"]) else { return }
        let work = try Harness.temporaryDirectory("config ctrl-c")
        let home = try configHome(work, "[keys]\nquit = \"Q\"\n[colors]\nstatus-key = \"bold black on 208\"\n")
        let project = try Scratch.tinyProject(at: work + "/p")
        let run = try DashboardRun(
            "config-ctrl-c",
            // --color: the test runner may set NO_COLOR, and a flag wins over it.
            arguments: ["--engine", "native", "--project", project, "--mount-root", work + "/m", "--no-record", "--color"],
            environment: ["XDG_CONFIG_HOME": home, "NO_COLOR": "1"])
        defer { run.tmux.kill() }
        _ = try run.tmux.waitFor(timeout: 120) { $0.contains("Q quit") }
        let styled = try run.tmux.captureStyled()
        let bar = styled.split(separator: "\n").last { $0.contains("quit") }.map(String.init) ?? ""
        #expect(bar.contains("48;5;208"), "the status bar's keys on colour 208: \(bar.debugDescription)")
        try run.tmux.send("C-c")
        _ = try run.tmux.waitFor(timeout: 20) { $0.contains("CACHEWATCH-EXITED") }
        #expect(run.terminalRestored && run.leftovers().isEmpty)
    }
}
