import Testing

@testable import CacheWatchCore

@Suite("The cache size limit, as sccache reads it")
struct CacheSizeTests {
    @Test(
        "Every accepted form becomes sccache's own syntax for the same number of bytes",
        arguments: [
            ("5G", 5 << 30, "5G"), ("5g", 5 << 30, "5G"), ("5 G", 5 << 30, "5G"), ("10GiB", 10 << 30, "10G"),
            ("20MiB", 20 << 20, "20M"), ("5GB", 5 << 30, "5G"), ("0.5G", 512 << 20, "512M"), ("1.5 T", 1536 << 30, "1536G"),
            ("1024", 1024, "1K"), ("1000", 1000, "1000"), ("100K", 100 << 10, "100K"), (" 7 gib ", 7 << 30, "7G"),
            (".25M", 256 << 10, "256K"), ("3 bytes", 3, "3"),
        ] as [(String, Int64, String)])
    func accepted(text: String, bytes: Int64, sccache: String) throws {
        let size = try CacheSize.parse(text)
        #expect(size.bytes == bytes)
        #expect(size.sccacheValue == sccache)
    }

    @Test(
        "What sccache cannot be given is refused, with why",
        arguments: [
            ("0", "no room"), ("0G", "no room"), ("0.0M", "no room"), ("lots", "not a size"), ("5Q", "not a size"),
            ("", "not a size"), ("-5G", "not a size"), ("1.2.3G", "not a size"), ("5.", "not a size"), ("0.3K", "whole number"),
            ("99999999999T", "larger than any disk"), ("G", "not a size"),
        ])
    func refused(text: String, why: String) {
        #expect(throws: CacheSize.Problem.self) { try CacheSize.parse(text) }
        do {
            _ = try CacheSize.parse(text)
        } catch {
            #expect(error.description.contains(why), "\(error)")
        }
    }

    @Test("The disk gauge and the stats panel show one limit: sccache's when it reports one")
    func oneLimit() {
        var state = AppState(session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: 20 << 20)
        #expect(state.cacheLimit == 20 << 20)
        var stats = SccacheStats()
        stats.maxCacheSize = 10 << 30
        _ = state.update(.stats(stats, final: false))
        #expect(state.cacheLimit == 10 << 30)
    }
}
