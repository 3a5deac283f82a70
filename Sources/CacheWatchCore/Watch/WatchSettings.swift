/// Watch mode's settings (`--watch`, `--on-change`, `--debounce`): the dashboard re-runs the build by itself when a
/// source file of the project changes.
public struct WatchSettings: Hashable, Codable, Sendable {
    /// What a change does while a build runs, as bacon's `on_change_strategy`.
    public enum Strategy: String, Hashable, Codable, Sendable, CaseIterable {
        /// Stop the running build and start again (the default: the running build is already out of date).
        case restart
        /// Let the running build finish, then re-run.
        case wait
    }

    /// Watch from the start (`--watch`); `W` turns it on and off either way.
    public var enabled: Bool
    /// Changes closer together than this (seconds) make one re-run.
    public var debounce: Double
    public var strategy: Strategy

    public static let defaultDebounce = 0.3

    public init(enabled: Bool = false, debounce: Double = Self.defaultDebounce, strategy: Strategy = .restart) {
        self.enabled = enabled
        self.debounce = max(0, debounce)
        self.strategy = strategy
    }
}
