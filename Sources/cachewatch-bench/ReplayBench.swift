import CacheWatchCore
import CacheWatchRunner
import Foundation

/// Seeking in a long recording: an hour of a busy build (a line of output every 10 ms, a stats sample every
/// 0.4 s, a tick every 0.1 s), then seeks back and forward as `[` and `]` do; beside the time to load the file.
enum ReplayBench {
    static func run(work: String) throws {
        let path = work + "/hour.cwrec"
        let header = Recording.Header(
            session: SessionInfo(engine: .native, project: "~/p", command: "cargo build"), cacheLimit: 1 << 30,
            scrollback: 100_000, ownerName: "you", startedAt: 0, clockOrigin: 0, mode: "dashboard")
        let recorder = try SessionRecorder(path: path, header: header)
        var stats = SccacheStats()
        recorder.record(.resize(width: 200, height: 60), at: 0)
        recorder.record(.appStarted(wallClock: 0, now: 0), at: 0)
        recorder.record(.buildStarted(now: 0), at: 0)
        var events = 3
        for step in 0..<360_000 {
            let t = Double(step) / 100
            let line =
                "\u{1B}[1m\u{1B}[32m   Compiling\u{1B}[0m crate-\(step % 997) v1.0.\(step % 13) (/home/me/src/p/crates/c)\r\n"
            recorder.record(.output(Array(line.utf8)), at: t)
            events += 1
            if step % 10 == 0 {
                recorder.record(.tick(now: t), at: t)
                events += 1
            }
            if step % 40 == 0 {
                stats.compileRequests = step / 40
                stats.misses.total = step / 80
                stats.hits.total = step / 80
                recorder.record(.stats(stats, final: false), at: t)
                events += 1
            }
        }
        var loaded: RecordingFile?
        let load = try Bench.time { loaded = try RecordingFile(path: path) }
        guard let file = loaded else { return }
        let player = ReplayPlayer(file: file, width: 200, height: 60)
        let through = Bench.time { player.seek(to: 3600) }
        var back: [Double] = []
        var forward: [Double] = []
        for target in stride(from: 3500.0, to: 100, by: -700) {
            back.append(Bench.time { player.seek(to: target) })
            forward.append(Bench.time { player.seek(to: target + 10) })
        }
        print(
            String(
                format:
                    "replay   a one-hour recording (%d events, %.0f MB): load %.2f s; play it all at max speed %.2f s; a seek back %.0f ms at most, forward 10 s %.0f ms at most (target ≤ 100 ms)",
                events, Double(recorder.size) / 1e6, load, through, (back.max() ?? 0) * 1000, (forward.max() ?? 0) * 1000))
    }
}
