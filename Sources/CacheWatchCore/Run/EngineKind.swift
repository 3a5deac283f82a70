/// Which engine ran a build: `docker` (the muslrust container) or `native` (the host's cargo and sccache). Kept as
/// its name, encoded as a plain string, so a history or recording another version wrote reads back as it was.
public struct EngineKind: Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let name: String

    public static let docker = EngineKind("docker")
    public static let native = EngineKind("native")
    /// The engines a user can ask for (`--engine`, `engine =`).
    public static let choices: [EngineKind] = [.docker, .native]

    public init(_ name: String) { self.name = name }

    public init(stringLiteral name: String) { self.name = name }

    public init(from decoder: any Decoder) throws { name = try decoder.singleValueContainer().decode(String.self) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }

    public var description: String { name }
}

extension EngineKind: ConfigValueConvertible {
    public var configValue: ConfigValue? { .string(name) }
}
