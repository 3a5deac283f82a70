import Testing

@testable import CacheWatchCore

/// The out-of-line parts of the state: a copy is one reference, and a write to one copy never shows in another.
@Suite struct BoxedTests {
    @Test("Copy on write: each copy keeps its own value, through assignment and mutation in place")
    func copyOnWrite() {
        var a = AppState(session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: nil)
        _ = a.update(.resize(width: 120, height: 35))
        _ = a.update(.key(.character("h")))  // the history browser opens
        let before = a
        #expect(a.history != nil)
        _ = a.update(.key(.character("h")))  // and closes, in `a` only
        #expect(a.history == nil && before.history != nil)
        var b = before
        b.history?.selected = 7
        #expect(before.history?.selected == 0 && b.history?.selected == 7, "a mutation in place copied first")
    }

    @Test("The state stays small to copy: the history browser and the run records are out of line")
    func size() {
        #expect(MemoryLayout<Boxed<HistoryBrowser?>>.size == MemoryLayout<Int>.size)
        #expect(MemoryLayout<AppState>.size < 3000, "\(MemoryLayout<AppState>.size) bytes")
    }
}
