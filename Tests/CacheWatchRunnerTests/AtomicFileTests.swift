import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchRunner

@Suite("Files written whole")
struct AtomicFileTests {
    @Test("A reader polling a report while it is rewritten sees the old or the new text, never a torn one")
    func neverTorn() throws {
        let directory = try TestDirectory.make("atomic file")
        let path = directory + "/report.json"
        let versions = ["a", "b"].map { "{\"pad\": \"" + String(repeating: $0, count: 4 << 20) + "\"}\n" }
        let expected = Set(versions.map { Data($0.utf8) })
        try AtomicFile.write(versions[0], to: path)

        let finished = DispatchSemaphore(value: 0)
        let writer = Thread {
            for i in 1...40 { try? AtomicFile.write(versions[i % 2], to: path) }
            finished.signal()
        }
        writer.start()
        var reads = 0
        var torn = 0
        while finished.wait(timeout: .now()) == .timedOut {
            guard let data = FileManager.default.contents(atPath: path) else {
                torn += 1  // missing for a moment is as bad as torn
                continue
            }
            reads += 1
            if !expected.contains(data) { torn += 1 }
        }
        #expect(reads > 5, "the reader ran while the writer wrote")
        #expect(torn == 0, "\(torn) of \(reads) reads saw a partial or missing file")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["report.json"], "no temporary file left")
    }
}
