import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchRunner

@Suite("Short commands, one at a time or started side by side")
struct CommandRunnerTests {
    @Test("Two commands started from one thread run side by side; each is read whole, in any order")
    func sideBySide() throws {
        // Each waits for the other's file: run one after the other, neither would finish before its timeout.
        let directory = try TestDirectory.make("side by side")
        let first = try CommandRunner.start(
            ["sh", "-c", "touch a; while [ ! -e b ]; do sleep 0.01; done; seq 1 20000"], directory: directory,
            timeout: 20)
        let second = try CommandRunner.start(
            ["sh", "-c", "touch b; while [ ! -e a ]; do sleep 0.01; done; echo oops >&2; exit 3"],
            directory: directory, timeout: 20)
        let failed = try second.finish()
        let printed = try first.finish()
        #expect(failed.status == 3)
        #expect(failed.stderr == "oops\n")
        // More than a pipe holds (108 894 bytes): the first kept writing while the second was read.
        #expect(printed.status == 0)
        #expect(printed.stdout.split(separator: "\n").count == 20000)
        #expect(printed.stdout.hasSuffix("19999\n20000\n"))
    }

    @Test("A started command past its deadline is killed when it is read, and says so")
    func deadline() throws {
        let started = try CommandRunner.start(["sleep", "30"], timeout: 0.2)
        let begun = MonotonicClock.now()
        #expect(throws: CommandRunner.Failure.self) { try started.finish() }
        #expect(MonotonicClock.now() - begun < 10, "the sleep was killed at its deadline, not waited for")
    }
}
