import ArgumentParser
import CacheWatchCore

enum EngineChoice: String, ExpressibleByArgument, CaseIterable {
    case docker, native
}

extension WatchSettings.Strategy: ExpressibleByArgument {}
