import Testing

@testable import CacheWatchCore

/// How often the dashboard draws what the build brings, and which ticks need a frame.
@Suite("Frame pacing: keys at once, the build's changes within a share of a core")
struct FramePacingTests {
    @Test("Cheap frames come 20 a second; dearer ones less often, down to 4 a second; keys never wait")
    func pacing() {
        var pacing = FramePacing()
        #expect(pacing.data == FramePacing.fastest)
        pacing.drew(seconds: 0.0003)
        #expect(pacing.data == FramePacing.fastest, "0.3 ms frames: 20 a second is 0.6 % of a core")
        for _ in 0..<40 { pacing.drew(seconds: 0.002) }
        #expect(abs(pacing.data - 0.2) < 0.01, "2 ms frames: 5 a second, 1 % of a core")
        for _ in 0..<40 { pacing.drew(seconds: 0.05) }
        #expect(pacing.data == FramePacing.slowest)
        pacing.drew(seconds: .nan)
        pacing.drew(seconds: -1)
        #expect(pacing.data == FramePacing.slowest, "a clock that went backwards changes nothing")
        #expect(FramePacing.input < FramePacing.fastest)
        for _ in 0..<40 { pacing.drew(seconds: 0.0001) }
        #expect(pacing.data == FramePacing.fastest, "cheap again: fast again")
    }

    @Test("A tick needs a frame only when the clock reads differently, or while the timeline grows to now")
    func tickFace() {
        var s = AppState(session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: nil)
        _ = s.update(.resize(width: 100, height: 30))
        #expect(s.tickFace == "")
        _ = s.update(.buildStarted(now: 10))
        _ = s.update(.tick(now: 75.2))
        let face = s.tickFace
        #expect(face == "1 m 05 s")
        _ = s.update(.tick(now: 75.7))
        #expect(s.tickFace == face, "past a minute the clock shows whole seconds: no frame for this tick")
        _ = s.update(.tick(now: 76.1))
        #expect(s.tickFace != face)
        _ = s.update(.key(.character("t")))
        #expect(s.crates.timeline)
        #expect(s.tickFace == nil, "the timeline's running bars move with every tick")
    }
}
