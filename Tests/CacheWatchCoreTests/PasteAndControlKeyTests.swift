import Testing

@testable import CacheWatchCore

@Suite("Pasted text and control keys")
struct PasteAndControlKeyTests {
    private func keys(_ text: String) -> [Key] {
        text.map { c -> Key in
            switch c {
            case "\u{1B}": return .escape
            case "\n", "\r": return .enter
            case "\t": return .tab
            case "\u{03}": return .control("c")
            default: return .character(c)
            }
        }
    }

    @Test(
        "A bracketed paste is text, whatever keys it holds; keys around it stay keys; the paste may span reads",
        arguments: [1, 2, 3, 100])
    func decoder(batch: Int) {
        var decoder = InputDecoder()
        // The terminal sends the start marker in one write; the rest may come in reads of any size.
        var out = decoder.feed(keys("a\u{1B}[200~"))
        #expect(decoder.isPasting)
        let input = keys("line one\nq\u{03}r\tc\u{1B}[201~b")
        var index = 0
        while index < input.count {
            let end = min(input.count, index + batch)
            out += decoder.feed(Array(input[index..<end]))
            // Inside a paste, a batch boundary must not release anything.
            if !decoder.isPasting { out += decoder.flush() }
            index = end
        }
        out += decoder.flush()
        #expect(out == [.key(.character("a")), .paste("line one\nqr\tc"), .key(.character("b"))])
    }

    @Test("Esc and Esc-[ typed by hand are keys, not a paste")
    func lonelyEscape() {
        var decoder = InputDecoder()
        #expect(decoder.feed([.escape]).isEmpty)
        #expect(decoder.flush() == [.key(.escape)])
        #expect(decoder.feed(keys("\u{1B}[2x")) == keys("\u{1B}[2x").map { .key($0) })
    }

    @Test("Focus reports (ESC [ I, ESC [ O) are the terminal's focus, never keys; inside a paste they are text")
    func focusReports() {
        var decoder = InputDecoder()
        #expect(
            decoder.feed(keys("a\u{1B}[Ob\u{1B}[I")) == [
                .key(.character("a")), .focus(false), .key(.character("b")), .focus(true),
            ])
        #expect(decoder.feed(keys("\u{1B}[")) == [], "held: it may be a report")
        #expect(decoder.feed(keys("Ix")) == [.focus(true), .key(.character("x"))])
        _ = decoder.feed(keys("\u{1B}[200~"))
        #expect(decoder.feed(keys("\u{1B}[Iq\u{1B}[201~")) == [.paste("[Iq")], "Esc is not text")
    }

    @Test("A paste into the search prompt becomes one line of the query; elsewhere it is ignored and nothing runs")
    func pasteIntoState() {
        var s = AppState(session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: nil)
        _ = s.update(.resize(width: 120, height: 35))
        _ = s.update(.buildStarted(now: 1))
        #expect(s.update(.paste("q\nsc\nr")) == [.schedule(after: 4)], "nothing but the notice's expiry")
        #expect(s.phase.isActive, "nothing of the paste ran as keys")
        #expect(s.notice?.text.contains("Pasted text ignored") == true)
        _ = s.update(.key(.character("/")))
        #expect(s.update(.paste("error\nE0308\tx")).isEmpty)
        #expect(s.prompt == "error E0308 x")
    }

    @Test("Ctrl-C cancels a search being typed (adding nothing to it), and quits outside one")
    func controlC() {
        var s = AppState(session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: nil)
        _ = s.update(.resize(width: 120, height: 35))
        _ = s.update(.key(.character("/")))
        _ = s.update(.key(.character("x")))
        #expect(s.update(.key(.control("c"))).isEmpty)
        #expect(s.prompt == nil)
        #expect(s.log.query == nil)
        #expect(s.update(.key(.control("c"))) == [.quit])
        #expect(s.update(.key(.control("z"))) == [.suspend])
    }
}
