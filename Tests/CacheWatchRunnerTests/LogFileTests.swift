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

@Suite("A recording keeps at most --max-log-size, its start and its newest end, and says where it dropped output")
struct RecordingCapTests {
    @Test("A flood 64 times the limit: the first half, a note, the events of the middle, then the newest output")
    func capped() throws {
        let directory = try TestDirectory.make("recording cap")
        let header = Recording.Header(
            session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: nil, scrollback: 100,
            ownerName: "you", startedAt: 0, clockOrigin: 0, mode: "headless")
        let limit: Int64 = 64 << 10
        do {
            let recorder = try SessionRecorder(path: directory + "/r.cwrec", header: header)
            recorder.limit = limit
            for n in 0..<1024 {
                let chunk = Array(String(format: "chunk %05d ", n).utf8) + Array(repeating: UInt8(ascii: "x"), count: 4084)
                recorder.record(.output(chunk), at: Double(n) / 100)
                if n % 100 == 50 { recorder.record(.statsUnavailable(.noAnswer("poll \(n)")), at: Double(n) / 100) }
                recorder.record(.tick(now: Double(n) / 100), at: Double(n) / 100)
                #expect(recorder.size <= limit + 8192, "\(recorder.size)")
            }
            recorder.record(.buildEnded(.exited(0), now: 11, stopped: false), at: 11)
            recorder.finish()
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["r.cwrec"], "the tail files are gone")
        }
        let file = try RecordingFile(path: directory + "/r.cwrec")
        let events = (0..<file.count).map { file.event(at: $0) }
        let chunks = events.compactMap { event -> Int? in
            guard case .output(let bytes) = event else { return nil }
            return Int(String(decoding: bytes[6..<11], as: UTF8.self))
        }
        #expect(chunks.first == 0 && chunks.last == 1023 && chunks == chunks.sorted() && Set(chunks).count == chunks.count)
        #expect(chunks.count < 24, "\(chunks.count) chunks kept")
        let notes = events.filter { if case .banner(let text) = $0 { text.contains("dropped here") } else { false } }
        #expect(notes.count == 1)
        // Every poll of the middle is still there, in order: a replay ends on the same stats.
        let polls = events.compactMap { event -> String? in
            if case .statsUnavailable(.noAnswer(let text)) = event { text } else { nil }
        }
        #expect(polls == (0..<10).map { "poll \($0 * 100 + 50)" })
        #expect(events.last == .buildEnded(.exited(0), now: 11, stopped: false))
        let times = (0..<file.count).map { file.time(at: $0) }
        #expect(times == times.sorted(), "frames stay in time order")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: directory + "/r.cwrec")[.size] as? Int)
        #expect(size <= Int(limit) + 8192, "\(size)")
    }
}
