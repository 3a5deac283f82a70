/// A setting's name: a flag `--name`, a config file's `name = …`, the key of `Settings`. Typed, so a misspelt
/// setting is a compile error, not a silent default.
public enum SettingKey: String, CaseIterable, Codable, Sendable {
    case engine
    case image
    case dockerArg = "docker-arg"
    case chownAfter = "chown-after"
    case mountRoot = "mount-root"
    case cacheSize = "cache-size"
    case sccache
    case owner
    case headless
    case report
    case trace
    case summary
    case scrollback
    case fresh
    case compare
    case record
    case maxLogSize = "max-log-size"
    case explain
    case keepSessions = "keep-sessions"
    case cacheEnv = "cache-env"
    case probe
    case watch
    case onChange = "on-change"
    case debounce
    case watchMethod = "watch-method"
    case notify
    case notifyAfter = "notify-after"
    case color
    case command
}
