import ArgumentParser
import CacheWatchCore
import CacheWatchRunner
import Foundation

/// `cachewatch trust`: shows a project's `.cachewatch.toml`, each setting with what it changes, and trusts that file
/// with that content (direnv's `allow`, mise's `trust`); `--revoke` forgets it, `--list` lists the files trusted.
struct TrustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "Trust a project's .cachewatch.toml: show what it changes, then let it apply (until it changes).",
        discussion: """
            A project's file comes with its code, so nothing in it applies until you trust it. Trusting records the \
            file's path and SHA-256 in $XDG_STATE_HOME/cachewatch/trusted (by default ~/.local/state/cachewatch/trusted); \
            a file changed since is untrusted again. Even trusted, a project's file names paths only inside the \
            project and never sets keys, colours, docker-arg, sccache, cache-env, owner or keep-sessions. \
            --trust-project on a run trusts it for that run alone.
            """
    )

    @Option(
        name: .long,
        help: ArgumentHelp("The project whose .cachewatch.toml is trusted (default: the current directory).", valueName: "dir"))
    var project: String?

    @Flag(help: "Forget the project's file: it no longer applies.")
    var revoke = false

    @Flag(help: "List the files you trust, and whether each is unchanged.")
    var list = false

    func run() throws {
        let store = Configuration.store
        let stored: TrustList
        do {
            stored = try store.load()
        } catch {
            Output.err(
                "cachewatch: error: cannot read the trusted files' list \(Launcher.abbreviate(store.path)): \(error.reason)\n")
            throw ExitCode(1)
        }
        if list {
            listTrusted(stored)
            return
        }
        let directory = Launcher.absolute(project ?? FileManager.default.currentDirectoryPath)
        let path = ConfigReader.projectFile(project: directory)
        let shown = Launcher.abbreviate(path)
        guard let canonical = TrustStore.canonical(path) else {
            Output.err("cachewatch: error: \(directory): \(String(cString: strerror(errno)))\n")
            throw ExitCode(1)
        }
        var updated = stored
        if revoke {
            guard updated.revoke(path: canonical) else {
                Output.out("cachewatch: \(shown) was not trusted: nothing to forget")
                return
            }
            try save(updated, store)
            Output.out("cachewatch: \(shown) is no longer trusted: none of it applies")
            return
        }
        let file: ConfigFile?
        do {
            file = try ConfigReader.read(path, shown: shown, kind: .project)
        } catch {
            Output.err(Configuration.message(error) + "\ncachewatch: \(shown) is not trusted\n")
            throw ExitCode(1)
        }
        guard let file else {
            Output.err("cachewatch: error: there is no \(shown) to trust\n")
            throw ExitCode(1)
        }
        let environment = ProcessInfo.processInfo.environment
        let settings: Settings
        do {
            let user = try ConfigReader.read(
                ConfigReader.userFile(environment: environment, home: Launcher.home), shown: "your config file", kind: .user)
            settings = try ConfigResolver.resolve(environment: environment, project: file, trust: .forThisRun, user: user)
        } catch {
            Output.err(Configuration.message(error) + "\ncachewatch: \(shown) is not trusted: fix it first\n")
            throw ExitCode(1)
        }
        let problems = Configuration.linksOut(settings, project: directory).map(\.description)
        guard problems.isEmpty else {
            Output.err(problems.map { "cachewatch: error: \($0)\n" }.joined() + "cachewatch: \(shown) is not trusted\n")
            throw ExitCode(1)
        }
        let changes = settings.projectFile?.changes ?? []
        var lines = ["cachewatch: \(shown) (sha256 \(file.digest.prefix(16))…)"]
        lines += changes.isEmpty ? ["  changes nothing of your settings"] : changes.map { "  \($0)" }
        let was = stored.status(path: canonical, digest: file.digest)
        updated.trust(path: canonical, digest: file.digest)
        try save(updated, store)
        lines.append(
            was == .trusted
                ? "cachewatch: it was trusted already, with this content"
                : "cachewatch: trusted: it applies to runs of this project until it changes (`cachewatch trust --revoke` forgets it)"
        )
        Output.out(lines.joined(separator: "\n"))
    }

    private func save(_ list: TrustList, _ store: TrustStore) throws {
        do {
            try store.save(list)
        } catch {
            Output.err("cachewatch: error: cannot write \(Launcher.abbreviate(store.path)): \(error.reason)\n")
            throw ExitCode(1)
        }
    }

    private func listTrusted(_ list: TrustList) {
        guard !list.digests.isEmpty else {
            Output.out("cachewatch: no project file is trusted")
            return
        }
        for path in list.digests.keys.sorted() {
            var state = "gone"
            if let bytes = try? SafeFile.read(path, limit: ConfigLimits.maximumSize + 1) {
                state = SHA256.hex(bytes) == list.digests[path] ? "trusted" : "changed since: not trusted"
            }
            Output.out("\(Launcher.abbreviate(path))  \(state)")
        }
    }
}
