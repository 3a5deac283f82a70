/// Counts of one kind (hits, misses, errors), in total and per language.
public struct LanguageCounts: Hashable, Codable, Sendable {
    public var total: Int?
    /// Per language as sccache names them ("Rust", "C/C++"), largest first.
    public var byLanguage: [LanguageCount]

    public init(total: Int? = nil, byLanguage: [LanguageCount] = []) {
        self.total = total
        self.byLanguage = byLanguage
    }

    /// The count of one language (0 when it has none).
    public func count(of language: String) -> Int {
        byLanguage.first { $0.language == language }?.count ?? 0
    }
}
