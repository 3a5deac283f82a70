/// Explains every compile of a run that missed or hit a cache error, against the last stored compile of the same
/// unit in the history: the first input of sccache's key that changed, in the order that explains the most
/// (an entry gone, a first build, the toolchain, a `CARGO_*` variable, the project path, the flags, an `env!`
/// value, the sources, an upstream crate), with what to do. Pure: the history's answers come in as `Baseline`s.
public enum MissExplainer {
    /// The last stored compile of a unit before this run, and the run it belongs to.
    public struct Baseline: Hashable, Sendable {
        public var compile: CrateResult
        public var run: RunID
        public var startedAt: Double
        public var context: RunContext?

        public init(compile: CrateResult, run: RunID, startedAt: Double, context: RunContext?) {
            self.compile = compile
            self.run = run
            self.startedAt = startedAt
            self.context = context
        }
    }

    /// The causes of `record`'s misses and cache errors, by index in `record.compiles`.
    /// - Parameters:
    ///   - candidates: by unit (`CompileInputs.unit`), the unit's recent stored compiles, newest first; each miss is
    ///     compared with the one whose inputs differ least (the cache holds an entry for each of them).
    ///   - storedKeys: the hash keys of this run's misses that an earlier compile stored (hit or miss).
    public static func explain(_ record: RunRecord, candidates: [String: [Baseline]], storedKeys: Set<String>)
        -> [Int: MissCause]
    {
        explain(record, baselines: closest(record, candidates: candidates), storedKeys: storedKeys)
    }

    /// The baseline of each unit of `record` that has candidates: the one whose inputs differ least from its
    /// compile's, the newest among equals.
    public static func closest(_ record: RunRecord, candidates: [String: [Baseline]]) -> [String: Baseline] {
        var baselines: [String: Baseline] = [:]
        for compile in record.compiles {
            guard let inputs = compile.inputs, let list = candidates[inputs.unit], !list.isEmpty else { continue }
            let distances = list.map { distance(compile, record.context, $0) }
            // The list is newest first: the first of the fewest.
            baselines[inputs.unit] = list[distances.indices.min { distances[$0] < distances[$1] } ?? 0]
        }
        return baselines
    }

    /// How many of the key's inputs differ between a compile and a stored one.
    static func distance(_ compile: CrateResult, _ context: RunContext?, _ baseline: Baseline) -> Int {
        var count = 0
        if let a = context, let b = baseline.context {
            if let x = a.sccacheVersion, let y = b.sccacheVersion, x != y { count += 1 }
            if a.rustcVersion != b.rustcVersion { count += 1 }
            if a.imageDigest != b.imageDigest { count += 1 }
            if a.cargoEnvironment != b.cargoEnvironment { count += 1 }
            if a.projectPath != b.projectPath { count += 1 }
        }
        guard let now = compile.inputs, let before = baseline.compile.inputs else { return count + 5 }
        if now.arguments != before.arguments { count += 1 }
        if now.envDeps != before.envDeps { count += 1 }
        if now.sources != before.sources { count += 1 }
        if now.externs != before.externs { count += 1 }
        return count
    }

    /// The causes, each miss against the one baseline given for its unit.
    /// - Parameter only: the indices to explain (with the crates upstream of them); nil: every compile.
    public static func explain(
        _ record: RunRecord, baselines: [String: Baseline], storedKeys: Set<String>, only: [Int]? = nil
    ) -> [Int: MissCause] {
        var causes: [Int: MissCause] = [:]
        // Which compile of this run produced each library (by cargo's unit hash), for the cascade.
        var producer: [String: Int] = [:]
        for (index, compile) in record.compiles.enumerated() {
            if let extra = compile.inputs?.extra, !extra.isEmpty { producer[extra] = index }
        }
        var visiting: Set<Int> = []
        // Misses whose key an earlier compile stored: their entries are gone (one, or the whole cache).
        let goneCount = record.compiles.filter { compile in
            guard compile.outcome == .miss, let key = compile.hashKey else { return false }
            return storedKeys.contains(key) || baselines[compile.inputs?.unit ?? ""]?.compile.hashKey == key
        }.count

        func cause(of index: Int) -> MissCause? {
            if let known = causes[index] { return known }
            let compile = record.compiles[index]
            guard compile.outcome == .miss || compile.outcome == .error else { return nil }
            guard !visiting.contains(index) else { return nil }
            visiting.insert(index)
            defer { visiting.remove(index) }
            let found = ownCause(index, compile)
            causes[index] = found
            return found
        }

        func ownCause(_ index: Int, _ compile: CrateResult) -> MissCause {
            var cause = firstCause(index, compile)
            if let inputs = compile.inputs, let baseline = baselines[inputs.unit], cause.kind != .cacheError {
                cause.against = baseline.run.value
                cause.changes = changes(compile, record.context, baseline)
            }
            return cause
        }

        func firstCause(_ index: Int, _ compile: CrateResult) -> MissCause {
            if compile.outcome == .error { return cacheError(compile) }
            if let key = compile.hashKey, storedKeys.contains(key) { return gone(compile, record: record, goneCount: goneCount) }
            guard let inputs = compile.inputs, let baseline = baselines[inputs.unit] else {
                return MissCause(
                    .firstBuild, "no earlier build of \(compile.name) (\(unitWords(compile.inputs?.unit))) in the history")
            }
            if let key = compile.hashKey, key == baseline.compile.hashKey {
                return gone(compile, record: record, goneCount: goneCount, baseline: baseline)
            }
            let old = baseline.context
            let new = record.context
            if let old, let new {
                if let a = old.sccacheVersion, let b = new.sccacheVersion, a != b {
                    return MissCause(
                        .sccacheVersion, "\(a) → \(b)", hint: "keys differ between sccache versions: the next build hits again")
                }
                if let a = old.rustcVersion, let b = new.rustcVersion, a != b {
                    return MissCause(
                        .toolchain, "\(firstLine(a)) → \(firstLine(b))",
                        hint: "a new toolchain compiles everything once; pin it (rust-toolchain.toml) to keep hits")
                }
                if old.imageDigest != new.imageDigest, let b = new.imageDigest {
                    return MissCause(
                        .image, "\(short(old.imageDigest)) → \(short(b))",
                        hint: "the image (its toolchain and environment) changed: pin the image by digest")
                }
                if let change = environmentChange(old.cargoEnvironment, new.cargoEnvironment) { return change }
                if old.projectPath != new.projectPath {
                    return MissCause(
                        .path, "\(old.projectPath) → \(new.projectPath)",
                        hint: "sccache hashes the working directory: build at one path, or set SCCACHE_BASEDIRS (sccache ≥ 0.14)")
                }
            }
            guard let before = baseline.compile.inputs else {
                return MissCause(.unexplained, "the run before kept no inputs of \(compile.name) to compare with")
            }
            let removed = before.arguments.filter { !inputs.arguments.contains($0) }
            let added = inputs.arguments.filter { !before.arguments.contains($0) }
            if !removed.isEmpty || !added.isEmpty {
                let text = (removed.map { "−\($0)" } + added.map { "+\($0)" }).joined(separator: " ")
                return MissCause(.flags, text, hint: flagsHint(removed + added))
            }
            let names = Set(before.envDeps.keys).union(inputs.envDeps.keys).sorted()
            for name in names where before.envDeps[name] != inputs.envDeps[name] {
                return MissCause(
                    .envDep, "\(name): \(quoted(before.envDeps[name])) → \(quoted(inputs.envDeps[name]))",
                    hint: "env!/option_env!(\(name)) is read at compile time: keep it the same between builds")
            }
            let files = Set(before.sources.keys).union(inputs.sources.keys).sorted()
            let changed = files.filter { BuildScriptOutput.differs($0, before.sources[$0], inputs.sources[$0]) }
            var outputs: [BuildScriptOutput] = []
            var edited: [String] = []
            for file in changed {
                if let output = BuildScriptOutput(path: file) { outputs.append(output) } else { edited.append(file) }
            }
            if !edited.isEmpty {
                let more = edited.count > 1 ? " and \(edited.count - 1) more" : ""
                return MissCause(.source, edited[0] + more)
            }
            if let output = outputs.first {
                return buildScript(output, more: outputs.count - 1, record: record, baselines: baselines)
            }
            // Upstream: a library it links was rebuilt differently (its unit hash or its compile's key changed).
            for (name, extra) in inputs.externs.sorted(by: { $0.key < $1.key }) {
                if let index = producer[extra], let upstream = cause(of: index) {
                    // Down the cascade to the crate whose own input changed.
                    if upstream.kind == .upstream { return upstream }
                    let crate = record.compiles[index].name
                    let what = upstream.kind == .buildScript ? upstream.detail : "\(upstream.kind.rawValue) \(upstream.detail)"
                    return MissCause(.upstream, "\(crate) (\(what))", hint: upstream.hint, root: crate)
                }
                if let old = before.externs[name], old != extra {
                    return MissCause(.upstream, "\(name) (rebuilt with other features, flags or version)", root: name)
                }
            }
            if let problem = inputs.problem {
                return MissCause(.unexplained, "its dep-info could not be read (\(problem))")
            }
            return MissCause(
                .unexplained,
                "arguments, sources, env! values, CARGO_* variables and upstream crates equal run \(baseline.run.value)'s",
                hint: "an input cachewatch cannot see changed: a file read by a proc-macro, the toolchain's libraries")
        }

        for index in only ?? Array(record.compiles.indices) { _ = cause(of: index) }
        return causes
    }

    /// Every input that differs between a compile and the stored one it is compared with, as "what: old → new".
    static func changes(_ compile: CrateResult, _ context: RunContext?, _ baseline: Baseline) -> [String] {
        var lines: [String] = []
        if let a = baseline.context, let b = context {
            if let x = a.sccacheVersion, let y = b.sccacheVersion, x != y { lines.append("sccache: \(x) → \(y)") }
            if a.rustcVersion != b.rustcVersion {
                lines.append("toolchain: \(firstLine(a.rustcVersion ?? "?")) → \(firstLine(b.rustcVersion ?? "?"))")
            }
            if a.imageDigest != b.imageDigest { lines.append("image: \(short(a.imageDigest)) → \(short(b.imageDigest))") }
            for name in Set(a.cargoEnvironment.keys).union(b.cargoEnvironment.keys).sorted()
            where a.cargoEnvironment[name] != b.cargoEnvironment[name] {
                lines.append("env \(name): \(a.cargoEnvironment[name] ?? "(unset)") → \(b.cargoEnvironment[name] ?? "(unset)")")
            }
            if a.projectPath != b.projectPath { lines.append("project path: \(a.projectPath) → \(b.projectPath)") }
        }
        guard let before = baseline.compile.inputs, let now = compile.inputs else { return lines }
        for argument in before.arguments where !now.arguments.contains(argument) { lines.append("flag removed: \(argument)") }
        for argument in now.arguments where !before.arguments.contains(argument) { lines.append("flag added: \(argument)") }
        for name in Set(before.envDeps.keys).union(now.envDeps.keys).sorted() where before.envDeps[name] != now.envDeps[name] {
            lines.append("env! \(name): \(quoted(before.envDeps[name])) → \(quoted(now.envDeps[name]))")
        }
        for file in Set(before.sources.keys).union(now.sources.keys).sorted()
        where BuildScriptOutput.differs(file, before.sources[file], now.sources[file]) {
            let old = before.sources[file].map { $0.isEmpty ? "present" : String($0.prefix(8)) } ?? "(none)"
            let new = now.sources[file].map { $0.isEmpty ? "present" : String($0.prefix(8)) } ?? "(none)"
            lines.append("source \(file): \(old) → \(new)")
        }
        for name in Set(before.externs.keys).union(now.externs.keys).sorted() where before.externs[name] != now.externs[name] {
            lines.append("extern \(name): \(before.externs[name] ?? "(none)") → \(now.externs[name] ?? "(none)")")
        }
        return lines
    }

    /// A file the package's build script wrote differs. When this run compiled the same script as a stored compile
    /// of it (its sources, flags, `env!` values and dependencies equal), its output is not deterministic: every
    /// dependent misses, every run.
    static func buildScript(
        _ output: BuildScriptOutput, more: Int, record: RunRecord, baselines: [String: Baseline]
    ) -> MissCause {
        // Its unit is "<package>/build_script_build|build-script|…" (RustArguments.unit).
        let script = record.compiles.first { compile in
            compile.kind == "build-script" && compile.inputs?.unit.hasPrefix(output.package + "/build_script_") == true
        }
        var detail = "\(output.package)'s build script wrote a different \(output.file)"
        if more > 0 { detail += " and \(more) more" }
        guard let script, let inputs = script.inputs, let baseline = baselines[inputs.unit],
            distance(script, record.context, baseline) == 0
        else {
            return MissCause(
                .buildScript, detail, hint: "a build script's output is in the key of the crate that includes it",
                root: output.package)
        }
        return MissCause(
            .buildScript, detail + " — a non-deterministic build script: every dependent misses",
            hint: "the script did not change: make it write the same bytes every run (no timestamps, random values, "
                + "hash-map order or absolute paths)",
            root: output.package)
    }

    static func cacheError(_ compile: CrateResult) -> MissCause {
        let text = compile.errorText ?? ""
        let outDir = compile.arguments.flatMap { RustArguments($0).outDir } ?? ""
        if text.hasPrefix("process error") && outDir.contains("/build/") && outDir.hasSuffix("/out") {
            return MissCause(
                .cacheError, "feature probe of a build script failed to compile",
                hint: "harmless: the build script checks what the compiler supports")
        }
        if text.hasPrefix("Cache read error") {
            let why = text.dropFirst("Cache read error: ".count)
            return MissCause(.cacheError, "read error: \(why)", hint: "the entry could not be read; it is written again")
        }
        return MissCause(.cacheError, text.isEmpty ? "sccache reported a cache error" : text)
    }

    static func gone(_ compile: CrateResult, record: RunRecord, goneCount: Int, baseline: Baseline? = nil) -> MissCause {
        if let text = compile.errorText, text.contains("No such file") {
            return MissCause(.gone, "same key as before: its entry was deleted from the cache directory")
        }
        if let old = baseline?.context?.cacheLocation, let new = record.context?.cacheLocation, old != new {
            return MissCause(
                .gone, "same key as before, stored in \(old); the cache is \(new) now",
                hint: "every machine that should share entries needs the same backend")
        }
        if let cache = record.cache, let remote = cache.levels.last(where: \.kind.isRemote) {
            // A shared cache: another machine's entry (or this one's) left the server, not this disk.
            let place =
                cache.isMultiLevel ? "every level, the remote \(remote.summary) included" : "the remote cache \(remote.summary)"
            return MissCause(
                .gone, "same key as before: gone from \(place)",
                hint: "the \(remote.kind.word) server dropped it: expired (a TTL such as SCCACHE_REDIS_EXPIRATION), evicted "
                    + "by its memory policy, or flushed / restarted without persistence")
        }
        if let stats = record.stats, let size = stats.cacheSize, let limit = stats.maxCacheSize, limit > 0,
            Double(size) >= 0.9 * Double(limit)
        {
            return MissCause(
                .gone, "same key as before: evicted at the size limit (cache at \(Int(Double(size) * 100 / Double(limit)))%)",
                hint: "raise SCCACHE_CACHE_SIZE (--cache-size)")
        }
        let cacheable = record.compiles.filter { $0.hashKey != nil }.count
        if goneCount > 1, goneCount * 2 >= cacheable {
            return MissCause(
                .gone, "same key as before: the cache was emptied (wiped, or another SCCACHE_DIR or backend)",
                hint: "keep the cache directory between builds (in CI: cache MOUNT_ROOT)")
        }
        return MissCause(
            .gone, "same key as before: its entry was deleted from the cache (not evicted: the cache is below its limit)")
    }

    /// The first `CARGO_*` variable that differs, with its hint.
    static func environmentChange(_ old: [String: String], _ new: [String: String]) -> MissCause? {
        for name in Set(old.keys).union(new.keys).sorted() where old[name] != new[name] {
            let detail = "\(name): \(old[name] ?? "(unset)") → \(new[name] ?? "(unset)")"
            return MissCause(.env, detail, hint: envHint(name))
        }
        return nil
    }

    static func envHint(_ name: String) -> String {
        switch name {
        case "CARGO_TERM_COLOR": return "sccache hashes every CARGO_* variable: pass --color to cargo instead"
        case "CARGO_TARGET_DIR": return "use cargo's --target-dir flag instead (the variable is hashed, the flag is not)"
        case "CARGO_HOME": return "keep CARGO_HOME the same between builds (a per-run CARGO_HOME never hits)"
        case "CARGO_INCREMENTAL": return "set CARGO_INCREMENTAL=0 always (sccache does not cache incremental builds)"
        default:
            if name.hasPrefix("CARGO_PROFILE_") || name.hasPrefix("CARGO_BUILD_") {
                return "profile and build settings belong in Cargo.toml or .cargo/config.toml, the same every build"
            }
            return "sccache hashes every CARGO_* variable: keep \(name) the same between builds"
        }
    }

    static func flagsHint(_ changed: [String]) -> String {
        if changed.contains(where: { $0.hasPrefix("--cfg feature=") }) {
            return "features differ between builds (cargo -p, --features): build the same set to share entries"
        }
        if changed.contains(where: { $0.hasPrefix("-C opt-level") || $0.hasPrefix("-C debuginfo") }) {
            return "the profile changed: debug and release builds never share entries"
        }
        return "RUSTFLAGS or the profile changed: keep them the same between builds"
    }

    static func unitWords(_ unit: String?) -> String {
        guard let parts = unit?.split(separator: "|"), parts.count == 4 else { return "this unit" }
        return "\(parts[1]), \(parts[2])\(parts[3] == "host" ? "" : ", " + parts[3])"
    }

    static func firstLine(_ text: String) -> String { String(text.split(separator: "\n").first ?? "") }
    static func short(_ digest: String?) -> String { digest.map { String($0.prefix(19)) } ?? "(none)" }
    static func quoted(_ value: String?) -> String { value.map { "'\($0)'" } ?? "(unset)" }
}
