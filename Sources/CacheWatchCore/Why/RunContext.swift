/// What a whole run's cache keys share: the `CARGO_*` variables of the build's environment (masked as secrets
/// are), the toolchain, the sccache version and, in the container, the image.
public struct RunContext: Hashable, Codable, Sendable {
    public var cargoEnvironment: [String: String]
    /// `rustc -vV` (natively; in the container the image names the toolchain).
    public var rustcVersion: String?
    public var sccacheVersion: String?
    public var image: String?
    public var imageDigest: String?
    /// Where the project was (the build's working directory as sccache saw it).
    public var projectPath: String
    public var cacheLocation: String?

    public init(
        cargoEnvironment: [String: String], rustcVersion: String? = nil, sccacheVersion: String? = nil,
        image: String? = nil, imageDigest: String? = nil, projectPath: String, cacheLocation: String? = nil
    ) {
        self.cargoEnvironment = cargoEnvironment
        self.rustcVersion = rustcVersion
        self.sccacheVersion = sccacheVersion
        self.image = image
        self.imageDigest = imageDigest
        self.projectPath = projectPath
        self.cacheLocation = cacheLocation
    }

    /// The `CARGO_*` variables sccache hashes, from an environment, with secret values masked.
    public static func cargoVariables(_ environment: [String: String]) -> [String: String] {
        let excluded: Set<String> = ["CARGO_MAKEFLAGS", "CARGO_BUILD_JOBS", "CARGO_ENCODED_RUSTFLAGS"]
        var result: [String: String] = [:]
        for (name, value) in environment where name.hasPrefix("CARGO_") && !excluded.contains(name) {
            if name.hasPrefix("CARGO_REGISTRIES_") { continue }
            result[name] = SecretMask.environmentValue(name: name, value: value)
        }
        return result
    }
}
