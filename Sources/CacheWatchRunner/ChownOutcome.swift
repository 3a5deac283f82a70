/// What a chown did, in one line that counts only changes that happened.
public struct ChownOutcome: Hashable, Sendable {
    public var summary: String
    public var failed: Bool

    public init(summary: String, failed: Bool) {
        self.summary = summary
        self.failed = failed
    }

    /// "chown 1000:1000: 517 changed", or that there was nothing to change; failures after.
    public init(owner: String, changed: Int, failed: Int, firstError: String?, how: String = "") {
        var text = changed > 0 ? "chown \(owner)\(how): \(changed) changed" : "chown \(owner)\(how): nothing to change"
        if failed > 0 { text += ", \(failed) failed (\(firstError ?? "?"))" }
        self.init(summary: text, failed: failed > 0)
    }
}
