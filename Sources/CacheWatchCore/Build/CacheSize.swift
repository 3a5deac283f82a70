/// sccache's size limit (`SCCACHE_CACHE_SIZE`, `--cache-size`), checked and written the way sccache reads it.
///
/// sccache 0.16 reads a whole number with at most one unit letter (`K`, `M`, `G`, `T`, binary) and silently
/// falls back to 10 GiB for anything else (`10GiB`, `5GB`, `0.5G`, `5 G`). cachewatch accepts those forms,
/// with sccache's binary meaning for every unit, and passes sccache the exact same number in its own syntax.
public struct CacheSize: Hashable, Sendable {
    public let bytes: Int64

    /// The value for `SCCACHE_CACHE_SIZE`: the largest unit that divides the size exactly, else bytes.
    public var sccacheValue: String {
        for (letter, power) in [("T", 4), ("G", 3), ("M", 2), ("K", 1)] {
            let unit = Int64(1) << (10 * power)
            if bytes % unit == 0 { return "\(bytes / unit)\(letter)" }
        }
        return String(bytes)
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case unreadable(String)
        case zero(String)
        case fraction(String)
        case tooLarge(String)

        public var description: String {
            switch self {
            case .unreadable(let text):
                return
                    "\"\(text)\" is not a size: use a number with K, M, G or T (binary, as sccache reads them), e.g. 5G or 500M"
            case .zero(let text): return "\"\(text)\" is no room at all: sccache would store nothing"
            case .fraction(let text): return "\"\(text)\" is not a whole number of bytes"
            case .tooLarge(let text): return "\"\(text)\" is larger than any disk"
            }
        }
    }

    public init(bytes: Int64) {
        self.bytes = bytes
    }

    /// Reads "5G", "5 G", "5g", "10GiB", "5GB", "0.5G", "512M", "1048576" (units are binary: 1G = 1024³ bytes).
    public static func parse(_ text: String) throws(Problem) -> CacheSize {
        let trimmed = text.trimmingSpaces
        var digits = Substring(trimmed)
        var unitText = Substring("")
        if let firstLetter = trimmed.firstIndex(where: { !($0.isASCII && ($0.isNumber || $0 == ".")) }) {
            digits = trimmed[..<firstLetter]
            unitText = Substring(String(trimmed[firstLetter...]).trimmingSpaces)
        }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard !digits.isEmpty, parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }),
            !parts[0].isEmpty || parts.count == 2,
            !(parts.count == 2 && parts[1].isEmpty)
        else { throw .unreadable(text) }
        let power: Int
        switch unitText.uppercased() {
        case "", "B", "BYTES": power = 0
        case "K", "KB", "KIB": power = 1
        case "M", "MB", "MIB": power = 2
        case "G", "GB", "GIB": power = 3
        case "T", "TB", "TIB": power = 4
        default: throw .unreadable(text)
        }
        // Exact arithmetic: the whole part and the fraction (as numerator / 10^digits) times 1024^power.
        let whole = parts[0].isEmpty ? "0" : String(parts[0])
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard whole.count <= 18, fraction.count <= 18, let wholeValue = Int64(whole),
            let numerator = Int64(fraction.isEmpty ? "0" : fraction)
        else { throw .tooLarge(text) }
        let unit = Int64(1) << (10 * power)
        let (wholeBytes, overflow) = wholeValue.multipliedReportingOverflow(by: unit)
        guard !overflow else { throw .tooLarge(text) }
        var denominator: Int64 = 1
        for _ in 0..<fraction.count { denominator *= 10 }
        let (scaled, overflow2) = numerator.multipliedReportingOverflow(by: unit)
        guard !overflow2 else { throw .tooLarge(text) }
        guard scaled % denominator == 0 else { throw .fraction(text) }
        let (bytes, overflow3) = wholeBytes.addingReportingOverflow(scaled / denominator)
        guard !overflow3 else { throw .tooLarge(text) }
        guard bytes > 0 else { throw .zero(text) }
        return CacheSize(bytes: bytes)
    }

    /// sccache's default when nothing is set: `SCCACHE_CACHE_SIZE` of the seed's command (5G).
    public static let standard = CacheSize(bytes: 5 << 30)
}
