/// One language's count ("Rust": 35).
public struct LanguageCount: Hashable, Codable, Sendable {
    public var language: String
    public var count: Int

    public init(_ language: String, _ count: Int) {
        self.language = language
        self.count = count
    }
}
