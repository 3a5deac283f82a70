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

    /// Reads the files and merges; `project` nil reads only the user's file (a replay has no project). The project's
    /// file applies only when its user trusted it (`cachewatch trust`), or for this run (`trustProject`).
    static func load(flags: [String: ConfigValue], project: String?, trustProject: Bool = false) throws(ConfigError)
        -> Loaded
    {
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
        let projectPath = project.map { ConfigReader.projectFile(project: Launcher.absolute($0)) }
        // A project's file that cannot be read or parsed stops nothing unless it is trusted: it is said in the notice.
        var projectProblems: [ConfigProblem] = []
        var projectFile: ConfigFile?
        if let projectPath {
            do {
                projectFile = try ConfigReader.read(projectPath, shown: Launcher.abbreviate(projectPath), kind: .project)
            } catch {
                projectProblems = error.problems
            }
        }
        let trust: ProjectTrust =
            trustProject
            ? .forThisRun
            : projectFile.map { store.trust(projectFile: projectPath!, digest: $0.digest) } ?? .untrusted
        var settings: Settings
        do {
            settings = try ConfigResolver.resolve(
                flags: flags, environment: environment, project: projectFile, trust: trust, user: user)
        } catch {
            throw ConfigError(problems + error.problems)
        }
        if !projectProblems.isEmpty {
            if trust.applies { problems += projectProblems }
            settings.projectFile = ProjectFileStatus(
                path: Launcher.abbreviate(projectPath!), trust: trust, changes: [], problems: projectProblems)
        }
        if trust.applies, let projectPath {
            problems += Self.linksOut(settings, project: (projectPath as NSString).deletingLastPathComponent)
        }
        guard problems.isEmpty else { throw ConfigError(problems) }
        return Loaded(
            settings: settings, files: [user, projectFile].compactMap { $0?.path },
            userFile: Launcher.abbreviate(userFile))
    }

    /// The user's list of trusted project files.
    static var store: TrustStore { TrustStore(environment: ProcessInfo.processInfo.environment, home: Launcher.home) }

    /// A path a project's file names that a symbolic link would lead out of the project (the resolver already
    /// refused absolute paths, `..` and `~`): every part of it that exists must be a real directory or file.
    static func linksOut(_ settings: Settings, project: String) -> [ConfigProblem] {
        ["report", "trace", "summary", "record", "mount-root"].compactMap { name in
            guard case .file(.project, _, _) = settings.source(name), case .string(let path) = settings.values[name],
                path != "-", let link = SafeFile.firstLink(in: path, below: project)
            else { return nil }
            return ConfigProblem(
                settings.source(name),
                "\(name) leads through the symbolic link \(link): a project's file may not write outside its project")
        }
    }

    /// Loads, or prints every problem and exits with status 2.
    static func loadOrExit(flags: [String: ConfigValue], project: String?, trustProject: Bool = false) -> Loaded {
        do {
            return try load(flags: flags, project: project, trustProject: trustProject)
        } catch {
            Output.err((message(error) + "\n"))
            exit(2)
        }
    }

    static func message(_ error: ConfigError) -> String {
        if error.problems.count == 1 { return "cachewatch: error: \(error.problems[0])" }
        return "cachewatch: error: \(error.problems.count) problems in the settings:\n"
            + error.problems.map { "  \($0)" }.joined(separator: "\n")
    }
}
