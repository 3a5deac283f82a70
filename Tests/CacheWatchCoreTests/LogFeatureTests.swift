import Testing

@testable import CacheWatchCore

@Suite("Log search, errors and wrapping")
struct LogFeatureTests {
    static let log = """
           Compiling a v1.0\r
        warning: unused variable: `x`\r
           Compiling b v1.0\r
        error[E0308]: mismatched types\r
          --> src/lib.rs:1:21\r
        error: could not compile `b`\r
           Compiling c v1.0\r

        """

    private func state(filler: Int = 0) -> AppState {
        var state = AppState(session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: nil)
        _ = state.update(.resize(width: 100, height: 20))
        _ = state.update(.buildStarted(now: 0))
        _ = state.update(.output(Array(Self.log.utf8)))
        if filler > 0 { _ = state.update(.output(Array((0..<filler).map { "filler \($0)\r\n" }.joined().utf8))) }
        return state
    }

    private func type(_ text: String, into state: inout AppState) {
        for c in text { _ = state.update(.key(.character(c))) }
    }

    @Test("Errors and warnings are counted as lines arrive, and reset with each build")
    func counts() {
        var s = state()
        #expect(s.log.errorCount == 2)
        #expect(s.log.warningCount == 1)
        _ = s.update(.buildStarted(now: 1))
        #expect(s.log.errorCount == 0)
        #expect(LogClassifier.classify("  error[E0425]: x") == .error)
        #expect(LogClassifier.classify("errors are fine") == .other)
        #expect(LogClassifier.classify("warning[unused]: y") == .warning)
    }

    @Test("e jumps to the first error and E to the next, wrapping around")
    func errorJumps() {
        var s = state(filler: 100)
        _ = s.update(.key(.character("e")))
        #expect(!s.log.follow)
        #expect(s.log.line(at: s.cursorLine ?? -1).text.hasPrefix("error[E0308]"))
        _ = s.update(.key(.character("E")))
        #expect(s.log.line(at: s.cursorLine ?? -1).text.hasPrefix("error: could not compile"))
        _ = s.update(.key(.character("E")))
        #expect(s.log.line(at: s.cursorLine ?? -1).text.hasPrefix("error[E0308]"))
        let visible = s.log.firstVisible(height: s.logViewportHeight)
        #expect(visible <= s.cursorLine! && s.cursorLine! < visible + s.logViewportHeight)
    }

    @Test("/ types a search; Enter jumps to the first match; n and N move between matches; Esc cancels")
    func search() {
        var s = state(filler: 100)
        _ = s.update(.key(.character("/")))
        #expect(s.prompt == "")
        type("COMPILING", into: &s)
        _ = s.update(.key(.backspace))
        #expect(s.prompt == "COMPILIN")
        _ = s.update(.key(.enter))
        #expect(s.prompt == nil)
        #expect(s.log.query == "COMPILIN")
        #expect(s.log.matchCount() == 3)
        let first = s.cursorLine
        #expect(s.log.line(at: first ?? -1).text.contains("Compiling"))
        _ = s.update(.key(.character("n")))
        #expect(s.cursorLine != first)
        _ = s.update(.key(.character("N")))
        #expect(s.cursorLine == first)
        _ = s.update(.key(.character("/")))
        type("zzz", into: &s)
        _ = s.update(.key(.escape))
        #expect(s.log.query == "COMPILIN", "Esc keeps the previous search")
        _ = s.update(.key(.character("q")))
        #expect(s.prompt == nil)
    }

    @Test("Keys typed into the search do not trigger their actions")
    func promptSwallowsKeys() {
        var s = state()
        _ = s.update(.key(.character("/")))
        #expect(s.update(.key(.character("q"))).isEmpty)
        #expect(s.update(.key(.character("r"))).isEmpty)
        #expect(s.prompt == "qr")
    }

    @Test("A search with no match says so")
    func notFound() {
        var s = state()
        _ = s.update(.key(.character("/")))
        type("nothing-like-this", into: &s)
        _ = s.update(.key(.enter))
        #expect(s.notice?.text == "Not found: nothing-like-this")
    }

    @Test("Matches are found case-insensitively, whole occurrences")
    func offsets() {
        #expect(LogView.matchedOffsets(in: "abcABCabc", needle: "bc") == [1, 2, 4, 5, 7, 8])
        #expect(LogView.matchedOffsets(in: "aaa", needle: "aa") == [0, 1])
        #expect(LogView.matchedOffsets(in: "x", needle: "") == [])
    }

    @Test("Wrapping shows a long line on several rows and still follows the end")
    func wrap() {
        var s = AppState(session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: nil)
        _ = s.update(.resize(width: 80, height: 20))
        let long = String(repeating: "0123456789", count: 20)
        _ = s.update(.output(Array(((0..<30).map { "line \($0)\r\n" }.joined() + long + "\r\nlast\r\n").utf8)))
        var screen = Screen(width: 80, height: 20)
        DashboardView.render(s, into: &screen)
        #expect((0..<20).filter { screen.row($0).contains("0123456789") }.count == 1, "cut at the edge without wrap")
        _ = s.update(.key(.character("w")))
        #expect(s.log.wrap)
        DashboardView.render(s, into: &screen)
        let rows = (0..<20).map { screen.row($0) }
        #expect(rows.contains { $0.contains("last") }, "follow still shows the newest line")
        #expect(rows.filter { $0.contains("0123456789") }.count >= 2, "the long line continues on the next rows")
        #expect(LogPaneState.rows(of: LogLine(long), width: 30) == 7)
    }

    @Test("The search highlights its matches on screen")
    func highlight() throws {
        var s = state()
        _ = s.update(.key(.character("/")))
        type("mismatched", into: &s)
        _ = s.update(.key(.enter))
        var screen = Screen(width: 100, height: 20)
        DashboardView.render(s, into: &screen)
        let y = try #require((0..<20).first { screen.row($0).contains("mismatched types") })
        let x = try #require(Array(screen.row(y)).firstIndex(of: "m"))
        #expect(screen[x, y].style == .role(.highlight))
        #expect(screen.textDump.contains("/mismatched"))
    }

    @Test("The status bar counts errors and warnings and shows the log file")
    func statusBar() {
        var s = state()
        _ = s.update(.logFile("/m/cachewatch/logs/run1.log"))
        var screen = Screen(width: 100, height: 20)
        DashboardView.render(s, into: &screen)
        let bar = screen.row(19)
        #expect(bar.contains("✘ 2 errors"))
        #expect(bar.contains("⚠ 1 warnings"))
        #expect(bar.contains("run1.log"))
    }

    @Test("Error positions survive the scrollback dropping old lines")
    func errorsWithDrops() {
        var s = AppState(session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: nil, scrollback: 100)
        _ = s.update(.resize(width: 100, height: 20))
        _ = s.update(
            .output(Array(((0..<50).map { "a\($0)\n" }.joined() + "error: one\n" + (0..<80).map { "b\($0)\n" }.joined()).utf8)))
        #expect(s.log.errorIndices.map { s.log.line(at: $0).text } == ["error: one"])
        _ = s.update(.output(Array((0..<50).map { "c\($0)\n" }.joined().utf8)))
        #expect(s.log.errorIndices.isEmpty, "the error line was dropped")
        #expect(s.log.errorCount == 1, "but it still counts")
    }
}
