import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchCore

/// Seeded fuzzing of everything that reads untrusted input. `CACHEWATCH_FUZZ_CASES` raises the count.
@Suite("Fuzzing the parsers and the log pipeline")
struct FuzzTests {
    static let cases = Int(ProcessInfo.processInfo.environment["CACHEWATCH_FUZZ_CASES"] ?? "") ?? 2000
    static let alphabet: [UInt8] =
        Array("\u{1B}[;0123456789mKGCDH?\r\n\t\u{0}\u{7}]\\ abcé".utf8) + [0xFF, 0xC3, 0xE2, 0x82, 0xF0]

    @Test("Random bytes in random chunks: no crash, lines stay bounded, the screen renders")
    func logPipeline() {
        var rng = SplitMix64(state: 42)
        var state = AppState(session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: nil, scrollback: 500)
        _ = state.update(.resize(width: 80, height: 24))
        var screen = Screen(width: 80, height: 24)
        for i in 0..<Self.cases {
            let length = Int.random(in: 0...600, using: &rng)
            let bytes = (0..<length).map { _ in
                Bool.random(using: &rng) ? Self.alphabet.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
            }
            _ = state.update(.output(bytes))
            if i % 50 == 0 {
                DashboardView.render(state, into: &screen)
                _ = state.update(.key([Key.pageUp, .character("w"), .end, .character("e")].randomElement(using: &rng)!))
            }
        }
        #expect(state.log.buffer.count <= 500)
        for index in 0..<state.log.buffer.count {
            #expect(state.log.buffer[index].text.count <= 8192 + 40)
        }
    }

    @Test("A single 5 MB line is cut, summarised and rendered")
    func hugeLine() {
        var state = AppState(session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: nil)
        _ = state.update(.resize(width: 120, height: 35))
        let chunk = [UInt8](repeating: UInt8(ascii: "y"), count: 1 << 16)
        for _ in 0..<80 { _ = state.update(.output(chunk)) }
        _ = state.update(.output([0x0A]))
        let line = state.log.buffer[state.log.buffer.count - 1]
        #expect(line.text.hasSuffix("more characters]"))
        #expect(line.text.count < 8300)
        var screen = Screen(width: 120, height: 35)
        DashboardView.render(state, into: &screen)
        #expect(screen.textDump.contains("yyyy"))
    }

    @Test("Mangled sccache JSON: truncated, reordered, wrong types, huge numbers — an error or stats, never a crash")
    func statsJSON() throws {
        var rng = SplitMix64(state: 7)
        let base = try Fixture.text("stats-after-build2-warm.json")
        let replacements = ["1e308", "-1", "18446744073709551616", "null", "\"x\"", "[]", "{}", "true", "0.5"]
        var parsed = 0
        for _ in 0..<Self.cases {
            var text = Array(base.utf8)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0:
                text = Array(text.prefix(Int.random(in: 0...text.count, using: &rng)))
            case 1:
                let position = Int.random(in: 0..<text.count, using: &rng)
                text[position] = Self.alphabet.randomElement(using: &rng)!
            default:
                // Replace a number with something else.
                let string = String(decoding: text, as: UTF8.self)
                let digits = string.indices.filter { string[$0].isNumber }
                if let at = digits.randomElement(using: &rng) {
                    var changed = string
                    changed.replaceSubrange(at...at, with: replacements.randomElement(using: &rng)!)
                    text = Array(changed.utf8)
                }
            }
            if (try? SccacheJSONParser.parse(String(decoding: text, as: UTF8.self))) != nil { parsed += 1 }
        }
        #expect(parsed > 0, "some mutations are still valid stats")
    }

    @Test("Mangled text reports and server logs never crash their parsers")
    func textParsers() throws {
        var rng = SplitMix64(state: 99)
        let report = Array(try Fixture.text("ws-release-cold.txt").utf8)
        let log = try Fixture.text("ws-server-debug-log.txt").components(separatedBy: "\n")
        var crates = CrateLogParser()
        for _ in 0..<Self.cases {
            var bytes = report
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = Self.alphabet.randomElement(using: &rng)!
            }
            _ = SccacheTextParser.parse(
                String(decoding: bytes.prefix(Int.random(in: 0...bytes.count, using: &rng)), as: UTF8.self))
            var line = Array(log.randomElement(using: &rng)!.utf8)
            if !line.isEmpty { line = Array(line.prefix(Int.random(in: 0...line.count, using: &rng))) }
            crates.feed(String(decoding: line, as: UTF8.self))
        }
        // Cut lines never invent a crate: every row is a crate of the whole log (a repeated compile is "name (n)").
        var whole = CrateLogParser()
        whole.feed(log)
        // (A build script's line cut before its --out-dir keeps rustc's name for it.)
        let known = Set(whole.results.map(\.name) + ["build_script_build"])
        for row in crates.results {
            var name = Substring(row.name)
            if name.hasSuffix(")"), let open = name.range(of: " (", options: .backwards),
                name[open.upperBound...].dropLast().allSatisfy(\.isNumber)
            {
                name = name[..<open.lowerBound]
            }
            #expect(known.contains(String(name)), "\(row.name)")
        }
    }
}
