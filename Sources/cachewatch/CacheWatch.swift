import ArgumentParser
import CacheWatchCore

/// `cachewatch`: a terminal dashboard for sccache-wrapped (containerized muslrust) Rust builds.
@main
struct CacheWatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cachewatch",
        abstract: "Watch a Rust build and sccache's hit/miss statistics live.",
        discussion: """
            Runs the build (by default `cargo build --release --locked`) with RUSTC_WRAPPER=sccache, \
            streams its log, samples `sccache --show-stats --stats-format=json` while it runs, and shows \
            the disk usage of the cargo registry, the sccache directory and target/.
            """,
        version: "cachewatch \(CacheWatch.version) (commit \(BuildInfo.commit))",
        subcommands: [
            RunCommand.self, DemoCommand.self, ReplayCommand.self, HistoryCommand.self, WhyCommand.self, DoctorCommand.self,
            ConfigCommand.self, KeysCommand.self, TrustCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )

    /// This release's version.
    static let version = "0.9.0"
}
