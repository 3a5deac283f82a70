import CacheWatchCore
import CacheWatchRunner
import Foundation

/// The settings a command runs with: its flags, the environment, the project's `.cachewatch.toml` and the user's
/// `config.toml`, merged by `ConfigResolver`; a problem anywhere is a clear error before anything starts.
enum Configuration {
    struct Loaded {
        let settings: Settings
        /// The files read, as shown to the user.
        let files: [String]
        /// Where the user's file is (or would be), as shown to the user.
        let userFile: String
    }

    /// Reads the files and merges; `project` nil reads only the user's file (a replay has no project).
    static func load(flags: [String: ConfigValue], project: String?) throws(ConfigError) -> Loaded {
        let environment = ProcessInfo.processInfo.environment
        var problems: [ConfigProblem] = []
        func read(_ path: String, _ kind: ConfigFileKind) -> ConfigFile? {
            do {
                return try ConfigReader.read(path, shown: Launcher.abbreviate(path), kind: kind)
            } catch {
                problems += error.problems
                return nil
            }
        }
        let userFile = ConfigReader.userFile(environment: environment, home: Launcher.home)
        let user = read(userFile, .user)
        let projectFile = project.flatMap { read(ConfigReader.projectFile(project: Launcher.absolute($0)), .project) }
        let settings: Settings
        do {
            settings = try ConfigResolver.resolve(flags: flags, environment: environment, project: projectFile, user: user)
        } catch {
            throw ConfigError(problems + error.problems)
        }
        guard problems.isEmpty else { throw ConfigError(problems) }
        return Loaded(
            settings: settings, files: [user, projectFile].compactMap { $0?.path },
            userFile: Launcher.abbreviate(userFile))
    }

    /// Loads, or prints every problem and exits with status 2.
    static func loadOrExit(flags: [String: ConfigValue], project: String?) -> Loaded {
        do {
            return try load(flags: flags, project: project)
        } catch {
            FileHandle.standardError.write(Data((message(error) + "\n").utf8))
            exit(2)
        }
    }

    static func message(_ error: ConfigError) -> String {
        if error.problems.count == 1 { return "cachewatch: error: \(error.problems[0])" }
        return "cachewatch: error: \(error.problems.count) problems in the settings:\n"
            + error.problems.map { "  \($0)" }.joined(separator: "\n")
    }
}
