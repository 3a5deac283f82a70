/// A flag's Swift value as a setting's value: what the command line gave, keyed by setting, for `ConfigResolver`.
public protocol ConfigValueConvertible {
    /// nil when the flag gave nothing (an empty repeated option).
    var configValue: ConfigValue? { get }
}

extension String: ConfigValueConvertible {
    public var configValue: ConfigValue? { .string(self) }
}

extension Bool: ConfigValueConvertible {
    public var configValue: ConfigValue? { .bool(self) }
}

extension Int: ConfigValueConvertible {
    public var configValue: ConfigValue? { .integer(self) }
}

extension Double: ConfigValueConvertible {
    public var configValue: ConfigValue? { .number(self) }
}

extension Array: ConfigValueConvertible where Element == String {
    public var configValue: ConfigValue? { isEmpty ? nil : .array(map(ConfigValue.string)) }
}

extension ConfigValueConvertible where Self: RawRepresentable, RawValue == String {
    public var configValue: ConfigValue? { .string(rawValue) }
}

extension WatchSettings.Strategy: ConfigValueConvertible {}

extension ConfigValue {
    /// The flags given, by setting: those left out (nil) are not.
    public static func given(_ flags: [SettingKey: (any ConfigValueConvertible)?]) -> [SettingKey: ConfigValue] {
        flags.compactMapValues { $0?.configValue }
    }
}
