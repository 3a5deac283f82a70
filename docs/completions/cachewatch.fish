function __cachewatch_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __cachewatch_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __cachewatch_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __cachewatch_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __cachewatch_parse_tokens -S
    set -l unparsed_tokens (__cachewatch_tokens -pc)
    switch $unparsed_tokens[1]
    case 'cachewatch'
        __cachewatch_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'run'
            __cachewatch_parse_subcommand -r 1 'project=' 'engine=' 'image=' 'docker-arg=+' 'chown-after' 'no-chown-after' 'mount-root=' 'cache-size=' 'sccache=' 'owner=' 'cache-env=+' 'probe' 'no-probe' 'trust-project' 'fresh' 'no-fresh' 'compare' 'no-compare' 'watch' 'no-watch' 'on-change=' 'debounce=' 'watch-method=' 'headless' 'no-headless' 'report=' 'trace=' 'summary=' 'record=' 'no-record' 'max-log-size=' 'keep-sessions=' 'explain' 'no-explain' 'scrollback=' 'notify' 'no-notify' 'notify-after=' 'color' 'no-color' 'version' 'h/help'
        case 'demo'
            __cachewatch_parse_subcommand -r 1 'engine=' 'image=' 'docker-arg=+' 'chown-after' 'no-chown-after' 'mount-root=' 'cache-size=' 'sccache=' 'owner=' 'cache-env=+' 'probe' 'no-probe' 'trust-project' 'fresh' 'no-fresh' 'compare' 'no-compare' 'watch' 'no-watch' 'on-change=' 'debounce=' 'watch-method=' 'headless' 'no-headless' 'report=' 'trace=' 'summary=' 'record=' 'no-record' 'max-log-size=' 'keep-sessions=' 'explain' 'no-explain' 'scrollback=' 'notify' 'no-notify' 'notify-after=' 'color' 'no-color' 'replay' 'speed=' 'export-cast=' 'version' 'h/help'
        case 'replay'
            __cachewatch_parse_subcommand 1 'speed=' 'from=' 'export-cast=' 'size=' 'version' 'h/help'
        case 'history'
            __cachewatch_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __cachewatch_parse_subcommand 0 'mount-root=' 'project=' 'limit=' 'json' 'version' 'h/help'
            case 'show'
                __cachewatch_parse_subcommand 1 'mount-root=' 'project=' 'json' 'trace=' 'version' 'h/help'
            case 'diff'
                __cachewatch_parse_subcommand -r 1 'mount-root=' 'project=' 'version' 'h/help'
            case 'prune'
                __cachewatch_parse_subcommand 0 'mount-root=' 'project=' 'keep=' 'version' 'h/help'
            end
        case 'why'
            __cachewatch_parse_subcommand 1 'mount-root=' 'project=' 'crate=' 'json' 'version' 'h/help'
        case 'doctor'
            __cachewatch_parse_subcommand -r 1 'project=' 'engine=' 'image=' 'docker-arg=+' 'chown-after' 'no-chown-after' 'mount-root=' 'cache-size=' 'sccache=' 'owner=' 'cache-env=+' 'probe' 'no-probe' 'trust-project' 'version' 'h/help'
        case 'config'
            __cachewatch_parse_subcommand -r 1 'project=' 'init' 'file=' 'force' 'engine=' 'image=' 'docker-arg=+' 'chown-after' 'no-chown-after' 'mount-root=' 'cache-size=' 'sccache=' 'owner=' 'cache-env=+' 'probe' 'no-probe' 'trust-project' 'fresh' 'no-fresh' 'compare' 'no-compare' 'watch' 'no-watch' 'on-change=' 'debounce=' 'watch-method=' 'headless' 'no-headless' 'report=' 'trace=' 'summary=' 'record=' 'no-record' 'max-log-size=' 'keep-sessions=' 'explain' 'no-explain' 'scrollback=' 'notify' 'no-notify' 'notify-after=' 'color' 'no-color' 'version' 'h/help'
        case 'keys'
            __cachewatch_parse_subcommand 0 'default' 'version' 'h/help'
        case 'trust'
            __cachewatch_parse_subcommand 0 'project=' 'revoke' 'list' 'version' 'h/help'
        case 'help'
            __cachewatch_parse_subcommand -r 1 'version'
        end
    end
end

function __cachewatch_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __cachewatch_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __cachewatch_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __cachewatch_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__cachewatch_tokens -p)
    if test -z "$(__cachewatch_tokens -t)"
        set -l index (count (__cachewatch_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'cachewatch' -f
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch" version' -l 'version' -d 'Show the version.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_positional "cachewatch" -eq 1' -fa 'run' -d 'Build a Rust project and watch it (the default command).'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_positional "cachewatch" -eq 1' -fa 'demo' -d 'Build the bundled example workspace (examples/demo) and watch it.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_positional "cachewatch" -eq 1' -fa 'replay' -d 'Replay a recorded session (a .cwrec file) in the dashboard, or export it as an asciinema cast.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_positional "cachewatch" -eq 1' -fa 'history' -d 'List the runs kept in the history, show one, compare two, or prune old ones.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_positional "cachewatch" -eq 1' -fa 'why' -d 'Explain why a run\'s compiles missed sccache\'s cache (default: the last run).'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_positional "cachewatch" -eq 1' -fa 'doctor' -d 'Check the setup before a long build fails: Docker, the image, sccache, the project, the mount root, the cache.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_positional "cachewatch" -eq 1' -fa 'config' -d 'Show the settings in effect and where each came from, or (--init) write a config file.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_positional "cachewatch" -eq 1' -fa 'keys' -d 'Print the key bindings as a Markdown table (as your config file binds them).'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_positional "cachewatch" -eq 1' -fa 'trust' -d 'Trust a project\'s .cachewatch.toml: show what it changes, then let it apply (until it changes).'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_positional "cachewatch" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" project' -l 'project' -d 'The Rust project to build (default: the current directory).' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" engine' -l 'engine' -d 'Where the build runs: docker (the muslrust container) or native (cargo on this machine). (default: docker (the demo: native when no engine answers or no image is present))' -rfka 'docker native'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" image' -l 'image' -d 'The muslrust image (docker engine). (default: clux/muslrust:stable)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run"' -l 'docker-arg' -d 'More `docker run` arguments, before the image (each may start with -). Repeatable: one value per flag. (default: none)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" chown-after' -l 'chown-after' -d 'chown the outputs to `owner` (or you) after every build, like the seed\'s POST_BUILD_CMD (docker engine). (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" no-chown-after' -l 'no-chown-after' -d 'chown the outputs to `owner` (or you) after every build, like the seed\'s POST_BUILD_CMD (docker engine). (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" mount-root' -l 'mount-root' -d 'Root of the cache directories ($MOUNT_ROOT gives it too, above the config files). (default: ~/.muslrust)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" cache-size' -l 'cache-size' -d 'sccache\'s size limit ($SCCACHE_CACHE_SIZE gives it too, above the config files). (default: 5G)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" sccache' -l 'sccache' -d 'The sccache binary (native engine). (default: the real binary found on PATH)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" owner' -l 'owner' -d 'Owner for `c` (chown) and chown-after, as UID:GID. (default: you)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run"' -l 'cache-env' -d 'More variables the container\'s sccache needs, passed by name (their values never appear on docker\'s command line); sccache\'s backend variables (SCCACHE_REDIS*, SCCACHE_BUCKET, AWS_*, …) pass anyway. Repeatable: one value per flag. (default: none)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" probe' -l 'probe' -d 'Check that a Redis or memcached cache answers before each build. (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" no-probe' -l 'no-probe' -d 'Check that a Redis or memcached cache answers before each build. (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" trust-project' -l 'trust-project' -d 'Apply the project\'s .cachewatch.toml for this run without trusting it for good (CI, your own repository).'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" fresh' -l 'fresh' -d 'Delete target/ before every run (cold, then from the cache). (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" no-fresh' -l 'no-fresh' -d 'Delete target/ before every run (cold, then from the cache). (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" compare' -l 'compare' -d 'Measure: a clean build without sccache, then with a warm cache (warmed first when cold), and the ratio. (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" no-compare' -l 'no-compare' -d 'Measure: a clean build without sccache, then with a warm cache (warmed first when cold), and the ratio. (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" watch' -l 'watch' -d 'Re-run the build when a source file of the project changes (W turns it on and off; not with fresh). (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" no-watch' -l 'no-watch' -d 'Re-run the build when a source file of the project changes (W turns it on and off; not with fresh). (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" on-change' -l 'on-change' -d 'Watch: a change while a build runs stops it and starts again (restart), or waits for it (wait). (default: restart)' -rfka 'restart wait'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" debounce' -l 'debounce' -d 'Watch: changes closer together than this make one re-run (milliseconds). (default: 300)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" watch-method' -l 'watch-method' -d 'Watch: how changes are seen: inotify, or a comparison of sizes and times every second ($CACHEWATCH_WATCH=poll gives it too). (default: inotify)' -rfka 'inotify poll'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" headless' -l 'headless' -d 'Stream the log to stdout and print a summary instead of the dashboard. (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" no-headless' -l 'no-headless' -d 'Stream the log to stdout and print a summary instead of the dashboard. (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" report' -l 'report' -d 'Write a JSON report here each time a build ends ("-" for stdout). (default: no report)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" trace' -l 'trace' -d 'Write each run\'s compiles here as a Chrome trace (Perfetto, chrome://tracing) when it ends. (default: no trace)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" summary' -l 'summary' -d 'Headless: append a Markdown summary of each run here. (default: $GITHUB_STEP_SUMMARY when set, else none)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" record' -l 'record' -d 'Record each session here (replay it with `cachewatch replay`); false (--no-record) records none. (default: <mount root>/cachewatch/sessions/<start>.cwrec)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" no-record' -l 'no-record' -d 'Do not record the session.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" max-log-size' -l 'max-log-size' -d 'Largest log file of a run: past it the log keeps its first and its newest half, saying what was dropped. (default: 256M)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" keep-sessions' -l 'keep-sessions' -d 'Disk space kept for recorded sessions; older ones are deleted. (default: 1G)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" explain' -l 'explain' -d 'Read each compile\'s inputs when a run ends, to say why it missed (`cachewatch why`); $CACHEWATCH_WHY=off turns it off. (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" no-explain' -l 'no-explain' -d 'Read each compile\'s inputs when a run ends, to say why it missed (`cachewatch why`); $CACHEWATCH_WHY=off turns it off. (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" scrollback' -l 'scrollback' -d 'Lines of log kept in the dashboard. (default: 100000)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" notify' -l 'notify' -d 'Ring the bell and set the terminal\'s title when a build ends (see notify-after). (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" no-notify' -l 'no-notify' -d 'Ring the bell and set the terminal\'s title when a build ends (see notify-after). (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" notify-after' -l 'notify-after' -d 'Announce a build that ran this many seconds (and any that ends while the terminal is not focused). (default: 10)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" color' -l 'color' -d 'Colours in the dashboard ($NO_COLOR turns them off). (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" no-color' -l 'no-color' -d 'Colours in the dashboard ($NO_COLOR turns them off). (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" version' -l 'version' -d 'Show the version.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch run" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" engine' -l 'engine' -d 'Where the build runs: docker (the muslrust container) or native (cargo on this machine). (default: docker (the demo: native when no engine answers or no image is present))' -rfka 'docker native'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" image' -l 'image' -d 'The muslrust image (docker engine). (default: clux/muslrust:stable)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo"' -l 'docker-arg' -d 'More `docker run` arguments, before the image (each may start with -). Repeatable: one value per flag. (default: none)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" chown-after' -l 'chown-after' -d 'chown the outputs to `owner` (or you) after every build, like the seed\'s POST_BUILD_CMD (docker engine). (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" no-chown-after' -l 'no-chown-after' -d 'chown the outputs to `owner` (or you) after every build, like the seed\'s POST_BUILD_CMD (docker engine). (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" mount-root' -l 'mount-root' -d 'Root of the cache directories ($MOUNT_ROOT gives it too, above the config files). (default: ~/.muslrust)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" cache-size' -l 'cache-size' -d 'sccache\'s size limit ($SCCACHE_CACHE_SIZE gives it too, above the config files). (default: 5G)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" sccache' -l 'sccache' -d 'The sccache binary (native engine). (default: the real binary found on PATH)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" owner' -l 'owner' -d 'Owner for `c` (chown) and chown-after, as UID:GID. (default: you)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo"' -l 'cache-env' -d 'More variables the container\'s sccache needs, passed by name (their values never appear on docker\'s command line); sccache\'s backend variables (SCCACHE_REDIS*, SCCACHE_BUCKET, AWS_*, …) pass anyway. Repeatable: one value per flag. (default: none)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" probe' -l 'probe' -d 'Check that a Redis or memcached cache answers before each build. (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" no-probe' -l 'no-probe' -d 'Check that a Redis or memcached cache answers before each build. (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" trust-project' -l 'trust-project' -d 'Apply the project\'s .cachewatch.toml for this run without trusting it for good (CI, your own repository).'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" fresh' -l 'fresh' -d 'Delete target/ before every run (cold, then from the cache). (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" no-fresh' -l 'no-fresh' -d 'Delete target/ before every run (cold, then from the cache). (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" compare' -l 'compare' -d 'Measure: a clean build without sccache, then with a warm cache (warmed first when cold), and the ratio. (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" no-compare' -l 'no-compare' -d 'Measure: a clean build without sccache, then with a warm cache (warmed first when cold), and the ratio. (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" watch' -l 'watch' -d 'Re-run the build when a source file of the project changes (W turns it on and off; not with fresh). (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" no-watch' -l 'no-watch' -d 'Re-run the build when a source file of the project changes (W turns it on and off; not with fresh). (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" on-change' -l 'on-change' -d 'Watch: a change while a build runs stops it and starts again (restart), or waits for it (wait). (default: restart)' -rfka 'restart wait'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" debounce' -l 'debounce' -d 'Watch: changes closer together than this make one re-run (milliseconds). (default: 300)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" watch-method' -l 'watch-method' -d 'Watch: how changes are seen: inotify, or a comparison of sizes and times every second ($CACHEWATCH_WATCH=poll gives it too). (default: inotify)' -rfka 'inotify poll'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" headless' -l 'headless' -d 'Stream the log to stdout and print a summary instead of the dashboard. (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" no-headless' -l 'no-headless' -d 'Stream the log to stdout and print a summary instead of the dashboard. (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" report' -l 'report' -d 'Write a JSON report here each time a build ends ("-" for stdout). (default: no report)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" trace' -l 'trace' -d 'Write each run\'s compiles here as a Chrome trace (Perfetto, chrome://tracing) when it ends. (default: no trace)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" summary' -l 'summary' -d 'Headless: append a Markdown summary of each run here. (default: $GITHUB_STEP_SUMMARY when set, else none)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" record' -l 'record' -d 'Record each session here (replay it with `cachewatch replay`); false (--no-record) records none. (default: <mount root>/cachewatch/sessions/<start>.cwrec)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" no-record' -l 'no-record' -d 'Do not record the session.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" max-log-size' -l 'max-log-size' -d 'Largest log file of a run: past it the log keeps its first and its newest half, saying what was dropped. (default: 256M)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" keep-sessions' -l 'keep-sessions' -d 'Disk space kept for recorded sessions; older ones are deleted. (default: 1G)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" explain' -l 'explain' -d 'Read each compile\'s inputs when a run ends, to say why it missed (`cachewatch why`); $CACHEWATCH_WHY=off turns it off. (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" no-explain' -l 'no-explain' -d 'Read each compile\'s inputs when a run ends, to say why it missed (`cachewatch why`); $CACHEWATCH_WHY=off turns it off. (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" scrollback' -l 'scrollback' -d 'Lines of log kept in the dashboard. (default: 100000)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" notify' -l 'notify' -d 'Ring the bell and set the terminal\'s title when a build ends (see notify-after). (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" no-notify' -l 'no-notify' -d 'Ring the bell and set the terminal\'s title when a build ends (see notify-after). (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" notify-after' -l 'notify-after' -d 'Announce a build that ran this many seconds (and any that ends while the terminal is not focused). (default: 10)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" color' -l 'color' -d 'Colours in the dashboard ($NO_COLOR turns them off). (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" no-color' -l 'no-color' -d 'Colours in the dashboard ($NO_COLOR turns them off). (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" replay' -l 'replay' -d 'Play the bundled recording of a real containerized demo session instead of building.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" speed' -l 'speed' -d 'With --replay: a speed factor, or max (default: 1).' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" export-cast' -l 'export-cast' -d 'With --replay: write an asciinema v2 cast (120×35) instead of showing it.' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" version' -l 'version' -d 'Show the version.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch demo" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch replay" speed' -l 'speed' -d 'Speed: a factor (2 is twice as fast) or max (default: 1).' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch replay" from' -l 'from' -d 'Start this many seconds into the recording.' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch replay" export-cast' -l 'export-cast' -d 'Write an asciinema v2 cast of the replayed screens here instead of showing them.' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch replay" size' -l 'size' -d 'The cast\'s terminal size (default: 120x35).' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch replay" version' -l 'version' -d 'Show the version.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch replay" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch history" version' -l 'version' -d 'Show the version.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch history" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_positional "cachewatch history" -eq 1' -fa 'list' -d 'List the runs, newest first (the default).'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_positional "cachewatch history" -eq 1' -fa 'show' -d 'One run whole: summary, comparison with the run before, compiles.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_positional "cachewatch history" -eq 1' -fa 'diff' -d 'Compare two runs crate by crate.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_positional "cachewatch history" -eq 1' -fa 'prune' -d 'Keep the newest N runs and delete the others.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch history list" mount-root' -l 'mount-root' -d 'The mount root whose history to read (default: $MOUNT_ROOT, a config file\'s mount-root, else ~/.muslrust).' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch history list" project' -l 'project' -d 'Only the runs of this project directory.' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch history list" limit' -l 'limit' -d 'At most this many runs (default: 50).' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch history list" json' -l 'json' -d 'Print a JSON array of the runs, newest first.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch history list" version' -l 'version' -d 'Show the version.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch history list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch history show" mount-root' -l 'mount-root' -d 'The mount root whose history to read (default: $MOUNT_ROOT, a config file\'s mount-root, else ~/.muslrust).' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch history show" project' -l 'project' -d 'Only the runs of this project directory.' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch history show" json' -l 'json' -d 'Print the run as JSON (as --report writes it).'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch history show" trace' -l 'trace' -d 'Write the run\'s compiles as a Chrome trace (Perfetto, chrome://tracing) to this file instead.' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch history show" version' -l 'version' -d 'Show the version.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch history show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch history diff" mount-root' -l 'mount-root' -d 'The mount root whose history to read (default: $MOUNT_ROOT, a config file\'s mount-root, else ~/.muslrust).' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch history diff" project' -l 'project' -d 'Only the runs of this project directory.' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch history diff" version' -l 'version' -d 'Show the version.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch history diff" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch history prune" mount-root' -l 'mount-root' -d 'The mount root whose history to read (default: $MOUNT_ROOT, a config file\'s mount-root, else ~/.muslrust).' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch history prune" project' -l 'project' -d 'Only the runs of this project directory.' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch history prune" keep' -l 'keep' -d 'How many of the newest runs to keep.' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch history prune" version' -l 'version' -d 'Show the version.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch history prune" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch why" mount-root' -l 'mount-root' -d 'The mount root whose history to read (default: $MOUNT_ROOT, a config file\'s mount-root, else ~/.muslrust).' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch why" project' -l 'project' -d 'Only the runs of this project directory.' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch why" crate' -l 'crate' -d 'Only this crate (as the crate table names it).' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch why" json' -l 'json' -d 'Print the causes as JSON.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch why" version' -l 'version' -d 'Show the version.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch why" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch doctor" project' -l 'project' -d 'The Rust project to check (default: the current directory).' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch doctor" engine' -l 'engine' -d 'Where the build runs: docker (the muslrust container) or native (cargo on this machine). (default: docker (the demo: native when no engine answers or no image is present))' -rfka 'docker native'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch doctor" image' -l 'image' -d 'The muslrust image (docker engine). (default: clux/muslrust:stable)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch doctor"' -l 'docker-arg' -d 'More `docker run` arguments, before the image (each may start with -). Repeatable: one value per flag. (default: none)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch doctor" chown-after' -l 'chown-after' -d 'chown the outputs to `owner` (or you) after every build, like the seed\'s POST_BUILD_CMD (docker engine). (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch doctor" no-chown-after' -l 'no-chown-after' -d 'chown the outputs to `owner` (or you) after every build, like the seed\'s POST_BUILD_CMD (docker engine). (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch doctor" mount-root' -l 'mount-root' -d 'Root of the cache directories ($MOUNT_ROOT gives it too, above the config files). (default: ~/.muslrust)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch doctor" cache-size' -l 'cache-size' -d 'sccache\'s size limit ($SCCACHE_CACHE_SIZE gives it too, above the config files). (default: 5G)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch doctor" sccache' -l 'sccache' -d 'The sccache binary (native engine). (default: the real binary found on PATH)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch doctor" owner' -l 'owner' -d 'Owner for `c` (chown) and chown-after, as UID:GID. (default: you)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch doctor"' -l 'cache-env' -d 'More variables the container\'s sccache needs, passed by name (their values never appear on docker\'s command line); sccache\'s backend variables (SCCACHE_REDIS*, SCCACHE_BUCKET, AWS_*, …) pass anyway. Repeatable: one value per flag. (default: none)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch doctor" probe' -l 'probe' -d 'Check that a Redis or memcached cache answers before each build. (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch doctor" no-probe' -l 'no-probe' -d 'Check that a Redis or memcached cache answers before each build. (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch doctor" trust-project' -l 'trust-project' -d 'Apply the project\'s .cachewatch.toml for this run without trusting it for good (CI, your own repository).'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch doctor" version' -l 'version' -d 'Show the version.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch doctor" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" project' -l 'project' -d 'The project whose .cachewatch.toml is read (default: the current directory).' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" init' -l 'init' -d 'Write a config file with every setting, its help and its default (your config file unless --file).'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" file' -l 'file' -d 'With --init: write here instead (- for stdout).' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" force' -l 'force' -d 'With --init: replace a file that is there.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" engine' -l 'engine' -d 'Where the build runs: docker (the muslrust container) or native (cargo on this machine). (default: docker (the demo: native when no engine answers or no image is present))' -rfka 'docker native'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" image' -l 'image' -d 'The muslrust image (docker engine). (default: clux/muslrust:stable)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config"' -l 'docker-arg' -d 'More `docker run` arguments, before the image (each may start with -). Repeatable: one value per flag. (default: none)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" chown-after' -l 'chown-after' -d 'chown the outputs to `owner` (or you) after every build, like the seed\'s POST_BUILD_CMD (docker engine). (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" no-chown-after' -l 'no-chown-after' -d 'chown the outputs to `owner` (or you) after every build, like the seed\'s POST_BUILD_CMD (docker engine). (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" mount-root' -l 'mount-root' -d 'Root of the cache directories ($MOUNT_ROOT gives it too, above the config files). (default: ~/.muslrust)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" cache-size' -l 'cache-size' -d 'sccache\'s size limit ($SCCACHE_CACHE_SIZE gives it too, above the config files). (default: 5G)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" sccache' -l 'sccache' -d 'The sccache binary (native engine). (default: the real binary found on PATH)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" owner' -l 'owner' -d 'Owner for `c` (chown) and chown-after, as UID:GID. (default: you)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config"' -l 'cache-env' -d 'More variables the container\'s sccache needs, passed by name (their values never appear on docker\'s command line); sccache\'s backend variables (SCCACHE_REDIS*, SCCACHE_BUCKET, AWS_*, …) pass anyway. Repeatable: one value per flag. (default: none)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" probe' -l 'probe' -d 'Check that a Redis or memcached cache answers before each build. (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" no-probe' -l 'no-probe' -d 'Check that a Redis or memcached cache answers before each build. (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" trust-project' -l 'trust-project' -d 'Apply the project\'s .cachewatch.toml for this run without trusting it for good (CI, your own repository).'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" fresh' -l 'fresh' -d 'Delete target/ before every run (cold, then from the cache). (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" no-fresh' -l 'no-fresh' -d 'Delete target/ before every run (cold, then from the cache). (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" compare' -l 'compare' -d 'Measure: a clean build without sccache, then with a warm cache (warmed first when cold), and the ratio. (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" no-compare' -l 'no-compare' -d 'Measure: a clean build without sccache, then with a warm cache (warmed first when cold), and the ratio. (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" watch' -l 'watch' -d 'Re-run the build when a source file of the project changes (W turns it on and off; not with fresh). (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" no-watch' -l 'no-watch' -d 'Re-run the build when a source file of the project changes (W turns it on and off; not with fresh). (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" on-change' -l 'on-change' -d 'Watch: a change while a build runs stops it and starts again (restart), or waits for it (wait). (default: restart)' -rfka 'restart wait'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" debounce' -l 'debounce' -d 'Watch: changes closer together than this make one re-run (milliseconds). (default: 300)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" watch-method' -l 'watch-method' -d 'Watch: how changes are seen: inotify, or a comparison of sizes and times every second ($CACHEWATCH_WATCH=poll gives it too). (default: inotify)' -rfka 'inotify poll'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" headless' -l 'headless' -d 'Stream the log to stdout and print a summary instead of the dashboard. (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" no-headless' -l 'no-headless' -d 'Stream the log to stdout and print a summary instead of the dashboard. (default: off)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" report' -l 'report' -d 'Write a JSON report here each time a build ends ("-" for stdout). (default: no report)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" trace' -l 'trace' -d 'Write each run\'s compiles here as a Chrome trace (Perfetto, chrome://tracing) when it ends. (default: no trace)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" summary' -l 'summary' -d 'Headless: append a Markdown summary of each run here. (default: $GITHUB_STEP_SUMMARY when set, else none)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" record' -l 'record' -d 'Record each session here (replay it with `cachewatch replay`); false (--no-record) records none. (default: <mount root>/cachewatch/sessions/<start>.cwrec)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" no-record' -l 'no-record' -d 'Do not record the session.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" max-log-size' -l 'max-log-size' -d 'Largest log file of a run: past it the log keeps its first and its newest half, saying what was dropped. (default: 256M)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" keep-sessions' -l 'keep-sessions' -d 'Disk space kept for recorded sessions; older ones are deleted. (default: 1G)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" explain' -l 'explain' -d 'Read each compile\'s inputs when a run ends, to say why it missed (`cachewatch why`); $CACHEWATCH_WHY=off turns it off. (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" no-explain' -l 'no-explain' -d 'Read each compile\'s inputs when a run ends, to say why it missed (`cachewatch why`); $CACHEWATCH_WHY=off turns it off. (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" scrollback' -l 'scrollback' -d 'Lines of log kept in the dashboard. (default: 100000)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" notify' -l 'notify' -d 'Ring the bell and set the terminal\'s title when a build ends (see notify-after). (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" no-notify' -l 'no-notify' -d 'Ring the bell and set the terminal\'s title when a build ends (see notify-after). (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" notify-after' -l 'notify-after' -d 'Announce a build that ran this many seconds (and any that ends while the terminal is not focused). (default: 10)' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" color' -l 'color' -d 'Colours in the dashboard ($NO_COLOR turns them off). (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" no-color' -l 'no-color' -d 'Colours in the dashboard ($NO_COLOR turns them off). (default: on)'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" version' -l 'version' -d 'Show the version.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch config" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch keys" default' -l 'default' -d 'The default keys, whatever a config file binds.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch keys" version' -l 'version' -d 'Show the version.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch keys" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch trust" project' -l 'project' -d 'The project whose .cachewatch.toml is trusted (default: the current directory).' -rfka ''
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch trust" revoke' -l 'revoke' -d 'Forget the project\'s file: it no longer applies.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch trust" list' -l 'list' -d 'List the files you trust, and whether each is unchanged.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch trust" version' -l 'version' -d 'Show the version.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch trust" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cachewatch' -n '__cachewatch_should_offer_completions_for_flags_or_options "cachewatch help" version' -l 'version' -d 'Show the version.'
