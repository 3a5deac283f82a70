// libFuzzer's entry point, built by scripts/fuzz together with the Core sources and FuzzProperties.swift
// (-D FUZZING): one binary, the target chosen by CACHEWATCH_FUZZ_TARGET.
import Foundation

let fuzzTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["CACHEWATCH_FUZZ_TARGET"] ?? FuzzTarget.log.rawValue
    guard let target = FuzzTarget(rawValue: name) else {
        fatalError("unknown fuzz target \(name); one of \(FuzzTarget.allCases.map(\.rawValue))")
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    if let problem = FuzzProperties.check(fuzzTarget, bytes) {
        fatalError("fuzz property of \(fuzzTarget.rawValue) failed: \(problem)")
    }
    return 0
}
