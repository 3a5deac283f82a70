import Foundation

/// Real sccache captures copied into the test bundle.
enum Fixture {
    static func text(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: name])
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Names of the captures that exist both as JSON and as text.
    static func pairs() throws -> [String] {
        guard let directory = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else { return [] }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        return names.filter { $0.hasSuffix(".json") && !$0.contains(".pretty.") }
            .map { String($0.dropLast(5)) }
            .filter { names.contains($0 + ".txt") }
            .sorted()
    }
}
