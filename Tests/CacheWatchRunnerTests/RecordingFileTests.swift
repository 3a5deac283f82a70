import CacheWatchCore
import CacheWatchRunner
import CacheWatchTestSupport
import Foundation
import Testing

@Suite("Recordings are untrusted: a damaged time or an unknown format is a clear error, never a frozen replay")
struct RecordingFileTests {
    static func recording(times: [Double], version: Int = 1) throws -> Data {
        var header = Recording.Header(
            session: SessionInfo(engine: .native, project: "p", command: "cargo build"), cacheLimit: nil, scrollback: 100,
            ownerName: "you", startedAt: 0, clockOrigin: 0, mode: "dashboard")
        header.version = version
        var bytes = Array(Recording.magic.utf8) + Array(try JSONEncoder().encode(header)) + [0x0A]
        for time in times { bytes += Recording.frame(kind: Recording.outputKind, time: time, payload: Array("x\r\n".utf8)) }
        return Data(bytes)
    }

    @Test(
        "Frame times that are NaN, infinite, negative or absurd are refused, naming the frame",
        arguments: [
            Double.nan, .infinity, -.infinity, -1, 1e300,
        ])
    func badTimes(time: Double) throws {
        do {
            _ = try RecordingFile(data: try Self.recording(times: [0, 0.5, time, 2]), name: "x.cwrec")
            Issue.record("read a recording with a frame at \(time)")
        } catch {
            #expect("\(error)".contains("x.cwrec: frame 3 has no valid time"), "\(error)")
        }
        #expect(try RecordingFile(data: try Self.recording(times: [0, 0.5, 2]), name: "x.cwrec").count == 3)
    }

    @Test("A format version this cachewatch does not read is refused")
    func version() throws {
        do {
            _ = try RecordingFile(data: try Self.recording(times: [0], version: 7), name: "new.cwrec")
            Issue.record("read a version-7 recording")
        } catch {
            #expect("\(error)" == "new.cwrec is a recording of format version 7; this cachewatch reads version 1")
        }
    }

    @Test(
        "sccache's log lines are recorded as text and read back whole; an older recording's JSON ones too; unknown kinds skipped")
    func serverLogFrames() throws {
        let directory = try TestDirectory.make("server log frames")
        let header = Recording.Header(
            session: SessionInfo(engine: .native, project: "p", command: "cargo build"), cacheLimit: nil, scrollback: 100,
            ownerName: "you", startedAt: 0, clockOrigin: 0, mode: "headless")
        let batches: [[String]] = [
            ["[2026-12-07T10:00:00Z DEBUG sccache::server] hit", "", "ünï \u{1B}[31m", "tab\there"], [],
            ["a line with\na newline in it (sent as JSON)"], ["last"],
        ]
        let recorder = try SessionRecorder(path: directory + "/s.cwrec", header: header)
        for (index, lines) in batches.enumerated() { recorder.record(.serverLog(lines), at: Double(index)) }
        recorder.finish()
        let file = try RecordingFile(path: directory + "/s.cwrec")
        #expect(file.count == batches.count)
        for index in 0..<file.count {
            guard case .serverLog(let lines) = file.event(at: index) else {
                Issue.record("frame \(index): \(file.event(at: index))")
                continue
            }
            #expect(lines == batches[index], "frame \(index)")
        }
        let raw = try Data(contentsOf: URL(fileURLWithPath: directory + "/s.cwrec"))
        #expect(raw.range(of: Data("\"serverLog\"".utf8)) != nil, "the line with a newline went as JSON")
        #expect(raw.range(of: Data("hit\n\nünï".utf8)) != nil, "the others as text")

        // As an older cachewatch wrote them (JSON), and a kind this one does not know (skipped).
        var bytes = Array(Recording.magic.utf8) + Array(try JSONEncoder().encode(header)) + [0x0A]
        bytes += Recording.frame(
            kind: Recording.eventKind, time: 0, payload: Array(try JSONEncoder().encode(Event.serverLog(["old", "form"]))))
        bytes += Recording.frame(kind: 9, time: 0.5, payload: Array("from the future".utf8))
        bytes += Recording.frame(kind: Recording.outputKind, time: 1, payload: Array("x\r\n".utf8))
        let old = try RecordingFile(data: Data(bytes), name: "old.cwrec")
        #expect(old.count == 2)
        guard case .serverLog(let lines) = old.event(at: 0) else {
            Issue.record("\(old.event(at: 0))")
            return
        }
        #expect(lines == ["old", "form"])
    }
}
