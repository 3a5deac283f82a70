import CacheWatchCore
import CacheWatchRunner
import CacheWatchTerminal
import Foundation

/// Turns the settings into a plan and a checked session, then runs the dashboard (on ncurses) or headless mode.
struct Launcher {
    let settings: Settings
    let project: String
    let demo: Bool

    func run() -> Int32 {
        do {
            let headless = settings.headless || isatty(STDOUT_FILENO) == 0 || isatty(STDIN_FILENO) == 0
            let plan = LaunchPlan(settings, project: project, host: .current, demo: demo, headless: headless)
            if let problem = plan.problem { throw LaunchFailure(problem) }
            if !headless {
                do { try Terminal.check() } catch { throw LaunchFailure("\(error)") }
            }
            let setup = try SessionSetup.prepare(plan, settings: settings, demo: demo, headless: headless)
            if headless {
                // The process ends here, once the loop has finished every file it writes (the log files, the
                // recording, the report), without releasing what the setup holds: the history's connections would
                // checkpoint SQLite's log as they close (≈10 ms at the end of every CI build); a WAL database is
                // whole however a process ends, and the next write checkpoints it.
                exit(HeadlessLoop(setup: setup).run())
            }
            CrashGuard.install()
            let terminal = Terminal(color: setup.color, palette: setup.palette)
            defer { terminal.restore() }
            return DashboardLoop(setup: setup, terminal: terminal).run()
        } catch {
            Output.err("cachewatch: error: \(error)\n")
            return 2
        }
    }
}

/// The ncurses terminal is what the dashboard's loop drives in the program.
extension Terminal: TerminalDevice {
    public var inputDescriptor: Int32 { STDIN_FILENO }
}
