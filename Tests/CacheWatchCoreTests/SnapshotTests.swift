import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchCore

/// Whole-screen snapshots: the text of every row, compared with files under Snapshots/.
/// Re-record with CACHEWATCH_RECORD_SNAPSHOTS=1; a missing snapshot fails.
@Suite("Screen snapshots")
struct SnapshotTests {
    static func finishedState(width: Int, height: Int) throws -> AppState {
        var state = AppState(
            session: SessionInfo(
                engine: .native, project: "~/src/demo", command: "cargo build --release --locked",
                details: ["server :4226"]),
            cacheLimit: 5 << 30)
        _ = state.update(.resize(width: width, height: height))
        _ = state.update(.buildStarted(now: 100))
        let log = try Fixture.text("build1-cold.txt").replacingOccurrences(of: "\n", with: "\r\n")
        _ = state.update(.output(Array("\u{1B}[1m\u{1B}[32m   Compiling\u{1B}[0m colour-test v0.1.0\r\n".utf8)))
        _ = state.update(.output(Array(log.utf8)))
        _ = state.update(.stats(try SccacheJSONParser.parse(try Fixture.text("stats-after-build2-warm.json")), final: true))
        _ = state.update(
            .diskScanned(
                DiskUsage(directories: [
                    DirectoryUsage(name: "registry", path: "/m/cargo/registry", exists: true, bytes: 0, files: 0),
                    DirectoryUsage(
                        name: "sccache", path: "/m/sccache", exists: true, bytes: 14_137_056, files: 26, foreignOwned: 3),
                    DirectoryUsage(name: "target", path: "/p/target", exists: false),
                ])))
        _ = state.update(.serverLog(try Fixture.text("server-debug-log-build3.txt").components(separatedBy: "\n")))
        _ = state.update(.buildEnded(.exited(0), now: 126.16, stopped: false))
        return state
    }

    static func runningState() throws -> AppState {
        var state = AppState(
            session: SessionInfo(engine: .native, project: "~/src/demo", command: "cargo build --release --locked"),
            cacheLimit: 5 << 30)
        _ = state.update(.resize(width: 100, height: 30))
        _ = state.update(.buildStarted(now: 0))
        _ = state.update(.output(Array("   Compiling serde v1.0.152\r\n    Building [=====>    ] 9/17: serde, regex\r".utf8)))
        _ = state.update(.stats(try SccacheJSONParser.parse(try Fixture.text("ws-release-cold.json")), final: false))
        _ = state.update(.tick(now: 7.25))
        return state
    }

    /// The screen for `state` against Snapshots/<name>.txt (and its styles against <name>.styles).
    private func check(
        _ state: AppState, name: String, styles: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        assertScreen(state, named: name, styles: styles, sourceLocation: sourceLocation)
    }

    @Test("A finished build at 120×35")
    func finishedWide() throws {
        try check(try Self.finishedState(width: 120, height: 35), name: "finished-120x35", styles: true)
    }

    @Test("A finished build at 80×24")
    func finishedNarrow() throws {
        try check(try Self.finishedState(width: 80, height: 24), name: "finished-80x24")
    }

    @Test("A running build with a progress line at 100×30")
    func running() throws {
        try check(try Self.runningState(), name: "running-100x30")
    }

    @Test("The help overlay")
    func help() throws {
        var state = try Self.finishedState(width: 120, height: 35)
        _ = state.update(.key(.character("?")))
        try check(state, name: "help-120x35")
    }

    @Test("A terminal too small shows a notice")
    func tooSmall() throws {
        try check(try Self.finishedState(width: 40, height: 10), name: "too-small-40x10")
    }

    @Test("The crate table sorted by result, with the focus on it")
    func crates() throws {
        var state = try Self.finishedState(width: 120, height: 35)
        _ = state.update(.key(.tab))
        _ = state.update(.key(.character("o")))
        _ = state.update(.key(.character("o")))
        #expect(state.focus == .crates)
        #expect(state.crates.sort == .outcome)
        try check(state, name: "crates-by-result-120x35")
        _ = state.update(.key(.down))
        #expect(state.crates.firstVisible(height: state.cratesViewportHeight) == 1, "arrows scroll the focused table")
        _ = state.update(.key(.character("o")))
        _ = state.update(.key(.character("o")))
        #expect(state.crates.sort == .arrival)
        #expect(state.crates.follow, "in arrival order the table follows the newest crates")
    }

    @Test("A failed build with a search, error counts and an error jump at 100×30")
    func searchAndErrors() throws {
        var state = AppState(
            session: SessionInfo(
                engine: .docker, project: "~/src/app", command: "cargo build --release --locked",
                details: ["image clux/muslrust:stable"]),
            cacheLimit: 5 << 30)
        _ = state.update(.resize(width: 100, height: 30))
        _ = state.update(.buildStarted(now: 0))
        _ = state.update(.output(Array(LogFeatureTests.log.utf8)))
        _ = state.update(.stats(try SccacheJSONParser.parse(try Fixture.text("ws-check.json")), final: true))
        _ = state.update(.buildEnded(.exited(101), now: 3.5, stopped: false))
        _ = state.update(.key(.character("/")))
        for c in "compiling" { _ = state.update(.key(.character(c))) }
        _ = state.update(.key(.enter))
        _ = state.update(.key(.character("e")))
        try check(state, name: "search-errors-100x30")
    }

    @Test("x explains the non-cacheable reasons")
    func explain() throws {
        var state = try Self.finishedState(width: 120, height: 35)
        _ = state.update(.key(.character("x")))
        try check(state, name: "explain-120x35")
    }

    @Test("The largest and smallest supported terminals show every pane")
    func extremes() throws {
        for (w, h) in [(250, 70), (80, 24)] {
            var state = try Self.finishedState(width: w, height: h)
            _ = state.update(.logFile("/home/me/.muslrust/cachewatch/logs/20261124-120000-native-run1.log"))
            var screen = Screen(width: w, height: h)
            DashboardView.render(state, into: &screen)
            let text = screen.textDump
            for title in ["Log", "Crates", "sccache · final", "Disk", "succeeded"] {
                #expect(text.contains(title), "\(w)×\(h) lacks \(title)")
            }
            #expect(text.contains("Hit rate"))
            #expect(text.contains("Cache"))
        }
        try check(try Self.finishedState(width: 250, height: 70), name: "finished-250x70")
    }

    @Test("The same screen in ASCII for non-UTF-8 locales has no box characters")
    func ascii() throws {
        let state = try Self.finishedState(width: 80, height: 24)
        var screen = Screen(width: 80, height: 24)
        DashboardView.render(state, into: &screen, glyphs: .ascii)
        #expect(!screen.textDump.contains("─"))
        #expect(screen.textDump.contains("+-"))
        // What the terminal draws: every symbol of the dashboard has an ASCII stand-in.
        let text = screen.textDump
        let foreign = text.map { Glyphs.ascii.drawn($0) }.filter { !$0.isASCII }
        #expect(text.contains("·") && text.contains("✔"))
        #expect(foreign.isEmpty, "no stand-in for \(String(foreign))")
        let ellipsis: Character = "…"
        #expect(Glyphs.unicode.drawn(ellipsis) == ellipsis)
    }

    @Test("Directories that could not be read make the sizes lower bounds and say what to do")
    func unreadableDirectories() throws {
        var state = try Self.finishedState(width: 120, height: 40)
        _ = state.update(
            .diskScanned(
                DiskUsage(directories: [
                    DirectoryUsage(name: "sccache", path: "/m/sccache", exists: true, bytes: 2048, files: 3, unreadable: 16)
                ])))
        var screen = Screen(width: 120, height: 40)
        DashboardView.render(state, into: &screen)
        let text = screen.textDump
        #expect(text.contains("≥2.0 KiB") && text.contains("≥3 files"), "\(text)")
        #expect(text.contains("16 directories unreadable: c chowns them"))
        var record = try #require(state.lastRecord)
        record.disk = state.disk.usage
        let disk = try JSONValue.parse(RunReport.json(record))["disk"]
        #expect(disk?["/m/sccache"]?["unreadable_directories"] == .integer(16), "\(String(describing: disk))")
    }

    @Test("Colours of the build output reach the cells")
    func styledCells() throws {
        let state = try Self.finishedState(width: 120, height: 60)
        var screen = Screen(width: 120, height: 60)
        DashboardView.render(state, into: &screen)
        let row = (0..<60).first { screen.row($0).contains("colour-test") }
        let y = try #require(row)
        let x = try #require(Array(screen.row(y)).firstIndex(of: "C"))
        #expect(screen[x, y].style == .text(TextStyle(foreground: .palette(2), bold: true)))
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        components(separatedBy: target).joined(separator: replacement)
    }
}
