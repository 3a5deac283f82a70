# Shortcuts; the scripts are the source of truth.
.PHONY: demo test bench bench-scale bench-farm fuzz screenshots format install uninstall

demo:
	scripts/demo

test:
	scripts/test

# Every figure printed beside a baseline measured in the same run (wc -l, du -sb, 1k vs 1M lines).
bench:
	scripts/bench
	scripts/bench-scale
	scripts/bench-farm

# The scale section alone: a ~260-unit workspace of Debian's crates, cold and warm, with and without cachewatch.
bench-scale:
	scripts/bench-scale

# The build farm alone: a cold build on a real two-server farm with and without cachewatch, and the farm's polling.
bench-farm:
	scripts/bench-farm

# Coverage-guided fuzzing (libFuzzer + ASan), FUZZ_SECONDS per target (default 60), then the seeded fuzz tests
# with 100 times more cases than CI runs.
fuzz:
	scripts/fuzz

screenshots:
	scripts/screenshots

format:
	swift format format --in-place --recursive Package.swift Sources Tests

# The release binary to PREFIX/bin (default ~/.local), the man page and the bash, zsh and fish completions.
PREFIX ?= $(HOME)/.local
install:
	scripts/install "$(PREFIX)"

uninstall:
	scripts/install --uninstall "$(PREFIX)"
