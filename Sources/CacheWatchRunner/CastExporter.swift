import CacheWatchCore
import Foundation

/// A recording as an asciinema v2 cast: a header line (version 2, width, height, timestamp), then
/// `[seconds, "o", text]` lines, one per frame that changed, at most 30 frames per second of the cast.
public struct CastExporter {
    let file: RecordingFile
    let width: Int
    let height: Int
    /// nil: as fast as possible (every frame at the same instant would be useless: max means 10×).
    let speed: Double?
    let from: Double

    /// `--size WxH`: at least 60×16, at most 1000×500; nil for anything else.
    public static func size(_ text: String) -> (width: Int, height: Int)? {
        let parts = text.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (60...1000).contains(w), (16...500).contains(h)
        else { return nil }
        return (w, h)
    }

    /// Writes the cast of `recording` to `path`; says what it wrote.
    public static func export(
        _ recording: RecordingFile, to path: String, size: (width: Int, height: Int), speed: Double?, from: Double
    ) throws -> String {
        let frames = try CastExporter(file: recording, width: size.width, height: size.height, speed: speed, from: from)
            .write(to: path)
        return "cachewatch: wrote \(path): \(size.width)×\(size.height), \(frames) frames"
    }

    public init(file: RecordingFile, width: Int, height: Int, speed: Double?, from: Double) {
        self.file = file
        self.width = width
        self.height = height
        self.speed = speed
        self.from = from
    }

    /// Writes the cast; returns how many output events it holds.
    public func write(to path: String) throws -> Int {
        let player = ReplayPlayer(file: file, width: width, height: height)
        if from > 0 { player.seek(to: from) }
        let factor = speed ?? 10
        var writer = AnsiScreenWriter()
        var screen = Screen(width: width, height: height)
        let header: [String: Any] = [
            "version": 2, "width": width, "height": height, "timestamp": Int(file.header.startedAt),
            "title": "cachewatch · \(file.header.session.engine) · \(file.header.session.project)",
            "env": ["TERM": "xterm-256color", "SHELL": "/bin/sh"],
        ]
        var lines = [String(decoding: try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]), as: UTF8.self)]
        let step = 1.0 / 30
        var events = 0
        var castTime = 0.0
        var previous = ""
        while true {
            let target = from + castTime * factor
            player.advance(to: target)
            player.show(speed: speed, paused: false)
            DashboardView.render(player.state, into: &screen)
            let text = writer.frame(screen)
            if !text.isEmpty && text != previous {
                let encoded = try JSONSerialization.data(withJSONObject: [text], options: [])
                let escaped = String(decoding: encoded, as: UTF8.self).dropFirst().dropLast()
                lines.append("[\(FixedPoint.format(castTime, places: 6)), \"o\", \(escaped)]")
                events += 1
                previous = text
            }
            if player.ended { break }
            // Skip the stretches where nothing happens.
            castTime = max(castTime + step, player.nextFrameTime.map { ($0 - from) / factor } ?? castTime + step)
        }
        try AtomicFile.write(lines.joined(separator: "\n") + "\n", to: path)
        return events
    }
}
