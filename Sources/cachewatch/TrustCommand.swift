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
        let directory = project ?? FileManager.default.currentDirectoryPath
        let reply = TrustAction().perform(list ? .list : revoke ? .revoke(project: directory) : .trust(project: directory))
        if !reply.out.isEmpty { Output.out(reply.out.joined(separator: "\n")) }
        if !reply.err.isEmpty { Output.err(reply.err.joined(separator: "\n") + "\n") }
        if reply.status != 0 { throw ExitCode(reply.status) }
    }
}
