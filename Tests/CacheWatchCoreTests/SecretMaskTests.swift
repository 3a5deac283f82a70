import Testing

@testable import CacheWatchCore

@Suite("Secrets are never shown or written")
struct SecretMaskTests {
    @Test(
        "Secret assignments are masked, in every form",
        arguments: [
            ("AWS_SECRET_ACCESS_KEY=abc123", "AWS_SECRET_ACCESS_KEY=****"),
            ("GITHUB_TOKEN=ghp_x", "GITHUB_TOKEN=****"),
            ("--env=NPM_TOKEN=x", "--env=NPM_TOKEN=****"),
            ("-eDB_PASSWORD=x", "-eDB_PASSWORD=****"),
            ("REGISTRY_SECRET=x", "REGISTRY_SECRET=****"),
            ("SCCACHE_REDIS=redis://user:hunter2@cache:6379/0", "SCCACHE_REDIS=redis://user:****@cache:6379/0"),
            ("SCCACHE_REDIS_ENDPOINT=redis://:hunter2@cache", "SCCACHE_REDIS_ENDPOINT=redis://:****@cache"),
            ("SCCACHE_REDIS=redis://cache:6379", "SCCACHE_REDIS=redis://cache:6379"),
            ("CARGO_INCREMENTAL=0", "CARGO_INCREMENTAL=0"),
            ("--features=a,b", "--features=a,b"),
            ("build", "build"),
        ])
    func masks(input: String, expected: String) {
        #expect(SecretMask.argument(input) == expected)
    }

    @Test("The header of the dashboard shows the masked command")
    func header() {
        let command = ShellQuote.join(SecretMask.arguments(["env", "MY_TOKEN=s3cr3t", "cargo", "build"]))
        var state = AppState(session: SessionInfo(engine: "native", project: "p", command: command), cacheLimit: nil)
        _ = state.update(.resize(width: 100, height: 30))
        var screen = Screen(width: 100, height: 30)
        DashboardView.render(state, into: &screen)
        #expect(screen.row(0).contains("MY_TOKEN=****"))
        #expect(!screen.textDump.contains("s3cr3t"))
    }
}
