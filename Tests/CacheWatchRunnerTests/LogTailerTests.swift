import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchRunner

@Suite("Following sccache's server log")
struct LogTailerTests {
    @Test("Each call returns the lines completed since the last; a partial line waits; a truncated file starts over")
    func follows() throws {
        let path = try TestDirectory.make("log tailer") + "/server.log"
        let tailer = LogTailer(path: path)
        #expect(tailer.newLines().isEmpty, "no file yet")
        try "a\nb\nc".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(tailer.newLines() == ["a", "b"])
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("-end\n\nd\n".utf8))
        try handle.close()
        #expect(tailer.newLines() == ["c-end", "", "d"])
        #expect(tailer.newLines().isEmpty)
        try "new run\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(tailer.newLines() == ["new run"])
    }
}
