import CacheWatchCore
import Foundation

/// The settings a command runs with: its flags, the environment, the project's `.cachewatch.toml` and the user's
/// `config.toml`, merged by `ConfigResolver`; a problem anywhere is a clear error before anything starts.
public struct SettingsLoader: Sendable {
    public struct Loaded: Sendable {
        public let settings: Settings
        /// The files read, as shown to the user.
        public let files: [String]
        /// Where the user's file is (or would be), as shown to the user.
        public let userFile: String
    }

    public let host: LaunchPlan.Host

    public init(host: LaunchPlan.Host = .current) { self.host = host }

    /// `path` made absolute and plain, as `LaunchPlan` makes it.
    public func absolute(_ path: String) -> String { LaunchPlan.absolute(path, host: host) }

    /// `path` with the home directory written `~`, as messages show it.
    public func abbreviate(_ path: String) -> String { LaunchPlan.abbreviate(path, home: host.home) }

    /// The mount root: the setting (flag, `$MOUNT_ROOT` or a config file, as `ConfigResolver` ranks them), else
    /// `~/.muslrust`; absolute.
    public func mountRoot(_ setting: String?) -> String { absolute(setting ?? (host.home + "/.muslrust")) }

    /// The user's config file, read or written.
    public var userFile: String { ConfigReader.userFile(environment: host.environment, home: host.home) }

    /// The user's list of trusted project files.
    public var trustStore: TrustStore { TrustStore(environment: host.environment, home: host.home) }

    /// Reads the files and merges; `project` nil reads only the user's file (a replay has no project). The project's
    /// file applies only when its user trusted it (`cachewatch trust`), or for this run (`trustProject`).
    public func load(flags: [SettingKey: ConfigValue], project: String?, trustProject: Bool = false) throws(ConfigError)
        -> Loaded
    {
        var problems: [ConfigProblem] = []
        let userFile = self.userFile
        var user: ConfigFile?
        do {
            user = try ConfigReader.read(userFile, shown: abbreviate(userFile), kind: .user)
        } catch {
            problems += error.problems
        }
        let projectPath = project.map { ConfigReader.projectFile(project: absolute($0)) }
        // A project's file that cannot be read or parsed stops nothing unless it is trusted: it is said in the notice.
        var unreadable: ConfigResolver.UnreadableProject?
        var projectFile: ConfigFile?
        if let projectPath {
            do {
                projectFile = try ConfigReader.read(projectPath, shown: abbreviate(projectPath), kind: .project)
            } catch {
                unreadable = .init(path: abbreviate(projectPath), problems: error.problems)
            }
        }
        var trust = ProjectTrust.untrusted
        if trustProject {
            trust = .forThisRun
        } else if let projectPath, let projectFile {
            trust = trustStore.trust(projectFile: projectPath, digest: projectFile.digest)
        }
        let settings: Settings
        do {
            settings = try ConfigResolver.resolve(
                flags: flags, environment: host.environment, project: projectFile, unreadableProject: unreadable,
                trust: trust, user: user)
        } catch {
            throw ConfigError(problems + error.problems)
        }
        if trust.applies, let projectPath {
            problems += Self.linksOut(settings, project: (projectPath as NSString).deletingLastPathComponent)
        }
        guard problems.isEmpty else { throw ConfigError(problems) }
        return Loaded(
            settings: settings, files: [user, projectFile].compactMap { $0?.path }, userFile: abbreviate(userFile))
    }

    /// A path a project's file names that a symbolic link would lead out of the project (the resolver already
    /// refused absolute paths, `..` and `~`): every part of it that exists must be a real directory or file.
    public static func linksOut(_ settings: Settings, project: String) -> [ConfigProblem] {
        ConfigOption.all.filter(\.takesPath).compactMap { option in
            guard case .file(.project, _, _) = settings.source(option.key),
                case .string(let path) = settings.values[option.key], path != "-",
                let link = SafeFile.firstLink(in: path, below: project)
            else { return nil }
            return ConfigProblem(
                settings.source(option.key),
                "\(option.name) leads through the symbolic link \(link): a project's file may not write outside its project")
        }
    }

    /// Writes `config --init`'s file to `file` (default: the user's config file), replacing one only when `force`;
    /// says what it did.
    public func writeTemplate(to file: String?, force: Bool) throws(LaunchFailure) -> String {
        let path = file.map(absolute) ?? userFile
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if force { unlink(path) }
            let fd = try SafeFile.createExclusive(path, mode: 0o644)
            defer { close(fd) }
            try SafeFile.writeAll(fd, Array(ConfigText.template().utf8), path: path)
        } catch let failure as SafeFile.Failure where failure.code == EEXIST {
            throw LaunchFailure("\(path) is there already; --force replaces it")
        } catch {
            throw LaunchFailure("cannot write \(path): \(error)")
        }
        return "cachewatch: wrote \(abbreviate(path)); `cachewatch config` shows what is in effect"
    }

    /// The problems of `error` as the commands print them.
    public static func message(_ error: ConfigError) -> String {
        if error.problems.count == 1 { return "cachewatch: error: \(error.problems[0])" }
        return "cachewatch: error: \(error.problems.count) problems in the settings:\n"
            + error.problems.map { "  \($0)" }.joined(separator: "\n")
    }
}
