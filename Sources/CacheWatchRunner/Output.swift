import CacheWatchCore
import Foundation

/// Every text a command prints goes through here: control characters a build, a file or the history put in it
/// (a crate name, a command, a path) never reach the terminal (`TerminalSafe`).
public enum Output {
    /// Writes `text` to stdout as it is, less its control characters.
    public static func out(_ text: String, terminator: String = "\n") {
        write(text + terminator, to: .standardOutput)
    }

    /// Writes `text` to stderr as it is, less its control characters.
    public static func err(_ text: String) {
        write(text, to: .standardError)
    }

    /// The width of the terminal stdout goes to (at least 60 columns), else `fallback`.
    public static func width(fallback: Int = 160) -> Int {
        var size = winsize()
        if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 60 {
            return Int(size.ws_col)
        }
        return fallback
    }

    /// A failed write (the terminal closed, a pipe's reader gone) is dropped: Foundation's `write(_:)` would trap, and
    /// a dashboard whose terminal was closed must still end its run and keep it.
    public static func write(_ text: String, to handle: FileHandle) {
        try? handle.write(contentsOf: Data(TerminalSafe.text(text).utf8))
    }
}
