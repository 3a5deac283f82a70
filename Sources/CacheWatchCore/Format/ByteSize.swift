/// Byte counts for people: "13.5 MiB", and sccache's "13 MiB" read back.
public enum ByteSize {
    private static let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]

    /// Formats with binary units: integers for bytes, one decimal otherwise ("1.0 KiB", "13.5 MiB").
    public static func format(_ bytes: Int64) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return "\(FixedPoint.format(value)) \(units[unit])"
    }

    /// Reads "13 MiB", "10 GiB", "494 MiB", "512 bytes", "5G", "500M", "1024" into bytes.
    public static func parse(_ text: String) -> Int64? {
        let trimmed = text.trimmingSpaces
        var digits = ""
        var rest = Substring(trimmed)
        while let c = rest.first, c.isNumber || c == "." {
            digits.append(c)
            rest = rest.dropFirst()
        }
        guard let number = Double(digits), number >= 0 else { return nil }
        let unit = String(rest).trimmingSpaces.uppercased()
        let power: Double
        switch unit {
        case "", "B", "BYTES": power = 0
        case "K", "KB", "KIB": power = 1
        case "M", "MB", "MIB": power = 2
        case "G", "GB", "GIB": power = 3
        case "T", "TB", "TIB": power = 4
        case "P", "PB", "PIB": power = 5
        default: return nil
        }
        var multiplier = 1.0
        for _ in 0..<Int(power) { multiplier *= 1024 }
        let bytes = number * multiplier
        guard bytes.isFinite, bytes < 9.2e18 else { return nil }
        return Int64(bytes)
    }
}
