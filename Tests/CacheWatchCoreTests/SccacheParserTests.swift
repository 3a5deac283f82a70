import Foundation
import Testing

@testable import CacheWatchCore

@Suite("sccache stats parsers")
struct SccacheParserTests {
    @Test("JSON of a warm build: counters, languages, reasons, averages, sizes")
    func warmJSON() throws {
        let stats = try SccacheJSONParser.parse(try Fixture.text("stats-after-build2-warm.json"))
        #expect(stats.compileRequests == 56)
        #expect(stats.requestsExecuted == 28)
        #expect(stats.hits.total == 13)
        #expect(stats.misses.total == 13)
        #expect(stats.cacheErrors.total == 2)
        #expect(stats.compileFailures == 0)
        #expect(stats.hitRate == 0.5)
        #expect(stats.hits.byLanguage.map(\.language) == ["Rust"])
        #expect(
            stats.notCached == [NotCachedReason("crate-type", 22), NotCachedReason("missing input", 4), NotCachedReason("-", 2)])
        #expect(FixedPoint.format(stats.averageCompile ?? -1, places: 3) == "2.571")
        #expect(stats.cacheSize == 14_137_056)
        #expect(stats.maxCacheSize == 10_737_418_240)
        #expect(stats.version == "0.16.0")
        #expect(stats.cacheLocation == "Local disk: \"/home/dev/demo/cache\"")
    }

    @Test("A server with no events yet: empty per-language maps, no hit rate")
    func noServer() throws {
        let stats = try SccacheJSONParser.parse(try Fixture.text("show-stats-no-server.json"))
        #expect(stats.hits.total == 0)
        #expect(stats.misses.total == 0)
        #expect(stats.hitRate == nil)
        #expect(stats.cacheSize == nil)
        #expect(stats.notCached.isEmpty)
        #expect(stats.compileFailures == 0)
    }

    @Test("JSON and text captures of the same moment agree", arguments: try Fixture.pairs())
    func jsonMatchesText(name: String) throws {
        let json = try SccacheJSONParser.parse(try Fixture.text(name + ".json"))
        let text = try #require(SccacheTextParser.parse(try Fixture.text(name + ".txt")))
        #expect(json.compileRequests == text.compileRequests)
        #expect(json.requestsExecuted == text.requestsExecuted)
        #expect(json.hits.total == text.hits.total)
        #expect(json.misses.total == text.misses.total)
        #expect(json.cacheErrors.total == text.cacheErrors.total)
        #expect(json.compileFailures == text.compileFailures)
        #expect(json.requestsNotCacheable == text.requestsNotCacheable)
        #expect(json.notCached.map(\.count).reduce(0, +) == text.notCached.map(\.count).reduce(0, +))
        #expect(Set(json.notCached.map(\.reason)) == Set(text.notCached.map(\.reason)))
        #expect(json.version == text.version)
        #expect(json.cacheLocation == text.cacheLocation)
        if let average = json.averageCompile, let printed = text.averageCompile {
            // sccache prints three decimals of its own Duration arithmetic: equal to the last digit.
            #expect(abs(average - printed) <= 0.0011)
        }
        for entry in json.hits.byLanguage {
            #expect(text.hits.byLanguage.first { $0.language == entry.language }?.count == entry.count)
        }
    }

    @Test("The seed's sccache 0.8.0 report, with C/C++ and no hit-rate lines")
    func seedText() throws {
        let stats = try #require(SccacheTextParser.parse(try Fixture.text("seed-0.8.0-warm.txt")))
        #expect(stats.compileRequests == 542)
        #expect(stats.requestsExecuted == 488)
        #expect(stats.hits.total == 484)
        #expect(stats.hits.byLanguage.map(\.language) == ["C/C++", "Rust"])
        #expect(stats.hits.byLanguage.map(\.count) == [36, 448])
        #expect(stats.misses.total == 1)
        #expect(stats.compileFailures == 3)
        #expect(stats.requestsNotCacheable == 52)
        #expect(stats.notCached.first == NotCachedReason("unknown source language", 24))
        #expect(stats.notCached.count == 4)
        #expect(stats.averageCompile == 1.568)
        #expect(stats.cacheSize == Int64(494) << 20)
        #expect(stats.maxCacheSize == Int64(10) << 30)
        #expect(stats.version == "0.8.0")
        #expect(FixedPoint.format((stats.hitRate ?? 0) * 100, places: 2) == "99.79")
    }

    @Test("The report --stop-server prints after the build is read too")
    func stopServerText() throws {
        let stats = try #require(SccacheTextParser.parse(try Fixture.text("stop-server.txt")))
        #expect(stats.compileRequests != nil)
        #expect(stats.version == "0.16.0")
    }

    @Test(
        "Malformed JSON is an error, not a crash",
        arguments: ["", "not json", "{\"stats\":", "[1,2]", "{\"foo\":1}", "{\"stats\": 3}"])
    func malformedJSON(text: String) {
        #expect(throws: SccacheJSONParser.Failure.self) { try SccacheJSONParser.parse(text) }
    }

    @Test("Unknown, missing and odd fields are tolerated")
    func oddFields() throws {
        let text = """
            {"stats":{"cache_hits":{"counts":{"Rust":3,"C/C++":"x"}},"cache_misses":{"counts":{"Rust":1e30}},\
            "not_cached":{"crate-type":2,"weird":null},"future_field":[1]},"version":7}
            """
        let stats = try SccacheJSONParser.parse(text)
        #expect(stats.hits.total == 3)
        #expect(stats.misses.total == SccacheStats.maxCount, "absurd counts are capped, so sums never overflow")
        #expect(stats.hitRate.map { $0 > 0 && $0 < 1 } == true)
        #expect(stats.notCached == [NotCachedReason("crate-type", 2)])
        #expect(stats.version == nil)
        #expect(stats.compileRequests == nil)
    }

    @Test("Text with no report in it gives nil")
    func noReport() {
        #expect(SccacheTextParser.parse("   Compiling foo v1.0\nerror: bad\n") == nil)
    }
}
