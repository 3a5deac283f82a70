# Shortcuts; the scripts are the source of truth.
.PHONY: demo test bench fuzz screenshots format

demo:
	scripts/demo

test:
	scripts/test

# Every figure printed beside a baseline measured in the same run (wc -l, du -sb, 1k vs 1M lines).
bench:
	scripts/bench

# The seeded fuzz tests with 100 times more cases than CI runs.
fuzz:
	CACHEWATCH_FUZZ_CASES=200000 swift test --disable-xctest --filter "FuzzTests|LineAssemblerEquivalenceTests|MarkerFilterTests"

screenshots:
	scripts/screenshots

format:
	swift format format --in-place --recursive Package.swift Sources Tests
