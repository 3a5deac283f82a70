import CacheWatchCore
import CacheWatchRunner
import Foundation
import Testing

@Suite("A flood of output leaves a bounded log and recording, with the real binary")
struct FloodCapTests {
    @Test(
        "20 MB of output with --max-log-size 1M: a log of about 1 MB keeping start and end, a recording of about 1 MB, both with start and end"
    )
    func flood() throws {
        guard Harness.require(["sccache"]) else { return }
        let work = try Harness.temporaryDirectory("flood cap")
        let project = try Scratch.tinyProject(at: work + "/p")
        let mount = work + "/m"
        let result = try Harness.cachewatch(
            [
                "--engine", "native", "--headless", "--project", project, "--mount-root", mount, "--max-log-size", "1M",
                "--record", work + "/flood.cwrec", "--", "sh", "-c",
                "echo FIRST-LINE; i=0; while [ $i -lt 200 ]; do head -c 100000 /dev/zero | tr '\\\\0' x; echo; i=$((i+1)); done; echo LAST-LINE",
            ], timeout: 300)
        #expect(result.status == 0, "\(result.stderr)")
        let logs = try FileManager.default.contentsOfDirectory(atPath: mount + "/cachewatch/logs").filter { $0.hasSuffix(".log") }
        let log = try #require(logs.first.map { mount + "/cachewatch/logs/" + $0 })
        let size = try #require(try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int)
        #expect(size <= (1 << 20) + 64 << 10, "\(size)")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("FIRST-LINE") && text.contains("LAST-LINE") && text.contains("of output dropped here"))
        let recording = try #require(try FileManager.default.attributesOfItem(atPath: work + "/flood.cwrec")[.size] as? Int)
        #expect(recording <= (1 << 20) + 64 << 10, "\(recording)")
        // The recording too keeps the start and the newest end, and replays to the end of the run.
        let file = try RecordingFile(path: work + "/flood.cwrec")
        var output: [UInt8] = []
        var ended = false
        for index in 0..<file.count {
            switch file.event(at: index) {
            case .output(let bytes): output += bytes
            case .runFinished: ended = true
            default: break
            }
        }
        let replayed = String(decoding: output, as: UTF8.self)
        #expect(replayed.contains("FIRST-LINE") && replayed.contains("LAST-LINE") && ended)
    }
}
