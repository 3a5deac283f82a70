import Foundation
import Testing

@testable import CacheWatchCore

@Suite("Formatting and the report")
struct FormatTests {
    @Test("Byte sizes both ways")
    func bytes() {
        #expect(ByteSize.format(512) == "512 B")
        #expect(ByteSize.format(14_137_056) == "13.5 MiB")
        #expect(ByteSize.format(5 << 30) == "5.0 GiB")
        #expect(ByteSize.parse("5G") == 5 << 30)
        #expect(ByteSize.parse("494 MiB") == 494 << 20)
        #expect(ByteSize.parse("10GiB") == 10 << 30)
        #expect(ByteSize.parse("1024") == 1024)
        #expect(ByteSize.parse("lots") == nil)
        #expect(ByteSize.parse("5Q") == nil)
    }

    @Test("Durations and percentages")
    func durations() {
        #expect(Durations.format(0.42) == "0.4 s")
        #expect(Durations.format(21.84) == "21.8 s")
        #expect(Durations.format(125) == "2 m 05 s")
        #expect(Durations.format(3720) == "1 h 02 m")
        #expect(Durations.percent(nil) == "–")
        #expect(Durations.percent(0.5) == "50.0%")
        #expect(Durations.precise(2.5712) == "2.571 s")
    }

    @Test("Display quoting of argv")
    func quoting() {
        #expect(ShellQuote.join(["cargo", "build", "--release"]) == "cargo build --release")
        #expect(ShellQuote.join(["sh", "-c", "echo 'hi' $(x)"]) == #"sh -c 'echo '\''hi'\'' $(x)'"#)
    }
}

@Suite("FNV-1a")
struct FNV1aTests {
    @Test("The published 64-bit test vectors; arguments end with a zero byte each")
    func vectors() {
        #expect(FNV1a.hex([UInt8]()) == "cbf29ce484222325")
        #expect(FNV1a.hex("a".utf8) == "af63dc4c8601ec8c")
        #expect(FNV1a.hex("foobar".utf8) == "85944171f73967e8")
        #expect(CrateLogParser.digest(["a"]) == FNV1a.hex(Array("a".utf8) + [0]))
        #expect(CrateLogParser.digest(["ab"]) != CrateLogParser.digest(["a", "b"]))
    }
}
