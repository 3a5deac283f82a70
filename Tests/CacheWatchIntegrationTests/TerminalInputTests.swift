import CacheWatchCore
import CacheWatchRunner
import Foundation
import Testing

/// Keys, pastes, Ctrl-C and Ctrl-Z against the real binary in tmux. The build is a plain long command (no
/// compile), so each test takes seconds.
@Suite("Keys, pastes and job control in a real terminal", .serialized)
struct TerminalInputTests {
    static let mountRoot: String = (try? Harness.temporaryDirectory("input mount")) ?? NSTemporaryDirectory() + "cw-input"

    private func launch(_ name: String, command: String) throws -> DashboardRun {
        try DashboardRun(
            name,
            arguments: [
                "--engine", "native", "--project", Harness.demo, "--mount-root", Self.mountRoot, "--", "sh", "-c", command,
            ], width: 120, height: 35)
    }

    @Test("A multi-line paste is search text, never keys; Ctrl-C cancels the prompt, then quits; nothing typed leaks")
    func pasteAndControlC() throws {
        guard Harness.require(["sccache", "tmux"]) else { return }
        let run = try launch("paste", command: "echo building; sleep 60")
        defer { run.tmux.kill() }
        _ = try run.tmux.waitFor(timeout: 60) { $0.contains("● running") && $0.contains("building") }

        // Outside a prompt: ignored, and the build goes on (before bracketed paste, "s" stopped it and "c" chowned).
        try run.tmux.paste("s\nc\nq\n")
        var screen = try run.tmux.waitFor(timeout: 10) { $0.contains("Pasted text ignored") }
        #expect(screen.contains("● running"), "\(screen)")

        // Into the search prompt: one line of text.
        try run.tmux.send("/")
        try run.tmux.paste("bui\nld\nsq")
        screen = try run.tmux.waitFor(timeout: 10) { $0.contains("/bui ld sq") }
        #expect(screen.contains("● running") || screen.contains("/bui ld sq"))

        // Ctrl-C cancels the prompt and adds nothing to it; the build still runs.
        try run.tmux.send("C-c")
        screen = try run.tmux.waitFor(timeout: 10) { !$0.contains("/bui ld sq") && $0.contains("● running") }
        #expect(!screen.contains("CACHEWATCH-EXITED"))

        // Ctrl-C outside a prompt quits.
        try run.tmux.send("C-c")
        _ = try run.tmux.waitFor(timeout: 30) { $0.contains("CACHEWATCH-EXITED") }
        #expect(run.exitStatus == "0")
        #expect(run.terminalRestored)
        #expect(run.leftovers().isEmpty, "left running: \(run.leftovers())")
    }

    @Test("Keys typed while the dashboard stops a build are thrown away, not handed to the shell")
    func typedKeysAreFlushed() throws {
        guard Harness.require(["sccache", "tmux"]) else { return }
        // A build that ignores SIGTERM keeps the dashboard busy for the grace period after q.
        let run = try launch("flush", command: "trap '' TERM; echo building; sleep 60")
        defer { run.tmux.kill() }
        _ = try run.tmux.waitFor(timeout: 60) { $0.contains("● running") && $0.contains("building") }
        try run.tmux.send("q")
        // The terminal is the shell's again while the build is being stopped: then keys are typed.
        _ = try run.tmux.waitFor(timeout: 30) { $0.contains("cachewatch: stopping the build…") }
        try run.tmux.sendRaw("qqqclear")
        try run.tmux.send("Enter")
        _ = try run.tmux.waitFor(timeout: 30) { $0.contains("CACHEWATCH-EXITED") }
        #expect(run.leftoverInput() == "[]", "the shell read what was typed into the dashboard")
        #expect(run.terminalRestored)
        #expect(run.leftovers().isEmpty, "left running: \(run.leftovers())")
    }

    @Test("Ctrl-Z gives the terminal back to an interactive shell; fg and an outside SIGSTOP/SIGCONT come back whole")
    func suspendAndResume() throws {
        guard Harness.require(["sccache", "tmux", "bash"]) else { return }
        let work = try Harness.temporaryDirectory("suspend")
        let tmux = Tmux(socket: "cachewatch-suspend-\(getpid())")
        defer { tmux.kill() }
        try tmux.start(command: "bash --norc --noprofile -i", width: 120, height: 35)
        _ = try tmux.waitFor(timeout: 10) { $0.contains("$") || $0.contains("#") }
        let binary = Harness.binary!
        let marker = "CACHEWATCH_TEST_MARK=\(UUID().uuidString)"
        let command = ShellQuote.join([
            "env", marker, binary, "--engine", "native", "--project", Harness.demo, "--mount-root", Self.mountRoot, "--",
            "sh", "-c", "echo building; sleep 120",
        ])
        try tmux.sendRaw("stty -g > '\(work)/before'; " + command + "; stty -g > '\(work)/after'; echo EXITED-$?")
        try tmux.send("Enter")
        _ = try tmux.waitFor(timeout: 60) { $0.contains("● running") && $0.contains("building") }

        // Ctrl-Z: the shell has the terminal, in its own (cooked) modes.
        try tmux.send("C-z")
        var screen = try tmux.waitFor(timeout: 20) { $0.contains("Stopped") }
        #expect(!screen.contains("● running"), "the dashboard left the screen:\n\(screen)")
        try tmux.sendRaw("stty -g > '\(work)/while-stopped'; echo SAVED-MODES")
        try tmux.send("Enter")
        _ = try tmux.waitFor(timeout: 20) { $0.contains("\nSAVED-MODES") }
        let before = try String(contentsOfFile: work + "/before", encoding: .utf8)
        #expect(try String(contentsOfFile: work + "/while-stopped", encoding: .utf8) == before, "cooked while stopped")

        // fg: raw mode and a full redraw (one key, no Enter, opens the help).
        try tmux.sendRaw("fg")
        try tmux.send("Enter")
        screen = try tmux.waitFor(timeout: 20) { $0.contains("● running") && $0.contains("Disk") }
        #expect(!screen.contains("Stopped"), "a mixed screen:\n\(screen)")
        try tmux.send("?")
        _ = try tmux.waitFor(timeout: 20) { $0.contains("Suspend to the shell") }
        try tmux.send("?")

        // Stopped from outside: bash takes the terminal back; fg (SIGCONT) must restore raw mode and redraw.
        let pid = try #require(
            Harness.processes(marked: marker).compactMap { line -> pid_t? in
                let parts = line.split(separator: " ")
                return parts.count > 1 && parts[1].hasSuffix("/cachewatch") ? pid_t(parts[0]) : nil
            }.first)
        _ = try tmux.waitFor(timeout: 20) { !$0.contains("Suspend to the shell") }
        kill(pid, SIGSTOP)
        _ = try tmux.waitFor(timeout: 20) { $0.contains("Stopped") }
        try tmux.sendRaw("fg")
        try tmux.send("Enter")
        screen = try tmux.waitFor(timeout: 20) { $0.contains("● running") && $0.contains("Disk") && !$0.contains("Stopped") }
        try tmux.send("?")
        _ = try tmux.waitFor(timeout: 20) { $0.contains("Suspend to the shell") }

        try tmux.send("q")
        _ = try tmux.waitFor(timeout: 30) { $0.contains("EXITED-0") }
        #expect(try String(contentsOfFile: work + "/after", encoding: .utf8) == before, "the terminal modes are restored")
        // Its watchdog ends what is left of the run as cachewatch exits: within a deadline, nothing is left.
        let left = Harness.survivors(marked: marker)
        #expect(left.isEmpty, "\(left)")
    }
}
