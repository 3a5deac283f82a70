/// What went into one compile's cache key, as far as cachewatch can see it: the arguments sccache hashes, the
/// source files (each with a digest), the `env!` values, and the libraries it linked (by cargo's unit hash).
public struct CompileInputs: Hashable, Codable, Sendable {
    /// crate|kind|profile|target: the same unit from one run to the next.
    public var unit: String
    /// cargo's `-C extra-filename` of this compile (what the compiles that link it name).
    public var extra: String?
    public var arguments: [String]
    /// Path (relative to the project when inside it) → digest; "" for files outside the project (a registry
    /// crate's, which change only with its version, in the path).
    public var sources: [String: String]
    public var envDeps: [String: String]
    /// Crate name → the extra-filename of the library linked.
    public var externs: [String: String]
    /// Set when the dep-info could not be read (the sources and env-deps are then unknown).
    public var problem: String?

    public init(
        unit: String, extra: String?, arguments: [String], sources: [String: String] = [:], envDeps: [String: String] = [:],
        externs: [String: String] = [:], problem: String? = nil
    ) {
        self.unit = unit
        self.extra = extra
        self.arguments = arguments
        self.sources = sources
        self.envDeps = envDeps
        self.externs = externs
        self.problem = problem
    }
}
