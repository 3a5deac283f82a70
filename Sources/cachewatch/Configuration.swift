import CacheWatchCore
import CacheWatchRunner
import Foundation

/// The settings a command runs with (`SettingsLoader`), or every problem printed and exit status 2.
enum Configuration {
    static func loadOrExit(
        flags: [SettingKey: ConfigValue], project: String?, trustProject: Bool = false, loader: SettingsLoader = SettingsLoader()
    ) -> SettingsLoader.Loaded {
        do {
            return try loader.load(flags: flags, project: project, trustProject: trustProject)
        } catch {
            Output.err(SettingsLoader.message(error) + "\n")
            exit(2)
        }
    }
}
