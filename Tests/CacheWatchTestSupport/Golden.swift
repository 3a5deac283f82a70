import Foundation
import Testing

/// Expected texts kept in files next to the tests (screens, reports, summaries): a mismatch fails with a line
/// diff; `CACHEWATCH_RECORD_SNAPSHOTS=1` writes the file and still fails, so a recording never passes unnoticed;
/// a missing file fails.
public enum Golden {
    public static var recording: Bool { ProcessInfo.processInfo.environment["CACHEWATCH_RECORD_SNAPSHOTS"] == "1" }

    /// Compares `actual` with `directory/name`.
    public static func check(
        _ actual: String, name: String, directory: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let file = directory + "/" + name
        if recording {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                try actual.write(toFile: file, atomically: true, encoding: .utf8)
                Issue.record(
                    "recorded \(name): check it, then run again without CACHEWATCH_RECORD_SNAPSHOTS",
                    sourceLocation: sourceLocation)
            } catch {
                Issue.record("cannot record \(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOfFile: file, encoding: .utf8) else {
            Issue.record("missing \(name); record it with CACHEWATCH_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            Issue.record(
                "\(name) differs:\n\(LineDiff.describe(expected: expected, actual: actual))", sourceLocation: sourceLocation)
        }
    }

    /// The directory `name` next to the calling test file.
    public static func directory(_ name: String, besides filePath: String) -> String {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent(name).path
    }
}
