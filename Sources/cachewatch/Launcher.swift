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
            if headless { return HeadlessLoop(setup: setup).run() }
            CrashGuard.install()
            let terminal = Terminal(color: setup.color, palette: setup.palette)
            defer { terminal.restore() }
            return DashboardLoop(setup: setup, terminal: terminal).run()
        } catch {
            Output.err("cachewatch: error: \(error)\n")
            return 2
        }
    }

    /// The mount root: the setting (flag, `$MOUNT_ROOT` or a config file, as `ConfigResolver` ranks them), else
    /// `~/.muslrust`; absolute.
    static func mountRoot(_ setting: String?) -> String {
        absolute(setting ?? (home + "/.muslrust"))
    }

    private func absolute(_ path: String) -> String { Self.absolute(path) }

    /// `path` made absolute and plain, as `LaunchPlan` makes it.
    static func absolute(_ path: String) -> String { LaunchPlan.absolute(path, host: .current) }

    /// `$HOME`, as a shell's `~` means, else the account's home directory.
    static var home: String { LaunchPlan.Host.current.home }

    /// `path` with the home directory written `~`, as messages show it.
    static func abbreviate(_ path: String) -> String { LaunchPlan.abbreviate(path, home: home) }
}

/// The ncurses terminal is what the dashboard's loop drives in the program.
extension Terminal: TerminalDevice {
    public var inputDescriptor: Int32 { STDIN_FILENO }
}
