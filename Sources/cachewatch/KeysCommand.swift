import ArgumentParser
import CacheWatchCore
import CacheWatchRunner
import Foundation

/// `cachewatch keys`: prints the key table as Markdown, as your config file binds the keys (docs/usage.md's copy, of
/// the default keys, is checked against `--default`).
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Print the key bindings as a Markdown table (as your config file binds them).")

    @Flag(name: .customLong("default"), help: "The default keys, whatever a config file binds.")
    var standard = false

    func run() {
        let keymap =
            standard
            ? Keymap.standard
            : Configuration.loadOrExit(flags: [:], project: nil).settings.keymap
        Output.out(keymap.markdownTable)
    }
}
