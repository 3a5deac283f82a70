import Foundation
import Testing

@testable import CacheWatchCore

/// Every input the coverage-guided fuzzer was seeded with or found a crash with (FuzzCorpus/<target>/, kept by
/// scripts/fuzz), replayed through the same properties.
@Suite("The fuzzer's corpus, replayed")
struct FuzzRegressionTests {
    @Test("Every saved input holds its target's properties", arguments: FuzzTarget.allCases)
    func corpus(target: FuzzTarget) throws {
        let directory = try #require(Bundle.module.url(forResource: "FuzzCorpus/\(target.rawValue)", withExtension: nil))
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(!names.isEmpty, "the \(target.rawValue) corpus has seeds")
        for name in names {
            let bytes = Array(try Data(contentsOf: directory.appendingPathComponent(name)))
            let problem = FuzzProperties.check(target, bytes)
            #expect(problem == nil, "\(target.rawValue)/\(name): \(problem ?? "")")
        }
    }
}
