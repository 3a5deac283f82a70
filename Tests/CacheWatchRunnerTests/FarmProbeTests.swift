import CacheWatchCore
import Foundation
import Testing

@testable import CacheWatchRunner

/// The scheduler's status over HTTP: its URL, its answer, and a scheduler that is not there.
@Suite("Asking a build farm's scheduler for its status")
struct FarmProbeTests {
    @Test("Host and port of the scheduler's URL: the port given or 80, credentials and path dropped; https is not asked")
    func endpoints() {
        #expect(FarmProbe.endpoint("http://127.0.0.1:10600")! == ("127.0.0.1", 10600))
        #expect(FarmProbe.endpoint("http://farm.lan/")! == ("farm.lan", 80))
        #expect(FarmProbe.endpoint("http://user:pw@farm.lan:81/x")! == ("farm.lan", 81))
        #expect(FarmProbe.endpoint("http://[::1]:10600/")! == ("::1", 10600))
        for bad in ["https://farm:443", "farm:10600", "http://", "http://a:b:c", "http://farm:99999", "http://farm:x"] {
            #expect(FarmProbe.endpoint(bad) == nil, "\(bad)")
        }
    }

    @Test("A 200 with the status JSON is the load; anything else is not")
    func answers() {
        let ok =
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 46\r\n\r\n"
            + "{\"num_servers\":2,\"num_cpus\":4,\"in_progress\":3}"
        #expect(FarmProbe.parse(Array(ok.utf8)) == FarmLoad(servers: 2, cpus: 4, inProgress: 3))
        let chunked =
            "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2e\r\n"
            + "{\"num_servers\":1,\"num_cpus\":2,\"in_progress\":0}\r\n0\r\n\r\n"
        #expect(FarmProbe.parse(Array(chunked.utf8)) == FarmLoad(servers: 1, cpus: 2, inProgress: 0))
        for bad in [
            "HTTP/1.1 401 Unauthorized\r\n\r\n{\"num_servers\":2,\"num_cpus\":4,\"in_progress\":3}",
            "HTTP/1.1 200 OK\r\n\r\n\u{0}\u{2}\u{0}", "SSH-2.0-OpenSSH\r\n", "",
        ] {
            #expect(FarmProbe.parse(Array(bad.utf8)) == nil, "\(bad)")
        }
    }

    @Test("Nothing listening: a clear failure, not a hang")
    func refused() throws {
        let port = try #require(Ports.free())
        guard case .failure(let failure) = FarmProbe.load(scheduler: "http://127.0.0.1:\(port)", timeout: 1) else {
            Issue.record("a load from a closed port")
            return
        }
        #expect(failure.description.contains("refused"), "\(failure)")
        guard case .failure(let https) = FarmProbe.load(scheduler: "https://farm:10600") else { return }
        #expect(https.description.contains("not an http:// URL"))
    }
}
