import CacheWatchRunner
import Foundation

/// A private tmux server for one test.
struct Tmux {
    let socket: String

    func start(command: String, width: Int, height: Int) throws {
        let result = try CommandRunner.run(
            [
                "tmux", "-L", socket, "new-session", "-d", "-x", String(width), "-y", String(height), command,
            ], environment: ["TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"])
        guard result.succeeded else { throw TmuxError(message: "tmux did not start: \(result.stderr)") }
    }

    func capture() throws -> String {
        try CommandRunner.run(["tmux", "-L", socket, "capture-pane", "-p"]).stdout
    }

    /// The screen with its colours and attributes (tmux's escape sequences), for cell-by-cell comparisons.
    func captureStyled() throws -> String {
        try CommandRunner.run(["tmux", "-L", socket, "capture-pane", "-p", "-e"]).stdout
    }

    /// A tmux format of the pane ("#{pane_title}", "#{window_bell_flag}").
    func display(_ format: String) throws -> String {
        try CommandRunner.run(["tmux", "-L", socket, "display-message", "-p", format]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func send(_ keys: String) throws {
        _ = try CommandRunner.run(["tmux", "-L", socket, "send-keys", keys])
    }

    /// Types `text` byte for byte (escape sequences included) into the pane.
    func sendRaw(_ text: String) throws {
        _ = try CommandRunner.run(["tmux", "-L", socket, "send-keys", "-l", text])
    }

    /// A wheel report at column 10, row 10 in the X10 format (`kmous=\E[M` of tmux's terminfo).
    static func wheel(up: Bool) -> String {
        "\u{1B}[M" + (up ? "`" : "a") + "**"
    }

    /// Polls the screen until `predicate` holds; throws with the last screen after `timeout` seconds.
    func waitFor(timeout: Double, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if predicate(screen) { return screen }
            Thread.sleep(forTimeInterval: 0.25)
        }
        throw TmuxError(message: "timed out after \(Int(timeout)) s; the screen was:\n\(screen)")
    }

    /// The styled screen once two captures in a row agree (what was still being drawn is drawn); throws after
    /// `timeout` seconds of change.
    func stableStyled(timeout: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = try captureStyled()
        while Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            let now = try captureStyled()
            if now == last { return now }
            last = now
        }
        throw TmuxError(message: "the screen kept changing for \(Int(timeout)) s:\n\(last)")
    }

    /// Pastes `text` as a terminal does when the application asked for bracketed paste (`paste-buffer -p`).
    func paste(_ text: String) throws {
        _ = try CommandRunner.run(["tmux", "-L", socket, "set-buffer", "-b", "cachewatch-paste", text])
        _ = try CommandRunner.run(["tmux", "-L", socket, "paste-buffer", "-p", "-d", "-b", "cachewatch-paste"])
    }

    func kill() {
        _ = try? CommandRunner.run(["tmux", "-L", socket, "kill-server"])
    }

    func resize(width: Int, height: Int) throws {
        _ = try CommandRunner.run(["tmux", "-L", socket, "resize-window", "-x", String(width), "-y", String(height)])
    }

    /// The number just before `suffix` on the screen ("chown 1000:1000: 517 changed" → 517).
    static func number(before suffix: String, in screen: String) -> Int? {
        guard let range = screen.range(of: suffix) else { return nil }
        let digits = screen[..<range.lowerBound].reversed().prefix { $0.isNumber }
        return Int(String(digits.reversed()))
    }

    /// The value at the right end of a panel row that starts with `label` ("Hits   35" → "35").
    static func panelValue(_ label: String, in screen: String) -> String? {
        for line in screen.split(separator: "\n") {
            for cell in line.split(separator: "│") where cell.hasPrefix(label + " ") {
                return cell.split(separator: " ").last.map(String.init)
            }
        }
        return nil
    }
}

struct TmuxError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
