# Sourced by scripts that drive the real dashboard in a private tmux server (screenshots, record-demo).
# Expects `socket` (an array: the tmux command with its -L socket) to be set by the script.

# scratch_demo HOME: a scratch home holding a copy of the example workspace at HOME/src/demo, so what is shown
# reads ~/src/demo and ~/.muslrust, not this checkout.
scratch_demo() {
    mkdir -p "$1/src/demo"
    cp -r examples/demo/Cargo.toml examples/demo/Cargo.lock examples/demo/.cargo examples/demo/app examples/demo/crates \
        examples/demo/local-registry "$1/src/demo/"
}

# wait_for TEXT SECONDS: until the pane shows TEXT; otherwise says so, prints the pane and fails.
wait_for() {
    for _ in $(seq 1 $(($2 * 4))); do
        "${socket[@]}" capture-pane -p | grep -q -- "$1" && return 0
        sleep 0.25
    done
    echo "$(basename "$0"): timed out waiting for '$1'" >&2
    "${socket[@]}" capture-pane -p >&2
    return 1
}
