import Foundation

/// Last-resort cleanup when the process dies from a fatal signal (a Swift trap, a segfault):
/// restores the saved terminal modes and ends the build's process group, then dies as it would have.
/// Only async-signal-safe calls happen in the handler.
public enum CrashGuard {
    nonisolated(unsafe) private static var savedModes = termios()
    nonisolated(unsafe) private static var haveModes = false

    public static func install() {
        if tcgetattr(STDIN_FILENO, &savedModes) == 0 { haveModes = true }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                ChildGroups.killAll()
                if CrashGuard.haveModes { tcsetattr(STDIN_FILENO, TCSANOW, &CrashGuard.savedModes) }
                let reset: StaticString = "\u{1B}[?1049l\u{1B}[?25h\u{1B}[0m\r\n"
                _ = write(STDOUT_FILENO, reset.utf8Start, reset.utf8CodeUnitCount)
                signal(number, SIG_DFL)
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(sig, &action, nil)
        }
    }
}
