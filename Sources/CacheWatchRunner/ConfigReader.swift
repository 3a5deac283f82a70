import CacheWatchCore
import Foundation
import TOMLKit

/// Reads a config file: TOML (through TOMLKit) into `ConfigEntry`s with their lines. A project's file is opened
/// without following a symbolic link (a build can write there), and no file may exceed 1 MiB.
public enum ConfigReader {
    /// The user's file: `$XDG_CONFIG_HOME/cachewatch/config.toml`, else `~/.config/cachewatch/config.toml`.
    public static func userFile(environment: [String: String], home: String) -> String {
        if let base = environment["XDG_CONFIG_HOME"], base.hasPrefix("/") { return base + "/cachewatch/config.toml" }
        return home + "/.config/cachewatch/config.toml"
    }

    /// A project's file.
    public static func projectFile(project: String) -> String { project + "/.cachewatch.toml" }

    /// The file at `path` (shown as `shown` in messages); nil when there is none.
    public static func read(_ path: String, shown: String, kind: ConfigFileKind) throws(ConfigError) -> ConfigFile? {
        // A directory this user may not enter holds no file of theirs: a project they cannot read is said as such
        // by the launcher, and another account's config home (sudo keeps the environment) is not theirs.
        let directory = (path as NSString).deletingLastPathComponent
        if access(directory, X_OK) != 0 { return nil }
        let bytes: [UInt8]?
        do {
            bytes = try SafeFile.read(path, limit: ConfigLimits.maximumSize + 1)
        } catch {
            throw ConfigError([ConfigProblem(.file(kind, path: shown, line: 1), "cannot read it: \(error.reason)")])
        }
        guard let bytes else { return nil }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ConfigError([ConfigProblem(.file(kind, path: shown, line: 1), "is not UTF-8 text, as TOML must be")])
        }
        var file = try parse(text, path: shown, directory: directory, kind: kind)
        file.digest = SHA256.hex(bytes)
        return file
    }

    /// A config file's text as entries, each with its line; what no valid file needs (`ConfigLimits`) is refused
    /// before the TOML parser sees it.
    public static func parse(_ text: String, path: String, directory: String, kind: ConfigFileKind) throws(ConfigError)
        -> ConfigFile
    {
        if let (line, message) = ConfigLimits.problem(in: text) {
            throw ConfigError([ConfigProblem(.file(kind, path: path, line: line), message)])
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError([
                ConfigProblem(
                    .file(kind, path: path, line: max(1, error.source.begin.line)),
                    "not valid TOML: \(error.description) (column \(error.source.begin.column))")
            ])
        } catch {
            throw ConfigError([ConfigProblem(.file(kind, path: path, line: 1), "not valid TOML: \(error)")])
        }
        let lines = ConfigLines.locate(text)
        var entries: [ConfigEntry] = []
        flatten(table, path: [], lines: lines, into: &entries)
        entries.sort { ($0.line, $0.path.joined(separator: ".")) < ($1.line, $1.path.joined(separator: ".")) }
        return ConfigFile(kind: kind, path: path, directory: directory, entries: entries)
    }

    private static func flatten(_ table: TOMLTable, path: [String], lines: [[String]: Int], into entries: inout [ConfigEntry]) {
        for key in table.keys {
            guard let node = table[key] else { continue }
            let keyPath = path + [key]
            if let inner = node.table {
                flatten(inner, path: keyPath, lines: lines, into: &entries)
            } else {
                entries.append(ConfigEntry(path: keyPath, value: value(node), line: line(of: keyPath, in: lines)))
            }
        }
    }

    /// The key's line, else its nearest enclosing table's (an inline table's keys are not located).
    private static func line(of path: [String], in lines: [[String]: Int]) -> Int {
        var prefix = path
        while !prefix.isEmpty {
            if let line = lines[prefix] { return line }
            prefix.removeLast()
        }
        return 1
    }

    private static func value(_ node: any TOMLValueConvertible) -> ConfigValue {
        switch node.type {
        case .string: return .string(node.string ?? "")
        case .int: return .integer(node.int ?? 0)
        case .double: return .number(node.double ?? 0)
        case .bool: return .bool(node.bool ?? false)
        case .array: return .array(node.array.map { $0.map(value) } ?? [])
        case .table: return .other("a table")
        case .date: return .other("a date")
        case .time: return .other("a time")
        case .dateTime: return .other("a date-time")
        }
    }
}
