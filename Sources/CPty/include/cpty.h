// Starting child processes: on a new pseudo-terminal, on pipes, or on given descriptors. Unless asked
// otherwise, a child is killed (SIGKILL) when the dashboard ends, however it ends.
#ifndef CACHEWATCH_CPTY_H
#define CACHEWATCH_CPTY_H

#include <sys/types.h>

/// Spawns `path` with `argv`/`envp` in `cwd` on a new PTY of `rows` x `cols`.
/// The child is a session leader (so also its own process group) whose
/// controlling terminal is the PTY. On success returns 0 and stores the
/// master side (non-blocking, close-on-exec) and the child's pid; on failure
/// returns an errno value and stores nothing.
int cw_spawn_pty(const char *path, char *const argv[], char *const envp[], const char *cwd,
                 unsigned short rows, unsigned short cols, int *master_fd, pid_t *pid);

/// Tells the PTY (and so the child's foreground process group) its new size.
int cw_pty_resize(int master_fd, unsigned short rows, unsigned short cols);



/// Spawns `path` with stdin from /dev/null and stdout/stderr on new pipes (read ends
/// non-blocking, close-on-exec), in a process group of its own, `nice` (0 or more) above the dashboard's nice value.
/// Returns 0 or an errno value.
int cw_spawn_pipes(const char *path, char *const argv[], char *const envp[], const char *cwd, int nice,
                   int *stdout_fd, int *stderr_fd, pid_t *pid);

/// Spawns `path` with the given descriptors as stdin (-1: /dev/null), stdout and stderr, in a session
/// (`new_session`) or a process group of its own. Returns 0 or an errno value.
int cw_spawn_fds(const char *path, char *const argv[], char *const envp[], int stdin_fd, int stdout_fd,
                 int stderr_fd, int new_session, int die_with_parent, pid_t *pid);

/// A pipe whose two ends are close-on-exec from the start (no child forked meanwhile can inherit them).
int cw_pipe_cloexec(int fds[2]);

/// The statfs(2) type (magic number) of the file system holding `path`; 0 when it cannot be known.
long cw_filesystem_type(const char *path);

/// A descriptor that becomes readable when `pid` (a child not yet reaped) exits (pidfd_open(2), close-on-exec);
/// -1 with errno set where the kernel has none (before Linux 5.3).
int cw_pidfd_open(pid_t pid);

#endif
