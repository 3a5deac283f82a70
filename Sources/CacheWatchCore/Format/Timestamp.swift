/// Wall-clock times as text, without Foundation (UTC).
public enum Timestamp {
    /// "2026-11-29T07:14:50Z" for seconds since 1970.
    public static func iso8601(_ seconds: Double) -> String {
        let c = civil(seconds, offset: 0)
        return "\(c.year)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))Z"
    }

    /// "2026-11-29 10:41" at `offset` seconds from UTC (the local time a history shows).
    public static func minute(_ seconds: Double, offset: Int) -> String {
        let c = civil(seconds, offset: offset)
        return "\(c.year)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute))"
    }

    /// "2026-11-29 10:41:12" at `offset` seconds from UTC.
    public static func second(_ seconds: Double, offset: Int) -> String {
        minute(seconds, offset: offset) + ":" + two(civil(seconds, offset: offset).second)
    }

    /// "11-29": a day, for a chart's axis.
    public static func day(_ seconds: Double, offset: Int) -> String {
        let c = civil(seconds, offset: offset)
        return "\(two(c.month))-\(two(c.day))"
    }

    /// "20261129-104112": a time for a file name, sorting by age.
    public static func compact(_ seconds: Double, offset: Int) -> String {
        let c = civil(seconds, offset: offset)
        return "\(c.year)\(two(c.month))\(two(c.day))-\(two(c.hour))\(two(c.minute))\(two(c.second))"
    }

    private static func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// The calendar date and time of `seconds` since 1970, `offset` seconds east of UTC.
    static func civil(_ seconds: Double, offset: Int) -> (
        year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64
    ) {
        let whole = seconds.isFinite ? Int64(max(-1e15, min(1e15, seconds)).rounded(.down)) + Int64(offset) : 0
        let (days, rest) = whole.quotientAndRemainder(dividingBy: 86_400)
        let second = rest < 0 ? rest + 86_400 : rest
        let day = rest < 0 ? days - 1 : days
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (y, m, d, second / 3600, second / 60 % 60, second % 60)
    }
}
