import Foundation
import Testing

@testable import CacheWatchCore

@Suite("Secrets are never shown or written")
struct SecretMaskTests {
    @Test(
        "One argument: secret assignments and URL credentials are masked, everything else is kept",
        arguments: [
            ("AWS_SECRET_ACCESS_KEY=abc123", "AWS_SECRET_ACCESS_KEY=****"),
            ("GITHUB_TOKEN=ghp_x", "GITHUB_TOKEN=****"),
            ("--env=NPM_TOKEN=x", "--env=NPM_TOKEN=****"),
            ("-eDB_PASSWORD=x", "-eDB_PASSWORD=****"),
            ("REGISTRY_SECRET=x", "REGISTRY_SECRET=****"),
            ("API_KEY=k-123", "API_KEY=****"),
            ("OPENAI_API_KEY=sk-1", "OPENAI_API_KEY=****"),
            ("SCCACHE_AZURE_KEY=abc", "SCCACHE_AZURE_KEY=****"),
            ("AWS_ACCESS_KEY_ID=AKIA123", "AWS_ACCESS_KEY_ID=AKIA123"),
            ("SCCACHE_GCS_KEY_PATH=/etc/key.json", "SCCACHE_GCS_KEY_PATH=/etc/key.json"),
            ("SCCACHE_REDIS=redis://user:hunter2@cache:6379/0", "SCCACHE_REDIS=redis://user:****@cache:6379/0"),
            ("SCCACHE_REDIS_ENDPOINT=redis://:hunter2@cache", "SCCACHE_REDIS_ENDPOINT=redis://:****@cache"),
            ("SCCACHE_REDIS=redis://hunter2@cache:6379", "SCCACHE_REDIS=redis://****@cache:6379"),
            ("SCCACHE_REDIS=redis://cache:6379", "SCCACHE_REDIS=redis://cache:6379"),
            ("DATABASE_URL=postgres://u:pw@h/db", "DATABASE_URL=postgres://u:****@h/db"),
            ("SCCACHE_WEBDAV_ENDPOINT=https://u:pw@dav.example/x@y", "SCCACHE_WEBDAV_ENDPOINT=https://u:****@dav.example/x@y"),
            ("https://ghp_token@github.com/o/r", "https://****@github.com/o/r"),
            // Every URL of a list (a Redis cluster's endpoints), not only the first; a comma inside a password stays hidden.
            (
                "SCCACHE_REDIS_CLUSTER_ENDPOINTS=redis://:pw1@h1:6379,redis://:pw2@h2:6379,rediss://u:pw3@h3",
                "SCCACHE_REDIS_CLUSTER_ENDPOINTS=redis://:****@h1:6379,redis://:****@h2:6379,rediss://u:****@h3"
            ),
            ("redis://tok1@h1,redis://tok2@h2", "redis://****@h1,redis://****@h2"),
            ("redis://:pa,ss@h1", "redis://:****@h1"),
            (
                "SCCACHE_AZURE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=a;AccountKey=Zm9v==;EndpointSuffix=x",
                "SCCACHE_AZURE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=a;AccountKey=****;EndpointSuffix=x"
            ),
            ("--password=hunter2", "--password=****"),
            ("--api-key=abc", "--api-key=****"),
            ("--features=a,b", "--features=a,b"),
            ("CARGO_INCREMENTAL=0", "CARGO_INCREMENTAL=0"),
            ("PWD=/home/me", "PWD=/home/me"),
            ("me@example.com", "me@example.com"),
            ("build", "build"),
            ("", ""),
        ])
    func argument(input: String, expected: String) {
        #expect(SecretMask.argument(input) == expected)
    }

    @Test(
        "An argv array: a secret flag given as two arguments hides the second",
        arguments: [
            (["cargo", "publish", "--token", "abc"], ["cargo", "publish", "--token", "****"]),
            (["tool", "--password", "pw", "--verbose"], ["tool", "--password", "****", "--verbose"]),
            (["tool", "--features", "x"], ["tool", "--features", "x"]),
            (["docker", "run", "-e", "SCCACHE_REDIS", "img"], ["docker", "run", "-e", "SCCACHE_REDIS", "img"]),
            (["env", "MY_TOKEN=s3cr3t", "cargo", "build"], ["env", "MY_TOKEN=****", "cargo", "build"]),
        ])
    func argv(input: [String], expected: [String]) {
        #expect(SecretMask.arguments(input) == expected)
    }

    @Test(
        "Free text: a cache location, a log line, JSON; the text around a secret is unchanged",
        arguments: [
            ("redis, name: redis://:pw@127.0.0.1:6379, prefix: /", "redis, name: redis://:****@127.0.0.1:6379, prefix: /"),
            (
                "Init redis single-node cache with url redis://user:s3cretpw@127.0.0.1:46380",
                "Init redis single-node cache with url redis://user:****@127.0.0.1:46380"
            ),
            ("{\"cache_location\":\"redis://a:b@h\",\"x\":1}", "{\"cache_location\":\"redis://a:****@h\",\"x\":1}"),
            ("run with API_KEY=abc and MY_TOKEN=def now", "run with API_KEY=**** and MY_TOKEN=**** now"),
            ("login --password hunter2 --user me", "login --password **** --user me"),
            ("https://host/path?token=abc&page=2", "https://host/path?token=****&page=2"),
            ("Local disk: \"/root/.cache/sccache\"", "Local disk: \"/root/.cache/sccache\""),
            ("   Compiling serde v1.0 (registry+https://x)", "   Compiling serde v1.0 (registry+https://x)"),
            ("a=b c==d", "a=b c==d"),
        ])
    func text(input: String, expected: String) {
        #expect(SecretMask.text(input) == expected)
    }

    @Test("An environment listing masks by name and by value")
    func environment() {
        let listed = SecretMask.environment([
            "SCCACHE_REDIS": "redis://u:pw@h", "AWS_SECRET_ACCESS_KEY": "x", "CARGO_TERM_COLOR": "always",
        ])
        #expect(listed == ["AWS_SECRET_ACCESS_KEY=****", "CARGO_TERM_COLOR=always", "SCCACHE_REDIS=redis://u:****@h"])
    }

    @Test("The dashboard's header and the stats footer show only masked values; the parsers mask the location")
    func header() throws {
        let command = ShellQuote.join(SecretMask.arguments(["env", "MY_TOKEN=s3cr3t", "cargo", "build"]))
        var state = AppState(session: SessionInfo(engine: .native, project: "p", command: command), cacheLimit: nil)
        _ = state.update(.resize(width: 170, height: 40))
        // A real capture of sccache with a Redis backend, given a password as users do.
        let json = try Fixture.text("redis-stats-after-build1.json").replacingOccurrences(
            of: "redis://127.0.0.1", with: "redis://user:hunter2@127.0.0.1")
        let stats = try SccacheJSONParser.parse(json)
        #expect(stats.cacheLocation == "redis, name: redis://user:****@127.0.0.1:46379, prefix: /")
        let text = try Fixture.text("redis-stats-after-build1.txt").replacingOccurrences(
            of: "redis://127.0.0.1", with: "redis://user:hunter2@127.0.0.1")
        #expect(SccacheTextParser.parse(text)?.cacheLocation?.contains("****@127") == true)
        _ = state.update(.stats(stats, final: false))
        var screen = Screen(width: 170, height: 40)
        DashboardView.render(state, into: &screen)
        #expect(screen.row(0).contains("MY_TOKEN=****"))
        #expect(screen.textDump.contains("redis://user:****@"))
        #expect(!screen.textDump.contains("s3cr3t"))
        #expect(!screen.textDump.contains("hunter2"))
    }
}
