import ArgumentParser
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

/// `body`'s result, or its error said on stderr ("cachewatch: error: …") and exit status `status`.
func failing<T>(_ status: Int32, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        Output.err("cachewatch: error: \(error)\n")
        throw ExitCode(status)
    }
}
