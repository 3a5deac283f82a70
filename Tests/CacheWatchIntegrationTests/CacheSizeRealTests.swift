import CacheWatchCore
import CacheWatchRunner
import Foundation
import Testing

@Suite("The real sccache reads the cache size cachewatch passes", .serialized)
struct CacheSizeRealTests {
    @Test(
        "Forms sccache 0.16 itself misreads as 10 GiB reach it as the same number of bytes",
        arguments: ["20MiB", "5GB", "0.5G", "5 G", "1000"])
    func realServer(text: String) throws {
        guard Harness.require(["sccache"]) else { return }
        let sccache = try SccacheLocator.locate(explicit: nil)
        let size = try CacheSize.parse(text)
        let port = try #require(Ports.free())
        let directory = try Harness.temporaryDirectory("cache size")
        let environment = [
            "SCCACHE_SERVER_PORT": String(port), "SCCACHE_DIR": directory, "SCCACHE_CACHE_SIZE": size.sccacheValue,
        ]
        defer { _ = try? CommandRunner.run([sccache, "--stop-server"], environment: environment, timeout: 20) }
        let start = try CommandRunner.run([sccache, "--start-server"], environment: environment, timeout: 30)
        #expect(start.succeeded, "\(start.stderr)")
        let json = try CommandRunner.run([sccache, "--show-stats", "--stats-format=json"], environment: environment)
        let stats = try SccacheJSONParser.parse(json.stdout)
        #expect(stats.maxCacheSize == size.bytes, "\(text) → SCCACHE_CACHE_SIZE=\(size.sccacheValue)")
    }
}
