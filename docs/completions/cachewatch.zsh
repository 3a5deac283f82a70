#compdef cachewatch

__cachewatch_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__cachewatch_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __cachewatch_complete "${completions[@]:0:-1}"
    fi
}

__cachewatch_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_cachewatch() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'run:Build a Rust project and watch it (the default command).'
            'demo:Build the bundled example workspace (examples/demo) and watch it.'
            'replay:Replay a recorded session (a .cwrec file) in the dashboard, or export it as an asciinema cast.'
            'history:List the runs kept in the history, show one, compare two, or prune old ones.'
            'why:Explain why a run'\''s compiles missed sccache'\''s cache (default: the last run).'
            'doctor:Check the setup before a long build fails: Docker, the image, sccache, the project, the mount root, the cache.'
            'config:Show the settings in effect and where each came from, or (--init) write a config file.'
            'keys:Print the key bindings as a Markdown table (as your config file binds them).'
            'trust:Trust a project'\''s .cachewatch.toml: show what it changes, then let it apply (until it changes).'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        run|demo|replay|history|why|doctor|config|keys|trust|help)
            "_cachewatch_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_cachewatch_run() {
    local -i ret=1
    local -ar ___engine=('docker' 'native')
    local -ar ___on_change=('restart' 'wait')
    local -ar ___watch_method=('inotify' 'poll')
    local -ar arg_specs=(
        '--project[The Rust project to build (default\: the current directory).]:dir:'
        '--engine[Where the build runs\: docker (the muslrust container) or native (cargo on this machine). (default\: docker (the demo\: native when no engine answers or no image is present))]:docker|native:{__cachewatch_complete "${___engine[@]}"}'
        '--image[The muslrust image (docker engine). (default\: clux/muslrust\:stable)]:image:'
        '*--docker-arg[More `docker run` arguments, before the image (each may start with -). Repeatable\: one value per flag. (default\: none)]:arg:'
        '--chown-after[chown the outputs to `owner` (or you) after every build, like the seed'\''s POST_BUILD_CMD (docker engine). (default\: off)]'
        '--no-chown-after[chown the outputs to `owner` (or you) after every build, like the seed'\''s POST_BUILD_CMD (docker engine). (default\: off)]'
        '--mount-root[Root of the cache directories ($MOUNT_ROOT gives it too, above the config files). (default\: ~/.muslrust)]:dir:'
        '--cache-size[sccache'\''s size limit ($SCCACHE_CACHE_SIZE gives it too, above the config files). (default\: 5G)]:size:'
        '--sccache[The sccache binary (native engine). (default\: the real binary found on PATH)]:path:'
        '--owner[Owner for `c` (chown) and chown-after, as UID\:GID. (default\: you)]:uid\:gid:'
        '*--cache-env[More variables the container'\''s sccache needs, passed by name (their values never appear on docker'\''s command line); sccache'\''s backend variables (SCCACHE_REDIS*, SCCACHE_BUCKET, AWS_*, …) pass anyway. Repeatable\: one value per flag. (default\: none)]:name:'
        '--probe[Check that a Redis or memcached cache answers before each build. (default\: on)]'
        '--no-probe[Check that a Redis or memcached cache answers before each build. (default\: on)]'
        '--trust-project[Apply the project'\''s .cachewatch.toml for this run without trusting it for good (CI, your own repository).]'
        '*:command:'
        '--fresh[Delete target/ before every run (cold, then from the cache). (default\: off)]'
        '--no-fresh[Delete target/ before every run (cold, then from the cache). (default\: off)]'
        '--compare[Measure\: a clean build without sccache, then with a warm cache (warmed first when cold), and the ratio. (default\: off)]'
        '--no-compare[Measure\: a clean build without sccache, then with a warm cache (warmed first when cold), and the ratio. (default\: off)]'
        '--watch[Re-run the build when a source file of the project changes (W turns it on and off; not with fresh). (default\: off)]'
        '--no-watch[Re-run the build when a source file of the project changes (W turns it on and off; not with fresh). (default\: off)]'
        '--on-change[Watch\: a change while a build runs stops it and starts again (restart), or waits for it (wait). (default\: restart)]:restart|wait:{__cachewatch_complete "${___on_change[@]}"}'
        '--debounce[Watch\: changes closer together than this make one re-run (milliseconds). (default\: 300)]:ms:'
        '--watch-method[Watch\: how changes are seen\: inotify, or a comparison of sizes and times every second ($CACHEWATCH_WATCH=poll gives it too). (default\: inotify)]:inotify|poll:{__cachewatch_complete "${___watch_method[@]}"}'
        '--headless[Stream the log to stdout and print a summary instead of the dashboard. (default\: off)]'
        '--no-headless[Stream the log to stdout and print a summary instead of the dashboard. (default\: off)]'
        '--report[Write a JSON report here each time a build ends ("-" for stdout). (default\: no report)]:file:'
        '--trace[Write each run'\''s compiles here as a Chrome trace (Perfetto, chrome\://tracing) when it ends. (default\: no trace)]:file:'
        '--summary[Headless\: append a Markdown summary of each run here. (default\: $GITHUB_STEP_SUMMARY when set, else none)]:file:'
        '--record[Record each session here (replay it with `cachewatch replay`); false (--no-record) records none. (default\: <mount root>/cachewatch/sessions/<start>.cwrec)]:file:'
        '--no-record[Do not record the session.]'
        '--max-log-size[Largest log file of a run\: past it the log keeps its first and its newest half, saying what was dropped. (default\: 256M)]:size:'
        '--keep-sessions[Disk space kept for recorded sessions; older ones are deleted. (default\: 1G)]:size:'
        '--explain[Read each compile'\''s inputs when a run ends, to say why it missed (`cachewatch why`); $CACHEWATCH_WHY=off turns it off. (default\: on)]'
        '--no-explain[Read each compile'\''s inputs when a run ends, to say why it missed (`cachewatch why`); $CACHEWATCH_WHY=off turns it off. (default\: on)]'
        '--scrollback[Lines of log kept in the dashboard. (default\: 100000)]:n:'
        '--notify[Ring the bell and set the terminal'\''s title when a build ends (see notify-after). (default\: on)]'
        '--no-notify[Ring the bell and set the terminal'\''s title when a build ends (see notify-after). (default\: on)]'
        '--notify-after[Announce a build that ran this many seconds (and any that ends while the terminal is not focused). (default\: 10)]:seconds:'
        '--color[Colours in the dashboard ($NO_COLOR turns them off). (default\: on)]'
        '--no-color[Colours in the dashboard ($NO_COLOR turns them off). (default\: on)]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cachewatch_demo() {
    local -i ret=1
    local -ar ___engine=('docker' 'native')
    local -ar ___on_change=('restart' 'wait')
    local -ar ___watch_method=('inotify' 'poll')
    local -ar arg_specs=(
        '--engine[Where the build runs\: docker (the muslrust container) or native (cargo on this machine). (default\: docker (the demo\: native when no engine answers or no image is present))]:docker|native:{__cachewatch_complete "${___engine[@]}"}'
        '--image[The muslrust image (docker engine). (default\: clux/muslrust\:stable)]:image:'
        '*--docker-arg[More `docker run` arguments, before the image (each may start with -). Repeatable\: one value per flag. (default\: none)]:arg:'
        '--chown-after[chown the outputs to `owner` (or you) after every build, like the seed'\''s POST_BUILD_CMD (docker engine). (default\: off)]'
        '--no-chown-after[chown the outputs to `owner` (or you) after every build, like the seed'\''s POST_BUILD_CMD (docker engine). (default\: off)]'
        '--mount-root[Root of the cache directories ($MOUNT_ROOT gives it too, above the config files). (default\: ~/.muslrust)]:dir:'
        '--cache-size[sccache'\''s size limit ($SCCACHE_CACHE_SIZE gives it too, above the config files). (default\: 5G)]:size:'
        '--sccache[The sccache binary (native engine). (default\: the real binary found on PATH)]:path:'
        '--owner[Owner for `c` (chown) and chown-after, as UID\:GID. (default\: you)]:uid\:gid:'
        '*--cache-env[More variables the container'\''s sccache needs, passed by name (their values never appear on docker'\''s command line); sccache'\''s backend variables (SCCACHE_REDIS*, SCCACHE_BUCKET, AWS_*, …) pass anyway. Repeatable\: one value per flag. (default\: none)]:name:'
        '--probe[Check that a Redis or memcached cache answers before each build. (default\: on)]'
        '--no-probe[Check that a Redis or memcached cache answers before each build. (default\: on)]'
        '--trust-project[Apply the project'\''s .cachewatch.toml for this run without trusting it for good (CI, your own repository).]'
        '*:command:'
        '--fresh[Delete target/ before every run (cold, then from the cache). (default\: off)]'
        '--no-fresh[Delete target/ before every run (cold, then from the cache). (default\: off)]'
        '--compare[Measure\: a clean build without sccache, then with a warm cache (warmed first when cold), and the ratio. (default\: off)]'
        '--no-compare[Measure\: a clean build without sccache, then with a warm cache (warmed first when cold), and the ratio. (default\: off)]'
        '--watch[Re-run the build when a source file of the project changes (W turns it on and off; not with fresh). (default\: off)]'
        '--no-watch[Re-run the build when a source file of the project changes (W turns it on and off; not with fresh). (default\: off)]'
        '--on-change[Watch\: a change while a build runs stops it and starts again (restart), or waits for it (wait). (default\: restart)]:restart|wait:{__cachewatch_complete "${___on_change[@]}"}'
        '--debounce[Watch\: changes closer together than this make one re-run (milliseconds). (default\: 300)]:ms:'
        '--watch-method[Watch\: how changes are seen\: inotify, or a comparison of sizes and times every second ($CACHEWATCH_WATCH=poll gives it too). (default\: inotify)]:inotify|poll:{__cachewatch_complete "${___watch_method[@]}"}'
        '--headless[Stream the log to stdout and print a summary instead of the dashboard. (default\: off)]'
        '--no-headless[Stream the log to stdout and print a summary instead of the dashboard. (default\: off)]'
        '--report[Write a JSON report here each time a build ends ("-" for stdout). (default\: no report)]:file:'
        '--trace[Write each run'\''s compiles here as a Chrome trace (Perfetto, chrome\://tracing) when it ends. (default\: no trace)]:file:'
        '--summary[Headless\: append a Markdown summary of each run here. (default\: $GITHUB_STEP_SUMMARY when set, else none)]:file:'
        '--record[Record each session here (replay it with `cachewatch replay`); false (--no-record) records none. (default\: <mount root>/cachewatch/sessions/<start>.cwrec)]:file:'
        '--no-record[Do not record the session.]'
        '--max-log-size[Largest log file of a run\: past it the log keeps its first and its newest half, saying what was dropped. (default\: 256M)]:size:'
        '--keep-sessions[Disk space kept for recorded sessions; older ones are deleted. (default\: 1G)]:size:'
        '--explain[Read each compile'\''s inputs when a run ends, to say why it missed (`cachewatch why`); $CACHEWATCH_WHY=off turns it off. (default\: on)]'
        '--no-explain[Read each compile'\''s inputs when a run ends, to say why it missed (`cachewatch why`); $CACHEWATCH_WHY=off turns it off. (default\: on)]'
        '--scrollback[Lines of log kept in the dashboard. (default\: 100000)]:n:'
        '--notify[Ring the bell and set the terminal'\''s title when a build ends (see notify-after). (default\: on)]'
        '--no-notify[Ring the bell and set the terminal'\''s title when a build ends (see notify-after). (default\: on)]'
        '--notify-after[Announce a build that ran this many seconds (and any that ends while the terminal is not focused). (default\: 10)]:seconds:'
        '--color[Colours in the dashboard ($NO_COLOR turns them off). (default\: on)]'
        '--no-color[Colours in the dashboard ($NO_COLOR turns them off). (default\: on)]'
        '--replay[Play the bundled recording of a real containerized demo session instead of building.]'
        '--speed[With --replay\: a speed factor, or max (default\: 1).]:n|max:'
        '--export-cast[With --replay\: write an asciinema v2 cast (120×35) instead of showing it.]:out.cast:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cachewatch_replay() {
    local -i ret=1
    local -ar arg_specs=(
        ':file:'
        '--speed[Speed\: a factor (2 is twice as fast) or max (default\: 1).]:n|max:'
        '--from[Start this many seconds into the recording.]:seconds:'
        '--export-cast[Write an asciinema v2 cast of the replayed screens here instead of showing them.]:out.cast:'
        '--size[The cast'\''s terminal size (default\: 120x35).]:WxH:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cachewatch_history() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:List the runs, newest first (the default).'
            'show:One run whole: summary, comparison with the run before, compiles.'
            'diff:Compare two runs crate by crate.'
            'prune:Keep the newest N runs and delete the others.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|show|diff|prune)
            "_cachewatch_history_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_cachewatch_history_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--mount-root[The mount root whose history to read (default\: $MOUNT_ROOT, a config file'\''s mount-root, else ~/.muslrust).]:dir:'
        '--project[Only the runs of this project directory.]:dir:'
        '--limit[At most this many runs (default\: 50).]:n:'
        '--json[Print a JSON array of the runs, newest first.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cachewatch_history_show() {
    local -i ret=1
    local -ar arg_specs=(
        '--mount-root[The mount root whose history to read (default\: $MOUNT_ROOT, a config file'\''s mount-root, else ~/.muslrust).]:dir:'
        '--project[Only the runs of this project directory.]:dir:'
        ':run:'
        '--json[Print the run as JSON (as --report writes it).]'
        '--trace[Write the run'\''s compiles as a Chrome trace (Perfetto, chrome\://tracing) to this file instead.]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cachewatch_history_diff() {
    local -i ret=1
    local -ar arg_specs=(
        '--mount-root[The mount root whose history to read (default\: $MOUNT_ROOT, a config file'\''s mount-root, else ~/.muslrust).]:dir:'
        '--project[Only the runs of this project directory.]:dir:'
        '*:run:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cachewatch_history_prune() {
    local -i ret=1
    local -ar arg_specs=(
        '--mount-root[The mount root whose history to read (default\: $MOUNT_ROOT, a config file'\''s mount-root, else ~/.muslrust).]:dir:'
        '--project[Only the runs of this project directory.]:dir:'
        '--keep[How many of the newest runs to keep.]:n:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cachewatch_why() {
    local -i ret=1
    local -ar arg_specs=(
        '--mount-root[The mount root whose history to read (default\: $MOUNT_ROOT, a config file'\''s mount-root, else ~/.muslrust).]:dir:'
        '--project[Only the runs of this project directory.]:dir:'
        ':run:'
        '--crate[Only this crate (as the crate table names it).]:name:'
        '--json[Print the causes as JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cachewatch_doctor() {
    local -i ret=1
    local -ar ___engine=('docker' 'native')
    local -ar arg_specs=(
        '--project[The Rust project to check (default\: the current directory).]:dir:'
        '--engine[Where the build runs\: docker (the muslrust container) or native (cargo on this machine). (default\: docker (the demo\: native when no engine answers or no image is present))]:docker|native:{__cachewatch_complete "${___engine[@]}"}'
        '--image[The muslrust image (docker engine). (default\: clux/muslrust\:stable)]:image:'
        '*--docker-arg[More `docker run` arguments, before the image (each may start with -). Repeatable\: one value per flag. (default\: none)]:arg:'
        '--chown-after[chown the outputs to `owner` (or you) after every build, like the seed'\''s POST_BUILD_CMD (docker engine). (default\: off)]'
        '--no-chown-after[chown the outputs to `owner` (or you) after every build, like the seed'\''s POST_BUILD_CMD (docker engine). (default\: off)]'
        '--mount-root[Root of the cache directories ($MOUNT_ROOT gives it too, above the config files). (default\: ~/.muslrust)]:dir:'
        '--cache-size[sccache'\''s size limit ($SCCACHE_CACHE_SIZE gives it too, above the config files). (default\: 5G)]:size:'
        '--sccache[The sccache binary (native engine). (default\: the real binary found on PATH)]:path:'
        '--owner[Owner for `c` (chown) and chown-after, as UID\:GID. (default\: you)]:uid\:gid:'
        '*--cache-env[More variables the container'\''s sccache needs, passed by name (their values never appear on docker'\''s command line); sccache'\''s backend variables (SCCACHE_REDIS*, SCCACHE_BUCKET, AWS_*, …) pass anyway. Repeatable\: one value per flag. (default\: none)]:name:'
        '--probe[Check that a Redis or memcached cache answers before each build. (default\: on)]'
        '--no-probe[Check that a Redis or memcached cache answers before each build. (default\: on)]'
        '--trust-project[Apply the project'\''s .cachewatch.toml for this run without trusting it for good (CI, your own repository).]'
        '*:command:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cachewatch_config() {
    local -i ret=1
    local -ar ___engine=('docker' 'native')
    local -ar ___on_change=('restart' 'wait')
    local -ar ___watch_method=('inotify' 'poll')
    local -ar arg_specs=(
        '--project[The project whose .cachewatch.toml is read (default\: the current directory).]:dir:'
        '--init[Write a config file with every setting, its help and its default (your config file unless --file).]'
        '--file[With --init\: write here instead (- for stdout).]:file:'
        '--force[With --init\: replace a file that is there.]'
        '--engine[Where the build runs\: docker (the muslrust container) or native (cargo on this machine). (default\: docker (the demo\: native when no engine answers or no image is present))]:docker|native:{__cachewatch_complete "${___engine[@]}"}'
        '--image[The muslrust image (docker engine). (default\: clux/muslrust\:stable)]:image:'
        '*--docker-arg[More `docker run` arguments, before the image (each may start with -). Repeatable\: one value per flag. (default\: none)]:arg:'
        '--chown-after[chown the outputs to `owner` (or you) after every build, like the seed'\''s POST_BUILD_CMD (docker engine). (default\: off)]'
        '--no-chown-after[chown the outputs to `owner` (or you) after every build, like the seed'\''s POST_BUILD_CMD (docker engine). (default\: off)]'
        '--mount-root[Root of the cache directories ($MOUNT_ROOT gives it too, above the config files). (default\: ~/.muslrust)]:dir:'
        '--cache-size[sccache'\''s size limit ($SCCACHE_CACHE_SIZE gives it too, above the config files). (default\: 5G)]:size:'
        '--sccache[The sccache binary (native engine). (default\: the real binary found on PATH)]:path:'
        '--owner[Owner for `c` (chown) and chown-after, as UID\:GID. (default\: you)]:uid\:gid:'
        '*--cache-env[More variables the container'\''s sccache needs, passed by name (their values never appear on docker'\''s command line); sccache'\''s backend variables (SCCACHE_REDIS*, SCCACHE_BUCKET, AWS_*, …) pass anyway. Repeatable\: one value per flag. (default\: none)]:name:'
        '--probe[Check that a Redis or memcached cache answers before each build. (default\: on)]'
        '--no-probe[Check that a Redis or memcached cache answers before each build. (default\: on)]'
        '--trust-project[Apply the project'\''s .cachewatch.toml for this run without trusting it for good (CI, your own repository).]'
        '*:command:'
        '--fresh[Delete target/ before every run (cold, then from the cache). (default\: off)]'
        '--no-fresh[Delete target/ before every run (cold, then from the cache). (default\: off)]'
        '--compare[Measure\: a clean build without sccache, then with a warm cache (warmed first when cold), and the ratio. (default\: off)]'
        '--no-compare[Measure\: a clean build without sccache, then with a warm cache (warmed first when cold), and the ratio. (default\: off)]'
        '--watch[Re-run the build when a source file of the project changes (W turns it on and off; not with fresh). (default\: off)]'
        '--no-watch[Re-run the build when a source file of the project changes (W turns it on and off; not with fresh). (default\: off)]'
        '--on-change[Watch\: a change while a build runs stops it and starts again (restart), or waits for it (wait). (default\: restart)]:restart|wait:{__cachewatch_complete "${___on_change[@]}"}'
        '--debounce[Watch\: changes closer together than this make one re-run (milliseconds). (default\: 300)]:ms:'
        '--watch-method[Watch\: how changes are seen\: inotify, or a comparison of sizes and times every second ($CACHEWATCH_WATCH=poll gives it too). (default\: inotify)]:inotify|poll:{__cachewatch_complete "${___watch_method[@]}"}'
        '--headless[Stream the log to stdout and print a summary instead of the dashboard. (default\: off)]'
        '--no-headless[Stream the log to stdout and print a summary instead of the dashboard. (default\: off)]'
        '--report[Write a JSON report here each time a build ends ("-" for stdout). (default\: no report)]:file:'
        '--trace[Write each run'\''s compiles here as a Chrome trace (Perfetto, chrome\://tracing) when it ends. (default\: no trace)]:file:'
        '--summary[Headless\: append a Markdown summary of each run here. (default\: $GITHUB_STEP_SUMMARY when set, else none)]:file:'
        '--record[Record each session here (replay it with `cachewatch replay`); false (--no-record) records none. (default\: <mount root>/cachewatch/sessions/<start>.cwrec)]:file:'
        '--no-record[Do not record the session.]'
        '--max-log-size[Largest log file of a run\: past it the log keeps its first and its newest half, saying what was dropped. (default\: 256M)]:size:'
        '--keep-sessions[Disk space kept for recorded sessions; older ones are deleted. (default\: 1G)]:size:'
        '--explain[Read each compile'\''s inputs when a run ends, to say why it missed (`cachewatch why`); $CACHEWATCH_WHY=off turns it off. (default\: on)]'
        '--no-explain[Read each compile'\''s inputs when a run ends, to say why it missed (`cachewatch why`); $CACHEWATCH_WHY=off turns it off. (default\: on)]'
        '--scrollback[Lines of log kept in the dashboard. (default\: 100000)]:n:'
        '--notify[Ring the bell and set the terminal'\''s title when a build ends (see notify-after). (default\: on)]'
        '--no-notify[Ring the bell and set the terminal'\''s title when a build ends (see notify-after). (default\: on)]'
        '--notify-after[Announce a build that ran this many seconds (and any that ends while the terminal is not focused). (default\: 10)]:seconds:'
        '--color[Colours in the dashboard ($NO_COLOR turns them off). (default\: on)]'
        '--no-color[Colours in the dashboard ($NO_COLOR turns them off). (default\: on)]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cachewatch_keys() {
    local -i ret=1
    local -ar arg_specs=(
        '--default[The default keys, whatever a config file binds.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cachewatch_trust() {
    local -i ret=1
    local -ar arg_specs=(
        '--project[The project whose .cachewatch.toml is trusted (default\: the current directory).]:dir:'
        '--revoke[Forget the project'\''s file\: it no longer applies.]'
        '--list[List the files you trust, and whether each is unchanged.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_cachewatch_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _cachewatch ]]; then
    _cachewatch "${@}"
else
    compdef _cachewatch cachewatch
fi
