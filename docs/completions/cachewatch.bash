#!/bin/bash

__cachewatch_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__cachewatch_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__cachewatch_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__cachewatch_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_cachewatch() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __cachewatch_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    run|demo|replay|history|why|doctor|config|keys|trust|help)
        # Offer subcommand argument completions
        "_cachewatch_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'run demo replay history why doctor config keys trust help' -- "${cur}"))
        ;;
    esac
}

_cachewatch_run() {
    repeating_flags=()
    non_repeating_flags=(--chown-after --no-chown-after --probe --no-probe --trust-project --fresh --no-fresh --compare --no-compare --watch --no-watch --headless --no-headless --no-record --explain --no-explain --notify --no-notify --color --no-color --version -h --help)
    repeating_options=(--docker-arg --cache-env)
    non_repeating_options=(--project --engine --image --mount-root --cache-size --sccache --owner --on-change --debounce --watch-method --report --trace --summary --record --max-log-size --keep-sessions --scrollback --notify-after)
    __cachewatch_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--project')
        return
        ;;
    '--engine')
        __cachewatch_add_completions -W 'docker'$'\n''native'
        return
        ;;
    '--image')
        return
        ;;
    '--docker-arg')
        return
        ;;
    '--mount-root')
        return
        ;;
    '--cache-size')
        return
        ;;
    '--sccache')
        return
        ;;
    '--owner')
        return
        ;;
    '--cache-env')
        return
        ;;
    '--on-change')
        __cachewatch_add_completions -W 'restart'$'\n''wait'
        return
        ;;
    '--debounce')
        return
        ;;
    '--watch-method')
        __cachewatch_add_completions -W 'inotify'$'\n''poll'
        return
        ;;
    '--report')
        return
        ;;
    '--trace')
        return
        ;;
    '--summary')
        return
        ;;
    '--record')
        return
        ;;
    '--max-log-size')
        return
        ;;
    '--keep-sessions')
        return
        ;;
    '--scrollback')
        return
        ;;
    '--notify-after')
        return
        ;;
    esac
}

_cachewatch_demo() {
    repeating_flags=()
    non_repeating_flags=(--chown-after --no-chown-after --probe --no-probe --trust-project --fresh --no-fresh --compare --no-compare --watch --no-watch --headless --no-headless --no-record --explain --no-explain --notify --no-notify --color --no-color --replay --version -h --help)
    repeating_options=(--docker-arg --cache-env)
    non_repeating_options=(--engine --image --mount-root --cache-size --sccache --owner --on-change --debounce --watch-method --report --trace --summary --record --max-log-size --keep-sessions --scrollback --notify-after --speed --export-cast)
    __cachewatch_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--engine')
        __cachewatch_add_completions -W 'docker'$'\n''native'
        return
        ;;
    '--image')
        return
        ;;
    '--docker-arg')
        return
        ;;
    '--mount-root')
        return
        ;;
    '--cache-size')
        return
        ;;
    '--sccache')
        return
        ;;
    '--owner')
        return
        ;;
    '--cache-env')
        return
        ;;
    '--on-change')
        __cachewatch_add_completions -W 'restart'$'\n''wait'
        return
        ;;
    '--debounce')
        return
        ;;
    '--watch-method')
        __cachewatch_add_completions -W 'inotify'$'\n''poll'
        return
        ;;
    '--report')
        return
        ;;
    '--trace')
        return
        ;;
    '--summary')
        return
        ;;
    '--record')
        return
        ;;
    '--max-log-size')
        return
        ;;
    '--keep-sessions')
        return
        ;;
    '--scrollback')
        return
        ;;
    '--notify-after')
        return
        ;;
    '--speed')
        return
        ;;
    '--export-cast')
        return
        ;;
    esac
}

_cachewatch_replay() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--speed --from --export-cast --size)
    __cachewatch_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--speed')
        return
        ;;
    '--from')
        return
        ;;
    '--export-cast')
        return
        ;;
    '--size')
        return
        ;;
    esac
}

_cachewatch_history() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cachewatch_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show|diff|prune)
        # Offer subcommand argument completions
        "_cachewatch_history_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show diff prune' -- "${cur}"))
        ;;
    esac
}

_cachewatch_history_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--mount-root --project --limit)
    __cachewatch_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--mount-root')
        return
        ;;
    '--project')
        return
        ;;
    '--limit')
        return
        ;;
    esac
}

_cachewatch_history_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--mount-root --project --trace)
    __cachewatch_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--mount-root')
        return
        ;;
    '--project')
        return
        ;;
    '--trace')
        return
        ;;
    esac
}

_cachewatch_history_diff() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--mount-root --project)
    __cachewatch_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--mount-root')
        return
        ;;
    '--project')
        return
        ;;
    esac
}

_cachewatch_history_prune() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--mount-root --project --keep)
    __cachewatch_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--mount-root')
        return
        ;;
    '--project')
        return
        ;;
    '--keep')
        return
        ;;
    esac
}

_cachewatch_why() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--mount-root --project --crate)
    __cachewatch_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--mount-root')
        return
        ;;
    '--project')
        return
        ;;
    '--crate')
        return
        ;;
    esac
}

_cachewatch_doctor() {
    repeating_flags=()
    non_repeating_flags=(--chown-after --no-chown-after --probe --no-probe --trust-project --version -h --help)
    repeating_options=(--docker-arg --cache-env)
    non_repeating_options=(--project --engine --image --mount-root --cache-size --sccache --owner)
    __cachewatch_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--project')
        return
        ;;
    '--engine')
        __cachewatch_add_completions -W 'docker'$'\n''native'
        return
        ;;
    '--image')
        return
        ;;
    '--docker-arg')
        return
        ;;
    '--mount-root')
        return
        ;;
    '--cache-size')
        return
        ;;
    '--sccache')
        return
        ;;
    '--owner')
        return
        ;;
    '--cache-env')
        return
        ;;
    esac
}

_cachewatch_config() {
    repeating_flags=()
    non_repeating_flags=(--init --force --chown-after --no-chown-after --probe --no-probe --trust-project --fresh --no-fresh --compare --no-compare --watch --no-watch --headless --no-headless --no-record --explain --no-explain --notify --no-notify --color --no-color --version -h --help)
    repeating_options=(--docker-arg --cache-env)
    non_repeating_options=(--project --file --engine --image --mount-root --cache-size --sccache --owner --on-change --debounce --watch-method --report --trace --summary --record --max-log-size --keep-sessions --scrollback --notify-after)
    __cachewatch_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--project')
        return
        ;;
    '--file')
        return
        ;;
    '--engine')
        __cachewatch_add_completions -W 'docker'$'\n''native'
        return
        ;;
    '--image')
        return
        ;;
    '--docker-arg')
        return
        ;;
    '--mount-root')
        return
        ;;
    '--cache-size')
        return
        ;;
    '--sccache')
        return
        ;;
    '--owner')
        return
        ;;
    '--cache-env')
        return
        ;;
    '--on-change')
        __cachewatch_add_completions -W 'restart'$'\n''wait'
        return
        ;;
    '--debounce')
        return
        ;;
    '--watch-method')
        __cachewatch_add_completions -W 'inotify'$'\n''poll'
        return
        ;;
    '--report')
        return
        ;;
    '--trace')
        return
        ;;
    '--summary')
        return
        ;;
    '--record')
        return
        ;;
    '--max-log-size')
        return
        ;;
    '--keep-sessions')
        return
        ;;
    '--scrollback')
        return
        ;;
    '--notify-after')
        return
        ;;
    esac
}

_cachewatch_keys() {
    repeating_flags=()
    non_repeating_flags=(--default --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cachewatch_offer_flags_options 0
}

_cachewatch_trust() {
    repeating_flags=()
    non_repeating_flags=(--revoke --list --version -h --help)
    repeating_options=()
    non_repeating_options=(--project)
    __cachewatch_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--project')
        return
        ;;
    esac
}

_cachewatch_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __cachewatch_offer_flags_options -1
}

complete -o filenames -F _cachewatch cachewatch
