import CacheWatchCore
import Foundation

/// The real cachewatch in a private tmux server, wrapped by a script that records `stty -g` before and
/// after, the exit status, and prints CACHEWATCH-EXITED; a unique marker in its environment finds every
/// process it started.
struct DashboardRun {
    let tmux: Tmux
    let marker: String
    let work: String

    init(
        _ name: String, arguments: [String], directory: String = Harness.demo, width: Int = 120, height: Int = 35,
        environment: [String: String] = [:]
    ) throws {
        work = try Harness.temporaryDirectory(name)
        marker = "CACHEWATCH_TEST_MARK=\(UUID().uuidString)"
        let assignments = environment.keys.sorted().map { ShellQuote.quote("\($0)=\(environment[$0]!)") }
        let script = """
            cd \(ShellQuote.quote(directory))
            stty -g > '\(work)/stty-before'
            env \(([marker] + assignments).joined(separator: " ")) \(ShellQuote.join([Harness.binary!] + arguments))
            echo $? > '\(work)/exit-status'
            stty -g > '\(work)/stty-after'
            echo CACHEWATCH-EXITED
            IFS= read -r -t 2 leftover; echo "[$leftover]" > '\(work)/leftover'
            sleep 600
            """
        try script.write(toFile: work + "/run.sh", atomically: true, encoding: .utf8)
        tmux = Tmux(socket: "cachewatch-\(name.replacingOccurrences(of: " ", with: "-"))-\(getpid())")
        try tmux.start(command: "bash --norc --noprofile '\(work)/run.sh'", width: width, height: height)
    }

    /// The cachewatch process itself (found by the marker in its environment), while it runs.
    var pid: pid_t? {
        Harness.processes(marked: marker).compactMap { line -> pid_t? in
            let parts = line.split(separator: " ")
            return parts.count > 1 && parts[1].hasSuffix("/cachewatch") ? pid_t(parts[0]) : nil
        }.first
    }

    /// Presses q and waits for the dashboard to exit.
    func quit(timeout: Double = 60) throws {
        try tmux.send("q")
        _ = try tmux.waitFor(timeout: timeout) { $0.contains("CACHEWATCH-EXITED") }
    }

    /// True when the terminal modes after the dashboard equal those before it.
    var terminalRestored: Bool {
        let before = try? String(contentsOfFile: work + "/stty-before", encoding: .utf8)
        let after = try? String(contentsOfFile: work + "/stty-after", encoding: .utf8)
        return before != nil && before == after
    }

    /// What the shell could read from the terminal after the dashboard exited ("[]" when nothing): keys typed
    /// while the dashboard was busy must not reach it.
    func leftoverInput(timeout: Double = 10) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: work + "/leftover", encoding: .utf8) {
                return text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return nil
    }

    var exitStatus: String {
        ((try? String(contentsOfFile: work + "/exit-status", encoding: .utf8)) ?? "").trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    /// What the dashboard left running (what ended is given up to 10 s to be reaped).
    func leftovers() -> [String] { Harness.survivors(marked: marker) }
}
