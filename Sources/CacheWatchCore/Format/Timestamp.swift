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

    /// Seconds since 1970 of "2026-11-24T23:26:53Z" or "2026-11-24T23:26:53.236Z" (UTC, as sccache's log writes
    /// it; milliseconds with `SCCACHE_LOG_MILLIS`); nil for anything else.
    public static func parse<S: StringProtocol>(_ text: S) -> Double? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for index in range {
                let digit = bytes[index]
                guard digit >= 0x30, digit <= 0x39 else { return nil }
                value = value * 10 + Int64(digit - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
            let minute = number(14..<16), let second = number(17..<19), (1...12).contains(month), (1...31).contains(day),
            hour < 24, minute < 60, second < 61
        else { return nil }
        var fraction = 0.0
        var index = 19
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                fraction += Double(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "Z") else { return nil }
        // Days since 1970-01-01 from the civil date (Howard Hinnant's algorithm, the inverse of `civil`).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second) + fraction
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
