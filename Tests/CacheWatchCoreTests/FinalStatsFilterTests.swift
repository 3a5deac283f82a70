import CacheWatchTestSupport
import Testing

@testable import CacheWatchCore

@Suite("The final-stats marker")
struct FinalStatsFilterTests {
    static let stream =
        "Compiling a\r\nCache hits 3\r\n\(FinalStatsMarker.start){\"stats\":{}}\r\n\(FinalStatsMarker.end)\r\nbye\r\n"

    @Test("The payload is taken out and the rest passes through", arguments: [1, 2, 5, 13, 1000])
    func split(chunk: Int) {
        var filter = FinalStatsFilter()
        let bytes = Array(Self.stream.utf8)
        var output: [UInt8] = []
        var payloads: [String] = []
        var index = 0
        while index < bytes.count {
            let end = min(bytes.count, index + chunk)
            let (out, found) = filter.feed(Array(bytes[index..<end]))
            output += out
            payloads += found
            index = end
        }
        output += filter.finish()
        #expect(String(decoding: output, as: UTF8.self) == "Compiling a\r\nCache hits 3\r\n\r\nbye\r\n")
        #expect(payloads.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } == ["{\"stats\":{}}"])
    }

    @Test("Random streams in random chunks: the same as reading the whole stream at once")
    func randomStreams() {
        let start = Array(FinalStatsMarker.start.utf8)
        let end = Array(FinalStatsMarker.end.utf8)
        let pieces = [
            "a", "<", "<<", "<<cachewatch", "\r\n", "{\"stats\":1}", "x<y", FinalStatsMarker.start, FinalStatsMarker.end,
        ]
        // The whole stream at once, the plain way.
        func reference(_ bytes: [UInt8]) -> ([UInt8], [String]) {
            var output: [UInt8] = []
            var payloads: [String] = []
            var payload: [UInt8] = []
            var inside = false
            var i = 0
            while i < bytes.count {
                let marker = inside ? end : start
                if bytes[i...].starts(with: marker) {
                    if inside { payloads.append(String(decoding: payload, as: UTF8.self)) }
                    payload = []
                    inside.toggle()
                    i += marker.count
                    continue
                }
                if inside { payload.append(bytes[i]) } else { output.append(bytes[i]) }
                i += 1
            }
            return (output, payloads)
        }
        var rng = SplitMix64(state: 5)
        for _ in 0..<FuzzTests.cases {
            let bytes = Array(
                (0..<Int.random(in: 0...30, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined().utf8)
            var filter = FinalStatsFilter()
            var output: [UInt8] = []
            var payloads: [String] = []
            var index = 0
            while index < bytes.count {
                let next = min(bytes.count, index + Int.random(in: 1...40, using: &rng))
                let (out, found) = filter.feed(Array(bytes[index..<next]))
                output += out
                payloads += found
                index = next
            }
            output += filter.finish()
            let (expectedOutput, expectedPayloads) = reference(bytes)
            #expect(output == expectedOutput && payloads == expectedPayloads, "\(String(decoding: bytes, as: UTF8.self))")
            if output != expectedOutput || payloads != expectedPayloads { return }
        }
    }

    @Test("Text that only starts like the marker is not lost")
    func nearMiss() {
        var filter = FinalStatsFilter()
        let (out, found) = filter.feed(Array("a <<cachewatch nope".utf8))
        #expect(found.isEmpty)
        #expect(String(decoding: out + filter.finish(), as: UTF8.self) == "a <<cachewatch nope")
    }
}
