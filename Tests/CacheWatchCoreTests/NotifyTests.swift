import Testing

@testable import CacheWatchCore

@Suite("The finished-build notice: a bell and the title, for a terminal not looked at or a long build")
struct NotifyTests {
    private func state(_ notify: NotifySettings? = NotifySettings()) -> AppState {
        AppState(session: SessionInfo(engine: .native, project: "~/p", command: "cargo build", notify: notify), cacheLimit: nil)
    }

    private func build(
        _ s: inout AppState, seconds: Double, status: CacheWatchCore.ExitStatus = .exited(0), stopped: Bool = false
    ) -> [Effect] {
        _ = s.update(.buildStarted(now: 100, run: RunStart(id: RunID("r"), wallClock: 0)))
        return s.update(.buildEnded(status, now: 100 + seconds, stopped: stopped))
    }

    private func announcements(_ effects: [Effect]) -> [String] {
        effects.compactMap { if case .announce(let title) = $0 { return title } else { return nil } }
    }

    @Test("A long build is announced with its outcome; a short one in a focused terminal is not")
    func long() {
        var s = state()
        #expect(announcements(build(&s, seconds: 3)).isEmpty)
        #expect(announcements(build(&s, seconds: 12.5)) == ["✔ succeeded in 12.5 s · cachewatch ~/p"])
        #expect(
            announcements(build(&s, seconds: 30, status: .exited(101))) == [
                "✘ failed with exit 101 after 30.0 s · cachewatch ~/p"
            ])
    }

    @Test("A terminal that lost the focus hears about every build; a stopped build and --no-notify never ring")
    func unfocused() {
        var s = state()
        _ = s.update(.focus(false))
        #expect(announcements(build(&s, seconds: 0.4)).count == 1)
        #expect(announcements(build(&s, seconds: 60, stopped: true)).isEmpty, "the user stopped it")
        _ = s.update(.focus(true))
        #expect(announcements(build(&s, seconds: 0.4)).isEmpty)
        var quiet = state(NotifySettings(enabled: false))
        _ = quiet.update(.focus(false))
        #expect(announcements(build(&quiet, seconds: 60)).isEmpty)
        var headless = state(nil)
        #expect(announcements(build(&headless, seconds: 60)).isEmpty)
    }
}
