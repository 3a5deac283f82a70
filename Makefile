# Shortcuts; the scripts are the source of truth.
.PHONY: demo test bench fuzz screenshots format install uninstall

demo:
	scripts/demo

test:
	scripts/test

# Every figure printed beside a baseline measured in the same run (wc -l, du -sb, 1k vs 1M lines).
bench:
	scripts/bench

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
