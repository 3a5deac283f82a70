import CacheWatchCore
import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchRunner

@Suite("A run's log file stays within --max-log-size, keeping its start and newest end")
struct LogFileTests {
    @Test("A flood 160 times the limit: the first half, a line saying what was dropped, then the newest output")
    func bounded() throws {
        let directory = try TestDirectory.make("log cap")
        let limit: Int64 = 64 << 10
        var total = 0
        var path = ""
        do {
            let log = try LogFile(directory: directory, name: "flood.log", header: "# header\n", limit: limit)
            path = log.path
            for n in 0..<10_000 {
                let line = Array(String(format: "line %06d %@\r\n", n, String(repeating: "x", count: 1000)).utf8)
                #expect(log.append(line) == nil)
                total += line.count
            }
            // While it runs, the log and its tail files hold at most the limit and a little more.
            let files = try FileManager.default.contentsOfDirectory(atPath: directory)
            let sizes = try files.map { try FileManager.default.attributesOfItem(atPath: directory + "/" + $0)[.size] as! Int }
            #expect(sizes.reduce(0, +) <= Int(limit) + 2048, "\(files) \(sizes)")
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.utf8.count <= Int(limit) + 2048 && total > 100 * Int(limit))
        #expect(text.hasPrefix("# header\nline 000000 "))
        #expect(text.contains("of output dropped here: the log keeps its first 32.0 KiB"), "\(text.prefix(200))")
        #expect(text.hasSuffix("line 009999 " + String(repeating: "x", count: 1000) + "\r\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["flood.log"], "the tail files are gone")
        // Lines of the end come in order, none twice.
        let numbers = text.split(separator: "\n").compactMap { line -> Int? in
            line.hasPrefix("line ") ? Int(line.dropFirst(5).prefix(6)) : nil
        }
        #expect(numbers == numbers.sorted() && Set(numbers).count == numbers.count)
    }

    @Test("Within the limit nothing is dropped or said")
    func small() throws {
        let directory = try TestDirectory.make("log small")
        var path = ""
        do {
            let log = try LogFile(directory: directory, name: "small.log", header: "# h\n", limit: 1 << 20)
            path = log.path
            log.append(Array("hello\r\n".utf8))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "# h\nhello\r\n")
    }
}

@Suite("A recording keeps at most --max-log-size of the build's output, and says where it stopped")
struct RecordingCapTests {
    @Test("Output past the limit is not recorded; a note marks the place; later events are")
    func capped() throws {
        let directory = try TestDirectory.make("recording cap")
        let header = Recording.Header(
            session: SessionInfo(engine: "native", project: "p", command: "c"), cacheLimit: nil, scrollback: 100,
            ownerName: "you", startedAt: 0, clockOrigin: 0, mode: "headless")
        let recorder = try SessionRecorder(path: directory + "/r.cwrec", header: header)
        recorder.outputLimit = 64 << 10
        let chunk = Array(repeating: UInt8(ascii: "x"), count: 4096)
        for n in 0..<256 { recorder.record(.output(chunk), at: Double(n) / 100) }
        recorder.record(.buildEnded(.exited(0), now: 3, stopped: false), at: 3)
        #expect(recorder.size <= (64 << 10) + 1024, "\(recorder.size)")
        let file = try RecordingFile(path: directory + "/r.cwrec")
        let events = (0..<file.count).map { file.event(at: $0) }
        #expect(events.contains { if case .banner(let text) = $0 { text.contains("recorded no further") } else { false } })
        #expect(events.last == .buildEnded(.exited(0), now: 3, stopped: false))
        #expect(events.filter { if case .banner = $0 { true } else { false } }.count == 1)
    }
}
