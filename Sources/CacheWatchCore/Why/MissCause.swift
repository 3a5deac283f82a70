/// Why a compile missed sccache's cache (or hit a cache error): the first input of its key that changed since
/// the same unit was last stored, in words, with what to do about it.
public struct MissCause: Hashable, Codable, Sendable {
    public enum Kind: String, Hashable, Codable, Sendable, CaseIterable {
        case gone
        case firstBuild = "first-build"
        case sccacheVersion = "sccache-version"
        case toolchain
        case image
        case env
        case path
        case flags
        case envDep = "env-dep"
        case source
        /// A file a build script wrote into `OUT_DIR` differs (the script is not deterministic, or its inputs
        /// changed).
        case buildScript = "build-script"
        case upstream
        case unexplained
        /// A cache error (not a miss): a feature probe that failed to compile, a read or a write error.
        case cacheError = "cache-error"

        /// The few words the crate table shows ("source changed").
        public var short: String {
            switch self {
            case .gone: return "entry gone"
            case .firstBuild: return "first build"
            case .sccacheVersion: return "sccache version"
            case .toolchain: return "toolchain"
            case .image: return "image"
            case .env: return "env"
            case .path: return "project path"
            case .flags: return "flags"
            case .envDep: return "env! value"
            case .source: return "source changed"
            case .buildScript: return "generated file"
            case .upstream: return "upstream"
            case .unexplained: return "unexplained"
            case .cacheError: return "cache error"
            }
        }
    }

    public var kind: Kind
    /// The exact change ("CARGO_TERM_COLOR: (unset) → always", "crates/slate/src/lib.rs").
    public var detail: String
    /// What to do, in one line; nil when there is nothing to do (a first build, an edit).
    public var hint: String?
    /// For `upstream`: the crate at the root of the cascade, whose own input changed (the detail says which input:
    /// "slate (source crates/slate/src/lib.rs)").
    public var root: String?
    /// The run compared with, and every input that differs from its compile ("old → new"): the full comparison.
    public var against: String?
    public var changes: [String]?

    public init(_ kind: Kind, _ detail: String, hint: String? = nil, root: String? = nil) {
        self.kind = kind
        self.detail = detail
        self.hint = hint
        self.root = root
    }

    /// The crate table's words: "source changed", "upstream slate", "env CARGO_TERM_COLOR".
    public var label: String {
        switch kind {
        case .upstream: return "upstream \(root ?? detail)"
        case .env: return "env \(detail.split(separator: ":").first.map(String.init) ?? detail)"
        case .cacheError: return detail.hasPrefix("feature probe") ? "feature probe" : "cache error"
        default: return kind.short
        }
    }

    /// The group the Why view collects it in: the kind and, for a shared cause, its detail.
    public var group: String {
        switch kind {
        case .upstream: return "upstream: \(detail)"
        case .firstBuild, .source, .envDep, .flags: return kind.short
        case .buildScript: return detail
        default: return "\(kind.short): \(detail)"
        }
    }
}
