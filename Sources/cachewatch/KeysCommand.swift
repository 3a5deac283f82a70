import ArgumentParser
import CacheWatchCore

/// `cachewatch keys`: prints the key table as Markdown (the README's copy is checked against it).
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Print the key bindings as a Markdown table.", shouldDisplay: false)

    func run() {
        print(Keymap.standard.markdownTable)
    }
}
