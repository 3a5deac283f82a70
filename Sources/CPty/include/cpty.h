// Starting a child process on a new pseudo-terminal, in a session of its own.
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
/// non-blocking, close-on-exec), in a process group of its own. Returns 0 or an errno value.
int cw_spawn_pipes(const char *path, char *const argv[], char *const envp[], const char *cwd,
                   int *stdout_fd, int *stderr_fd, pid_t *pid);

/// Spawns `path` in a process group of its own with stdin from /dev/null and stdout and stderr
/// appended to the files named (created when missing). Returns 0 or an errno value.
int cw_spawn_detached(const char *path, char *const argv[], char *const envp[], const char *stdout_path,
                      const char *stderr_path, pid_t *pid);

#endif
