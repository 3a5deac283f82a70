import CacheWatchTestSupport
import Testing

@testable import CacheWatchCore

@Suite("The appended-text fast path against the cell grid")
struct LineAssemblerEquivalenceTests {
    /// Pieces that exercise every path: ASCII runs, colours, erases, overwrites, cursor moves, UTF-8, bad bytes.
    static let pieces: [String] = [
        "   Compiling", " foo v1.0.0", "abc", "x", "héllo", "世界", "\r", "\n", "\r\n", "\t", "\u{8}",
        "\u{1B}[K", "\u{1B}[0K", "\u{1B}[1K", "\u{1B}[2K", "\u{1B}[1m", "\u{1B}[32m", "\u{1B}[0m", "\u{1B}[m",
        "\u{1B}[38;5;12m", "\u{1B}[3D", "\u{1B}[2C", "\u{1B}[5G", "\u{1B}[1G", "\u{1B}[?25l", "\u{1B}]8;;x\u{7}",
        "\u{0}", "\u{7F}", "\u{1B}", "[", String(repeating: "y", count: 40),
    ]

    @Test("Random streams give the same lines with and without the fast path")
    func sameLines() {
        var rng = SplitMix64(state: 11)
        for _ in 0..<FuzzTests.cases {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 1...40, using: &rng) {
                bytes += Array(Self.pieces.randomElement(using: &rng)!.utf8)
            }
            if Int.random(in: 0..<8, using: &rng) == 0 { bytes.insert(0xFF, at: Int.random(in: 0...bytes.count, using: &rng)) }
            let chunk = Int.random(in: 1...64, using: &rng)
            var fast = LineAssembler(maxColumns: 64, cellsOnly: false)
            var cells = LineAssembler(maxColumns: 64, cellsOnly: true)
            var fastLines: [LogLine] = []
            var cellLines: [LogLine] = []
            var index = 0
            while index < bytes.count {
                let end = min(bytes.count, index + chunk)
                fastLines += fast.feed(bytes[index..<end])
                cellLines += cells.feed(bytes[index..<end])
                fastLines += fast.pending.map { [$0] } ?? []
                cellLines += cells.pending.map { [$0] } ?? []
                index = end
            }
            if let last = fast.finish() { fastLines.append(last) }
            if let last = cells.finish() { cellLines.append(last) }
            #expect(fastLines == cellLines, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
            if fastLines != cellLines { return }
        }
    }
}
