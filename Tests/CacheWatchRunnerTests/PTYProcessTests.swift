import CacheWatchCore
import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchRunner

@Suite("The PTY shared by the reader thread and the session queue")
struct PTYProcessTests {
    @Test("A resize after the PTY was closed never reaches a descriptor reused since")
    func resizeAfterClose() throws {
        let plan = BuildPlan(arguments: ["sleep", "5"], workingDirectory: "/")
        var reused = false
        for _ in 0..<10 where !reused {
            let first = try PTYProcess(plan: plan, rows: 10, columns: 40)
            first.closeDescriptor()
            let second = try PTYProcess(plan: plan, rows: 10, columns: 40)
            defer {
                first.terminate(grace: 0.1)
                second.terminate(grace: 0.1)
            }
            // The kernel hands out the lowest free number: the second PTY usually gets the first one's.
            guard second.descriptor == first.descriptor else { continue }
            reused = true
            first.resize(rows: 7, columns: 33)
            var size = winsize()
            #expect(ioctl(second.descriptor, UInt(TIOCGWINSZ), &size) == 0)
            #expect(size.ws_row == 10 && size.ws_col == 40, "the closed PTY's resize reached another one")
        }
        #expect(reused, "no descriptor was reused in 10 tries; the test could not check anything")
    }
}
