import CacheWatchCore
import CacheWatchRunner
import Foundation
import Testing

/// Every cachewatch command README.md and docs/ show is run as written, in a fresh home with a config file of the
/// user's own (the stand-in image, the host's toolchain) and a tiny project: a page that shows a flag cachewatch
/// lost, or an order of commands that cannot work, fails here.
@Suite("The commands in README and docs", .serialized)
struct DocsCommandsTests {
    /// A command as a page shows it: the page, and its words (a command's own `#` comment dropped).
    struct Shown: Hashable, CustomStringConvertible {
        var page: String
        var words: [String]
        var description: String { "\(page): \(words.joined(separator: " "))" }
        /// The word after `cachewatch`, if any.
        var subcommand: String? { words.dropFirst().first }
        var isReplayOnScreen: Bool { subcommand == "replay" && !words.contains("--export-cast") }
    }

    /// The `cachewatch` commands of README.md and docs/*.md: lines of ```sh blocks, `$ cachewatch` lines of any
    /// block, and `run: cachewatch` in ```yaml blocks (CI steps). Only the first page showing a command keeps it.
    static func shown() throws -> [Shown] {
        let root = Harness.packageRoot
        var paths = ["README.md"]
        paths += try FileManager.default.contentsOfDirectory(atPath: root + "/docs").filter { $0.hasSuffix(".md") }.sorted()
            .map { "docs/" + $0 }
        var seen = Set<[String]>()
        var result: [Shown] = []
        for path in paths {
            var fence: String?
            for raw in try String(contentsOfFile: root + "/" + path, encoding: .utf8).split(
                separator: "\n", omittingEmptySubsequences: false)
            {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.hasPrefix("```") {
                    fence = fence == nil ? String(line.dropFirst(3)) : nil
                    continue
                }
                guard let fence else { continue }
                var command: Substring?
                if line.hasPrefix("$ cachewatch") {
                    command = line.dropFirst(2)
                } else if fence == "sh", line.hasPrefix("cachewatch") {
                    command = Substring(line)
                } else if fence == "yaml", line.hasPrefix("run: cachewatch") {
                    command = line.dropFirst(5)
                }
                guard var command else { continue }
                if let comment = command.range(of: " #") { command = command[..<comment.lowerBound] }
                let words = command.split(separator: " ").map(String.init)
                if seen.insert(words).inserted { result.append(Shown(page: path, words: words)) }
            }
        }
        return result
    }

    @Test("Each command shown runs as written: the builds, history, why, replay, doctor, the version")
    func everyCommandRuns() throws {
        guard DockerHarness.require(), Harness.require(["tmux"]) else { return }
        let commands = try Self.shown()
        #expect(commands.count >= 15, "\(commands)")
        for command in commands {
            #expect(
                !command.words.contains { $0.contains("\"") || $0.contains("'") || $0.contains("$") },
                "\(command): quoting or variables; this test splits words on spaces only")
        }
        let work = try Harness.temporaryDirectory("docs commands")
        let project = try Scratch.tinyProject(at: work + "/app")
        let mount = work + "/mount"
        let configHome = work + "/config"
        try FileManager.default.createDirectory(atPath: configHome + "/cachewatch", withIntermediateDirectories: true)
        // The user's own config file: the stand-in for clux/muslrust (no network here) and the toolchain it uses.
        let sysroot = try CommandRunner.run(["rustc", "--print", "sysroot"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try """
        image = "\(DockerHarness.image)"
        docker-arg = ["-v", "\(sysroot):/usr/local/rust:ro"]
        """.write(toFile: configHome + "/cachewatch/config.toml", atomically: true, encoding: .utf8)
        let environment = [
            "MOUNT_ROOT": mount, "XDG_CONFIG_HOME": configHome, "XDG_STATE_HOME": work + "/state",
        ]
        // Builds first (they make the history and the recordings the other pages read), in the pages' order.
        let builds = commands.filter {
            !["history", "why", "replay", "doctor", "--version"].contains($0.words.dropFirst().first ?? "")
        }
        let others = commands.filter { !builds.contains($0) }
        #expect(builds.count >= 4 && others.count >= 10, "builds: \(builds); others: \(others)")
        for command in builds + others where !command.isReplayOnScreen {
            let words = try Self.resolved(command.words, mount: mount)
            let result = try Harness.cachewatch(
                Array(words.dropFirst()), environment: environment, directory: project, timeout: 300)
            #expect(
                result.status == 0,
                "\(command) exited \(result.status):\n\(result.stdout.suffix(1500))\n\(result.stderr.suffix(1500))")
            #expect(!result.stdout.isEmpty, "\(command) printed nothing")
            if builds.contains(command) {
                #expect(result.stdout.contains("cachewatch: build succeeded"), "\(command):\n\(result.stdout.suffix(800))")
            }
        }
        #expect(
            FileManager.default.fileExists(atPath: project + "/build.json"), "--report build.json writes the project's build.json"
        )
        // The replays that show the dashboard need a terminal: in tmux, each shown, then quit with q.
        for (index, command) in others.enumerated() where command.isReplayOnScreen {
            let words = try Self.resolved(command.words, mount: mount)
            let run = try DashboardRun(
                "docs replay \(index)", arguments: Array(words.dropFirst()), directory: project, environment: environment)
            defer { run.tmux.kill() }
            _ = try run.tmux.waitFor(timeout: 60) { $0.contains("replay") && $0.contains("Disk") }
            try run.quit()
            #expect(run.exitStatus == "0", "\(command) exited \(run.exitStatus)")
        }
    }

    @Test("The config file docs/config.md shows is read as it is, each of its settings from that file")
    func configExample() throws {
        guard Harness.require([]) else { return }
        let page = try String(contentsOfFile: Harness.packageRoot + "/docs/config.md", encoding: .utf8)
        let start = try #require(page.range(of: "```toml\n"))
        let end = try #require(page.range(of: "\n```", range: start.upperBound..<page.endIndex))
        let example = String(page[start.upperBound..<end.lowerBound])
        let home = try Harness.temporaryDirectory("docs config")
        try FileManager.default.createDirectory(atPath: home + "/cachewatch", withIntermediateDirectories: true)
        try example.write(toFile: home + "/cachewatch/config.toml", atomically: true, encoding: .utf8)
        let result = try Harness.cachewatch(["config"], environment: ["XDG_CONFIG_HOME": home], directory: home)
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        for key in ["engine", "watch", "notify-after"] {
            let line = result.stdout.split(separator: "\n").first { $0.hasPrefix(key + " ") || $0.hasPrefix(key + "=") }
            #expect(line?.contains("config.toml") == true, "\(key) comes from the example file:\n\(result.stdout)")
        }
    }

    /// `words` with the pages' placeholders made real: FILE is the newest recorded session.
    static func resolved(_ words: [String], mount: String) throws -> [String] {
        guard words.contains("FILE") else { return words }
        let sessions = mount + "/cachewatch/sessions"
        let newest = try FileManager.default.contentsOfDirectory(atPath: sessions).filter { $0.hasSuffix(".cwrec") }.max()
        let file = try #require(newest.map { sessions + "/" + $0 }, "no recorded session under \(sessions)")
        return words.map { $0 == "FILE" ? file : $0 }
    }
}
