import ArgumentParser

enum EngineChoice: String, ExpressibleByArgument, CaseIterable {
    case docker, native
}
