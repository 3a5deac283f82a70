import Foundation

/// The CPU one piece of periodic work takes, from its start: this thread's and, with `children`, that of the
/// children the process reaped meanwhile (a stats sample's sccache client; any other child reaped at the same
/// time counts too, as the build itself when it ends: `RunSchedule` starts each run's costs afresh).
struct WorkCost {
    private let thread = Self.threadSeconds()
    private let children: Double?

    init(children: Bool) {
        self.children = children ? Self.childrenSeconds() : nil
    }

    var seconds: Double {
        max(0, Self.threadSeconds() - thread) + (children.map { max(0, Self.childrenSeconds() - $0) } ?? 0)
    }

    static func threadSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    static func childrenSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
