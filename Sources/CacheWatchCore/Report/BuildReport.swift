/// The JSON report written each time a build ends (`--report FILE`).
public struct BuildReport: Sendable {
    public var engine: String
    public var command: [String]
    public var exitStatus: Int32
    public var durationSeconds: Double
    /// The last JSON object exactly as sccache printed it.
    public var sccacheJSON: String?
    public var disk: [DirectoryUsage]
    /// Engine-specific string fields ("image", "container").
    public var extra: [(key: String, value: String)]
    /// What went wrong with the cache ("21 cache writes failed: no space left on device").
    public var warnings: [String] = []

    public init(
        engine: String, command: [String], exitStatus: Int32, durationSeconds: Double, sccacheJSON: String?,
        disk: [DirectoryUsage], extra: [(key: String, value: String)] = []
    ) {
        self.engine = engine
        self.command = command
        self.exitStatus = exitStatus
        self.durationSeconds = durationSeconds
        self.sccacheJSON = sccacheJSON
        self.disk = disk
        self.extra = extra
    }

    public var json: String {
        var fields: [String] = [
            "  \"engine\": \(JSONText.string(engine))",
            "  \"command\": [\(command.map(JSONText.string).joined(separator: ", "))]",
            "  \"exit_status\": \(exitStatus)",
            "  \"duration_seconds\": \(Decimal1.format(durationSeconds, places: 3))",
        ]
        for (key, value) in extra { fields.append("  \(JSONText.string(key)): \(JSONText.string(value))") }
        let raw = SecretMask.text(sccacheJSON?.trimmingSpaces.trimmingNewlines ?? "")
        fields.append("  \"sccache\": \(raw.isEmpty ? "null" : raw)")
        fields.append("  \"warnings\": [\(warnings.map(JSONText.string).joined(separator: ", "))]")
        let disk = self.disk.map {
            "    \(JSONText.string($0.path)): {\"bytes\": \($0.bytes), \"files\": \($0.files), \"unreadable_directories\": \($0.unreadable)}"
        }
        fields.append(disk.isEmpty ? "  \"disk\": {}" : "  \"disk\": {\n" + disk.joined(separator: ",\n") + "\n  }")
        return "{\n" + fields.joined(separator: ",\n") + "\n}\n"
    }
}

/// JSON string literals.
public enum JSONText {
    public static func string(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension String {
    var trimmingNewlines: String {
        var s = Substring(self)
        while let c = s.last, c.isNewline || c == " " { s = s.dropLast() }  // "\r\n" is one Character
        while let c = s.first, c.isNewline || c == " " { s = s.dropFirst() }
        return String(s)
    }
}
