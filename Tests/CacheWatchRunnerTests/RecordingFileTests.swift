import CacheWatchCore
import CacheWatchRunner
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
}
