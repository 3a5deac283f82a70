/// The JSON report of a run (`--report`, `history show --json`): its `RunRecord` as a document whose shape is
/// docs/schemas/report-6.schema.json. Fields of the first report keep their names; `schema` says which to expect.
public struct RunReport: Encodable {
    /// 6: adds `dist`, the build farm (scheduler, state, servers listed, each server's compiles, fallbacks with
    /// their reasons), and each compile's `dist` (the server that ran it), `fell_back` or `dist_refused` (why);
    /// 5: adds `cache`: the backend sccache used (`summary`, and each level's `kind` and masked `location`; the
    /// per-level numbers are sccache's own, in `sccache.stats.multi_level`);
    /// 4: each compile that missed or hit a cache error has `why` (`kind`, `detail`, `hint`, and `root` for an
    /// upstream cause) once the run is explained against the history;
    /// 3: adds `saved_seconds` and each compile's `kind`, `hash_key` and `argv_digest` (when sccache's log had them);
    /// 2: adds `schema`, `id`, `started_at`, `outcome`, `compiles`, `log`; 1 had no `schema`.
    public static let schema = 6

    public let record: RunRecord

    public init(_ record: RunRecord) { self.record = record }

    public static func json(_ record: RunRecord) -> String { JSONOutput.text(RunReport(record)) }

    public func encode(to encoder: Encoder) throws {
        var fields = encoder.container(keyedBy: JSONKey.self)
        try fields.put("schema", Self.schema)
        try fields.put("id", record.id.value)
        try fields.put("engine", record.engine)
        try fields.put("project", record.project)
        try fields.put("command", record.command)
        try fields.put("started_at", Timestamp.iso8601(record.startedAt))
        try fields.put("outcome", record.outcome.word)
        try fields.put("exit_status", record.outcome.exitCode)
        try fields.put("duration_seconds", JSONOutput.seconds(record.duration) ?? 0)
        if case .failedToStart(let why) = record.outcome { try fields.put("error", why) }
        try fields.putIfPresent("image", record.image)
        try fields.putIfPresent("image_digest", record.imageDigest)
        for (key, value) in record.facts.fields { try fields.put(key, value) }
        // Masked again: a record may come from anywhere, and masking twice changes nothing.
        let raw = SecretMask.text(record.statsJSON ?? "")
        try fields.put("sccache", (try? JSONValue.parse(raw)).flatMap { $0 == .null ? nil : $0 })
        try fields.putIfPresent("cache", record.cache.map(Cache.init))
        try fields.putIfPresent("dist", record.farm.map(Farm.init))
        try fields.putIfPresent("saved_seconds", JSONOutput.seconds(record.savedSeconds))
        try fields.put("warnings", record.warnings.map(\.message))
        try fields.put("compiles", record.compiles.map { Compile($0) })
        let disk = (record.disk?.directories ?? []).map {
            ($0.path, Disk(bytes: $0.bytes, files: $0.files, unreadable: $0.unreadable))
        }
        try fields.put("disk", Dictionary(disk, uniquingKeysWith: { first, _ in first }))
        try fields.put("log", Log(errors: record.logErrors, warnings: record.logWarnings, file: record.logFile))
    }

    struct Cache: Encodable {
        struct Level: Encodable {
            let kind: String
            let location: String?
            func encode(to encoder: Encoder) throws {
                var fields = encoder.container(keyedBy: JSONKey.self)
                try fields.put("kind", kind)
                try fields.put("location", location)
            }
        }
        let summary: String
        let levels: [Level]

        init(_ cache: CacheBackend) {
            summary = SecretMask.text(cache.summary)
            levels = cache.levels.map { Level(kind: $0.kind.word, location: $0.location.map(SecretMask.text)) }
        }
    }

    /// A compile as the report gives it, or as `why --json` does (the short result, and `cause`, null when there
    /// is none, instead of `why` and the key's parts).
    struct Compile: Encodable {
        let compile: CrateResult
        var forWhy = false
        init(_ compile: CrateResult) { self.compile = compile }
        init(why compile: CrateResult) {
            self.compile = compile
            forWhy = true
        }

        func encode(to encoder: Encoder) throws {
            var fields = encoder.container(keyedBy: JSONKey.self)
            try fields.put("crate", compile.name)
            try fields.put("result", forWhy ? compile.outcome.shortLabel : compile.outcome.label)
            try fields.put("seconds", JSONOutput.seconds(compile.seconds))
            if forWhy {
                try fields.put("cause", compile.cause.map { Cause($0, nullHint: true) })
                return
            }
            try fields.putIfPresent("kind", compile.kind)
            try fields.putIfPresent("hash_key", compile.hashKey)
            try fields.putIfPresent("argv_digest", compile.argvDigest)
            try fields.putIfPresent("why", compile.cause.map { Cause($0, nullHint: false) })
            if let (key, value) = compile.farmField { try fields.put(key, value) }
        }
    }

    /// The build farm: what its scheduler listed and what it ran, as sccache counted it.
    struct Farm: Encodable {
        let farm: RunFarm
        init(_ farm: RunFarm) { self.farm = farm }

        func encode(to encoder: Encoder) throws {
            var fields = encoder.container(keyedBy: JSONKey.self)
            try fields.put("scheduler", SecretMask.text(farm.scheduler))
            try fields.put("state", farm.state.rawValue)
            try fields.putIfPresent("reason", farm.reason.map(SecretMask.text))
            try fields.putIfPresent("servers_listed", farm.serversListed)
            try fields.putIfPresent("cpus", farm.cpus)
            try fields.put("compiles", farm.compiles)
            try fields.put("fallbacks", farm.fallbacks)
            try fields.put("fallback_reasons", farm.fallbackReasons)
        }
    }

    /// A miss's cause: `hint` is left out when there is none (the report), or null (`why --json`).
    struct Cause: Encodable {
        let cause: MissCause
        let nullHint: Bool
        init(_ cause: MissCause, nullHint: Bool) {
            self.cause = cause
            self.nullHint = nullHint
        }

        func encode(to encoder: Encoder) throws {
            var fields = encoder.container(keyedBy: JSONKey.self)
            try fields.put("kind", cause.kind.rawValue)
            try fields.put("detail", cause.detail)
            if nullHint { try fields.put("hint", cause.hint) } else { try fields.putIfPresent("hint", cause.hint) }
            try fields.putIfPresent("root", cause.root)
        }
    }

    struct Disk: Encodable {
        let bytes: Int64
        let files: Int
        let unreadable: Int
        enum CodingKeys: String, CodingKey {
            case bytes, files
            case unreadable = "unreadable_directories"
        }
    }

    struct Log: Encodable {
        let errors: Int
        let warnings: Int
        let file: String?
    }
}
