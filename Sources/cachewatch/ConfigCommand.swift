import ArgumentParser
import CacheWatchCore
import CacheWatchRunner
import Foundation

/// `cachewatch config`: the effective settings and where each came from; `--init` writes a commented config file.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the settings in effect and where each came from, or (--init) write a config file.",
        discussion: """
            Settings come from flags, then the environment (MOUNT_ROOT, SCCACHE_CACHE_SIZE, NO_COLOR, \
            GITHUB_STEP_SUMMARY), then the project's .cachewatch.toml, then your config file \
            ($XDG_CONFIG_HOME/cachewatch/config.toml, by default ~/.config/cachewatch/config.toml), then the defaults. \
            Every option that has a flag has a setting of the same name; [keys] rebinds keys and [colors] colours \
            the dashboard.
            """
    )

    @Option(
        name: .long,
        help: ArgumentHelp("The project whose .cachewatch.toml is read (default: the current directory).", valueName: "dir"))
    var project: String?

    @Flag(
        name: .customLong("init"),
        help: "Write a config file with every setting, its help and its default (your config file unless --file).")
    var initialize = false

    @Option(name: .long, help: ArgumentHelp("With --init: write here instead (- for stdout).", valueName: "file"))
    var file: String?

    @Flag(help: "With --init: replace a file that is there.")
    var force = false

    @OptionGroup var options: SettingOptions

    func run() throws {
        if initialize {
            try writeTemplate()
            return
        }
        let directory = project ?? FileManager.default.currentDirectoryPath
        let loaded = Configuration.loadOrExit(flags: options.given, project: directory, trustProject: options.trustProject)
        var files = loaded.files
        if !files.contains(loaded.userFile) { files.append("(no \(loaded.userFile))") }
        Output.out(ConfigText.effective(loaded.settings, files: files))
    }

    private func writeTemplate() throws {
        if file == "-" {
            Output.out(ConfigText.template(), terminator: "")
            return
        }
        Output.out(try failing(1) { try SettingsLoader().writeTemplate(to: file, force: force) })
    }
}
