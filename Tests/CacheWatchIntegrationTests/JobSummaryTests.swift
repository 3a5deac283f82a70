import CacheWatchCore
import Foundation
import Testing

@testable import CacheWatchRunner

/// The CI job summary from the real binary, rendered by a real GitHub-flavoured Markdown renderer (cmarkgfm).
@Suite("The CI job summary", .serialized)
struct JobSummaryTests {
    /// The HTML that GitHub's own renderer (cmark-gfm) makes of `markdown`.
    private func render(_ markdown: String, work: String) throws -> String {
        try markdown.write(toFile: work + "/in.md", atomically: true, encoding: .utf8)
        let script = "import cmarkgfm,sys; print(cmarkgfm.github_flavored_markdown_to_html(open(sys.argv[1]).read()))"
        let result = try CommandRunner.run(["python3", "-c", script, work + "/in.md"], timeout: 60)
        guard result.succeeded else {
            Issue.record("cmarkgfm is needed (scripts/setup installs it): \(result.stderr)")
            return ""
        }
        return result.stdout
    }

    private func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test("Appended to $GITHUB_STEP_SUMMARY run after run (and to --summary FILE); it renders as tables")
    func appendedAndRendered() throws {
        guard Harness.require(["cargo", "sccache", "python3"]) else { return }
        let work = try Harness.temporaryDirectory("job summary")
        let project = try Scratch.tinyProject(at: work + "/project")
        let step = work + "/step summary.md"
        for _ in 0..<2 {
            let result = try Harness.cachewatch(
                [
                    "--engine", "native", "--headless", "--fresh", "--project", project, "--mount-root", work + "/mount", "--",
                    "cargo", "build", "--offline",
                ],
                environment: ["GITHUB_STEP_SUMMARY": step, "CARGO_INCREMENTAL": "0"])
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
            #expect(result.stdout.contains("cachewatch: job summary appended to \(step)"))
        }
        let markdown = Scratch.read(step)
        #expect(count("### ✅ cachewatch: build succeeded", in: markdown) == 2, "both runs, appended")
        #expect(count("**Compared with the previous run:**", in: markdown) == 1, "the second run, against the first")
        let html = try render(markdown, work: work)
        #expect(count("<h3>", in: html) == 2)
        #expect(count("<table>", in: html) >= 6, "\(html)")
        #expect(html.contains("<th align=\"right\">Hit rate¹</th>"))
        #expect(html.contains("<td align=\"left\"><strong>All</strong></td>"))
        #expect(html.contains("<td align=\"right\"><strong>100.0%</strong></td>"), "the second run hit everything")
        #expect(!html.contains("<p>|"), "no table left unrendered")

        // --summary FILE writes there instead; a symbolic link is refused, never followed.
        let own = work + "/own.md"
        let link = work + "/link.md"
        try "precious".write(toFile: work + "/victim", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: work + "/victim")
        let explicit = try Harness.cachewatch(
            [
                "--engine", "native", "--headless", "--project", project, "--mount-root", work + "/mount", "--summary", own, "--",
                "cargo", "build", "--offline",
            ],
            environment: ["GITHUB_STEP_SUMMARY": step, "CARGO_INCREMENTAL": "0"])
        #expect(explicit.status == 0)
        #expect(Scratch.read(own).hasPrefix("### ✅ cachewatch"))
        #expect(count("### ", in: Scratch.read(step)) == 2, "the step summary untouched")
        let refused = try Harness.cachewatch(
            [
                "--engine", "native", "--headless", "--project", project, "--mount-root", work + "/mount", "--summary", link,
                "--", "cargo", "build", "--offline",
            ],
            environment: ["CARGO_INCREMENTAL": "0"])
        #expect(refused.status == 0, "the build's outcome is not the summary's")
        #expect(refused.stderr.contains("could not write the job summary"), "\(refused.stderr)")
        #expect(Scratch.read(work + "/victim") == "precious")
    }
}
