import CacheWatchCore
import Foundation

/// Every text a command prints goes through here: control characters a build, a file or the history put in it
/// (a crate name, a command, a path) never reach the terminal (`TerminalSafe`).
enum Output {
    /// Writes `text` to stdout as it is, less its control characters.
    static func out(_ text: String, terminator: String = "\n") {
        write(text + terminator, to: .standardOutput)
    }

    /// Writes `text` to stderr as it is, less its control characters.
    static func err(_ text: String) {
        write(text, to: .standardError)
    }

    static func write(_ text: String, to handle: FileHandle) {
        handle.write(Data(TerminalSafe.text(text).utf8))
    }
}
