/// The JSON report of a run (`--report`): a rendering of its `RunRecord`. Fields of the first report keep their
/// names; `schema` says which fields to expect.
public enum RunReport {
    /// 5: adds `cache`: the backend sccache used (`summary`, and each level's `kind` and masked `location`; the
    /// per-level numbers are sccache's own, in `sccache.stats.multi_level`);
    /// 4: each compile that missed or hit a cache error has `why` (`kind`, `detail`, `hint`, and `root` for an
    /// upstream cause) once the run is explained against the history;
    /// 3: adds `saved_seconds` and each compile's `kind`, `hash_key` and `argv_digest` (when sccache's log had them);
    /// 2: adds `schema`, `id`, `started_at`, `outcome`, `compiles`, `log`; 1 had no `schema`.
    public static let schema = 5

    public static func json(_ record: RunRecord) -> String {
        var fields: [String] = [
            "  \"schema\": \(schema)",
            "  \"id\": \(JSONText.string(record.id.value))",
            "  \"engine\": \(JSONText.string(record.engine))",
            "  \"project\": \(JSONText.string(record.project))",
            "  \"command\": [\(record.command.map(JSONText.string).joined(separator: ", "))]",
            "  \"started_at\": \(JSONText.string(Timestamp.iso8601(record.startedAt)))",
            "  \"outcome\": \(JSONText.string(record.outcome.word))",
            "  \"exit_status\": \(record.outcome.exitCode)",
            "  \"duration_seconds\": \(FixedPoint.format(record.duration, places: 3))",
        ]
        if case .failedToStart(let why) = record.outcome { fields.append("  \"error\": \(JSONText.string(why))") }
        if let image = record.image { fields.append("  \"image\": \(JSONText.string(image))") }
        if let digest = record.imageDigest { fields.append("  \"image_digest\": \(JSONText.string(digest))") }
        for key in record.facts.keys.sorted() {
            fields.append("  \(JSONText.string(key)): \(JSONText.string(record.facts[key] ?? ""))")
        }
        // Masked again: a record may come from anywhere, and masking twice changes nothing.
        let raw = SecretMask.text(record.statsJSON?.trimmingSpaces.trimmingNewlines ?? "")
        fields.append("  \"sccache\": \(raw.isEmpty ? "null" : raw)")
        if let cache = record.cache {
            let levels = cache.levels.map { level in
                "{\"kind\": \(JSONText.string(level.kind.word)), \"location\": "
                    + "\(level.location.map { JSONText.string(SecretMask.text($0)) } ?? "null")}"
            }
            fields.append(
                "  \"cache\": {\"summary\": \(JSONText.string(SecretMask.text(cache.summary))), \"levels\": [\(levels.joined(separator: ", "))]}"
            )
        }
        if let saved = record.savedSeconds {
            fields.append("  \"saved_seconds\": \(FixedPoint.format(saved, places: 3))")
        }
        fields.append("  \"warnings\": [\(record.cacheWarnings.map(JSONText.string).joined(separator: ", "))]")
        let compiles = record.compiles.map { compile -> String in
            let seconds = compile.seconds.map { FixedPoint.format($0, places: 3) } ?? "null"
            var text =
                "    {\"crate\": \(JSONText.string(compile.name)), \"result\": \(JSONText.string(compile.outcome.label)), "
                + "\"seconds\": \(seconds)"
            if let kind = compile.kind { text += ", \"kind\": \(JSONText.string(kind))" }
            if let key = compile.hashKey { text += ", \"hash_key\": \(JSONText.string(key))" }
            if let digest = compile.argvDigest { text += ", \"argv_digest\": \(JSONText.string(digest))" }
            if let cause = compile.cause {
                text +=
                    ", \"why\": {\"kind\": \(JSONText.string(cause.kind.rawValue)), \"detail\": \(JSONText.string(cause.detail))"
                if let hint = cause.hint { text += ", \"hint\": \(JSONText.string(hint))" }
                if let root = cause.root { text += ", \"root\": \(JSONText.string(root))" }
                text += "}"
            }
            return text + "}"
        }
        fields.append(
            compiles.isEmpty ? "  \"compiles\": []" : "  \"compiles\": [\n" + compiles.joined(separator: ",\n") + "\n  ]")
        let directories = record.disk?.directories ?? []
        let disk = directories.map {
            "    \(JSONText.string($0.path)): {\"bytes\": \($0.bytes), \"files\": \($0.files), \"unreadable_directories\": \($0.unreadable)}"
        }
        fields.append(disk.isEmpty ? "  \"disk\": {}" : "  \"disk\": {\n" + disk.joined(separator: ",\n") + "\n  }")
        var log = "\"errors\": \(record.logErrors), \"warnings\": \(record.logWarnings)"
        if let file = record.logFile { log += ", \"file\": \(JSONText.string(file))" }
        fields.append("  \"log\": {\(log)}")
        return "{\n" + fields.joined(separator: ",\n") + "\n}\n"
    }
}
