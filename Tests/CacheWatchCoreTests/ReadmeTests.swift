import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchCore

@Suite("README and docs")
struct ReadmeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// README.md and every page under docs/, by path from the repository's root.
    static func pages() throws -> [String: String] {
        var pages = ["README.md": try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)]
        let docs = root.appendingPathComponent("docs")
        for name in try FileManager.default.contentsOfDirectory(atPath: docs.path) where name.hasSuffix(".md") {
            pages["docs/" + name] = try String(contentsOf: docs.appendingPathComponent(name), encoding: .utf8)
        }
        return pages
    }

    /// The text of `page` between `<!-- name:begin -->` and `<!-- name:end -->`, and where it is.
    static func section(_ name: String, of page: String) throws -> (text: String, page: String, range: Range<String.Index>) {
        let text = try #require(try pages()[page])
        let begin = try #require(text.range(of: "<!-- \(name):begin -->\n"))
        let end = try #require(text.range(of: "\n<!-- \(name):end -->"))
        return (String(text[begin.upperBound..<end.lowerBound]), text, begin.upperBound..<end.lowerBound)
    }

    @Test("The key table in docs/usage.md is the keymap's")
    func keyTable() throws {
        let table = try Self.section("keys", of: "docs/usage.md").text
        #expect(table == Keymap.standard.markdownTable, "docs/usage.md should contain:\n\(Keymap.standard.markdownTable)")
    }

    @Test("The options reference in docs/config.md is the option table's, every setting in it")
    func optionsTable() throws {
        let (table, text, range) = try Self.section("options", of: "docs/config.md")
        if Golden.recording {
            // Regenerated like a golden file: written, and still a failure so it never passes unnoticed.
            let page = text.replacingCharacters(in: range, with: ConfigOption.markdownTable)
            try page.write(to: Self.root.appendingPathComponent("docs/config.md"), atomically: true, encoding: .utf8)
            Issue.record("recorded the options reference in docs/config.md")
            return
        }
        #expect(table == ConfigOption.markdownTable, "docs/config.md should contain:\n\(ConfigOption.markdownTable)")
        for option in ConfigOption.all { #expect(table.contains("| `\(option.name)` |")) }
    }

    @Test("The README is short, and every link in it and in docs/ leads to a file and a heading that exist")
    func links() throws {
        let pages = try Self.pages()
        let readme = try #require(pages["README.md"])
        #expect(readme.split(separator: "\n", omittingEmptySubsequences: false).count <= 200)
        #expect(pages.count >= 10, "the docs moved out of the README: \(pages.keys.sorted())")
        var checked = 0
        for (path, text) in pages {
            let folder = (path as NSString).deletingLastPathComponent
            for target in Self.links(in: text) where !target.contains("://") && !target.hasPrefix("mailto:") {
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let file =
                    parts[0].isEmpty
                    ? path : ((folder.isEmpty ? parts[0] : folder + "/" + parts[0]) as NSString).standardizingPath
                let exists = FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(file).path)
                #expect(exists, "\(path): the link \(target) leads to no file")
                if parts.count == 2, let linked = pages[file] {
                    #expect(Self.anchors(in: linked).contains(parts[1]), "\(path): the link \(target) leads to no heading")
                }
                checked += 1
            }
        }
        #expect(checked > 30)
    }

    /// The targets of `[text](target)` links, outside code blocks.
    static func links(in text: String) -> [String] {
        var result: [String] = []
        var fenced = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { fenced.toggle() }
            guard !fenced else { continue }
            var rest = line[...]
            while let open = rest.range(of: "](") {
                let after = rest[open.upperBound...]
                guard let close = after.firstIndex(of: ")") else { break }
                result.append(String(after[..<close]))
                rest = after[after.index(after: close)...]
            }
        }
        return result
    }

    /// GitHub's anchors of a page's headings: lower case, spaces to dashes, punctuation dropped.
    static func anchors(in text: String) -> Set<String> {
        var result: Set<String> = []
        var fenced = false
        for line in text.split(separator: "\n") {
            if line.hasPrefix("```") { fenced.toggle() }
            guard !fenced, line.hasPrefix("#") else { continue }
            let title = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces).lowercased()
            let kept = title.unicodeScalars.filter {
                CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" || $0 == " "
            }
            result.insert(String(String.UnicodeScalarView(kept)).replacingOccurrences(of: " ", with: "-"))
        }
        return result
    }
}
