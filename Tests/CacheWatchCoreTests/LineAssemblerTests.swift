import CacheWatchTestSupport
import Testing

@testable import CacheWatchCore

@Suite("Build output to log lines")
struct LineAssemblerTests {
    private func lines(_ text: String, chunk: Int = .max) -> [LogLine] {
        var assembler = LineAssembler()
        let bytes = Array(text.utf8)
        var result: [LogLine] = []
        var index = 0
        while index < bytes.count {
            let end = min(bytes.count, index + max(1, min(chunk, bytes.count)))
            result += assembler.feed(bytes[index..<end])
            index = end
        }
        if let last = assembler.finish() { result.append(last) }
        return result
    }

    @Test("\\r progress redraws collapse into the text written last")
    func carriageReturn() {
        let log = "   Compiling a\r\n    Building [=>  ] 1/3\r\u{1B}[K    Building [==> ] 2/3\r\u{1B}[K   Compiling b\r\n"
        #expect(lines(log).map(\.text) == ["   Compiling a", "   Compiling b"])
    }

    @Test("A progress line is pending until a newline ends it")
    func pending() {
        var assembler = LineAssembler()
        #expect(assembler.feed(Array("    Building [=> ] 1/3".utf8)).isEmpty)
        #expect(assembler.pending?.text == "    Building [=> ] 1/3")
        _ = assembler.feed(Array("\r\u{1B}[K".utf8))
        #expect(assembler.pending == nil)
    }

    @Test("SGR colours become styles")
    func colours() throws {
        let line = try #require(lines("\u{1B}[1m\u{1B}[32m   Compiling\u{1B}[0m foo v1\n").first)
        #expect(line.runs.count == 2)
        #expect(line.runs[0].text == "   Compiling")
        #expect(line.runs[0].style == TextStyle(foreground: .palette(2), bold: true))
        #expect(line.runs[1].style == .plain)
    }

    @Test("256-colour and true-colour SGR")
    func extendedColours() throws {
        let line = try #require(lines("\u{1B}[38;5;196ma\u{1B}[48;2;0;0;255mb\n").first)
        #expect(line.runs[0].style.foreground == .palette(196))
        #expect(line.runs[1].style.background == .palette(21))
    }

    @Test("Escape sequences split across reads still parse", arguments: [1, 2, 3, 7])
    func splitEscapes(chunk: Int) {
        let log = "\u{1B}[31merror\u{1B}[0m: x\r\n\u{1B}]8;;http://a\u{7}link\u{1B}]8;;\u{7}\n"
        #expect(lines(log, chunk: chunk).map(\.text) == ["error: x", "link"])
    }

    @Test(
        "C1 controls sent as UTF-8 act as their ESC forms and never reach the text; control strings are consumed",
        arguments: [1, 2, 5, 64])
    func c1AndControlStrings(chunk: Int) throws {
        let log =
            "a\u{9B}31mred\u{9B}0m b\n"  // 8-bit CSI: a colour
            + "c\u{9D}0;title\u{9C}d\n"  // 8-bit OSC, ended by 8-bit ST
            + "e\u{1B}P1;2|payload\u{1B}\\f\n"  // DCS (tmux passthrough, sixel): never shown
            + "g\u{90}q#0;2;0;0;0\u{9C}h\n"  // 8-bit DCS
            + "i\u{1B}_apc\u{1B}\\j\u{1B}^pm\u{1B}\\k\u{85}l\n"  // APC, PM, a stray C1 (NEL)
        let result = lines(log, chunk: chunk)
        #expect(result.map(\.text) == ["ared b", "cd", "ef", "gh", "ijkl"])
        let red = try #require(result.first?.runs.first { $0.text == "red" })
        #expect(red.style.foreground == .palette(1))
        for line in result {
            #expect(!line.text.unicodeScalars.contains { $0.value >= 0x80 && $0.value <= 0x9F })
        }
    }

    @Test("An unterminated control string gives the output back after 1 MiB")
    func unterminatedControlString() {
        let log = "x\u{1B}P" + String(repeating: "a", count: (1 << 20) + 10) + "\nafter\n"
        let result = lines(log, chunk: 4096)
        #expect(result.last?.text == "after")
    }

    @Test("Invalid UTF-8, NUL and control bytes are shown safely")
    func badBytes() {
        var assembler = LineAssembler()
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0x00, 0x63, 0xE2, 0x82, 0x64, 0x07, 0x0A]
        let line = assembler.feed(bytes)
        #expect(line.map(\.text) == ["a\u{FFFD}b\u{2400}c\u{FFFD}d\u{2407}"])
    }

    @Test("Multi-byte UTF-8 split across reads")
    func splitUTF8() {
        #expect(lines("héllo → 世界\n", chunk: 1).map(\.text) == ["héllo → 世界"])
    }

    @Test("Cursor movement and private modes do not leak into the text")
    func cursorSequences() {
        #expect(lines("\u{1B}[?25labc\u{1B}[2Dx\u{1B}[5Gy\u{1B}[?25h\n").map(\.text) == ["axc y"])
    }

    @Test("A huge line is cut and summarised, never unbounded")
    func hugeLine() throws {
        var assembler = LineAssembler(maxColumns: 100)
        let out = assembler.feed(Array(repeating: UInt8(ascii: "x"), count: 5_000) + [0x0A])
        let line = try #require(out.first)
        #expect(line.text.hasPrefix(String(repeating: "x", count: 100)))
        #expect(line.text.contains("4900 more characters"))
    }

    @Test("Tabs expand to the next multiple of eight")
    func tabs() {
        #expect(lines("a\tb\n").map(\.text) == ["a       b"])
    }

    @Test("A truncated escape at the end of the stream is dropped")
    func truncatedEscape() {
        #expect(lines("done\u{1B}[3").map(\.text) == ["done"])
    }
}
