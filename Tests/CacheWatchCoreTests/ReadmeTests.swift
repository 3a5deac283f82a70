import Foundation
import Testing

@testable import CacheWatchCore

@Suite("README")
struct ReadmeTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")

    @Test("The README's key table is the keymap's")
    func keyTable() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let begin = try #require(text.range(of: "<!-- keys:begin -->\n"))
        let end = try #require(text.range(of: "\n<!-- keys:end -->"))
        let table = String(text[begin.upperBound..<end.lowerBound])
        #expect(table == Keymap.standard.markdownTable, "README.md should contain:\n\(Keymap.standard.markdownTable)")
    }
}
