/// An sccache version ("0.14.0", or `sccache --version`'s "sccache 0.14.0"), and the ones cachewatch reads.
public struct SccacheVersion: Comparable, Sendable, CustomStringConvertible {
    public let major: Int
    public let minor: Int
    public let patch: Int

    public static let oldestTested = SccacheVersion("0.8.0")!
    /// What the README, `doctor` and the notices say (docs/sccache-versions.md lists them).
    public static let supported = "0.8 to 0.16"

    public init?(_ text: String) {
        var word = Substring(text.trimmingSpaces)
        if word.hasPrefix("sccache ") { word = word.dropFirst("sccache ".count) }
        let numbers = word.prefix { $0.isNumber || $0 == "." }.split(separator: ".").map { Int($0) }
        guard numbers.count >= 2, let major = numbers[0], let minor = numbers[1] else { return nil }
        self.major = major
        self.minor = minor
        patch = numbers.count > 2 ? numbers[2] ?? 0 : 0
    }

    public var description: String { "\(major).\(minor).\(patch)" }

    public static func < (a: SccacheVersion, b: SccacheVersion) -> Bool {
        (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch)
    }

    /// "0.10.0" → "0.10" (the text when it is not a version).
    public static func short(_ text: String) -> String {
        SccacheVersion(text).map { "\($0.major).\($0.minor)" } ?? text
    }

    /// The version `text` names when it is older than any tested; nil for a tested or newer one, or no version.
    public static func untested(_ text: String?) -> SccacheVersion? {
        guard let text, let version = SccacheVersion(text), version < oldestTested else { return nil }
        return version
    }

    /// The notice for a version older than any tested; nil for a tested or newer one.
    public static func untestedNotice(_ text: String?) -> String? {
        untested(text).map { RunWarning.untestedSccache(version: $0.description).message }
    }
}
