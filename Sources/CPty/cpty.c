#define _GNU_SOURCE
#include "cpty.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <termios.h>
#include <sys/syscall.h>
#include <unistd.h>

// Every child is started from one thread that lives as long as the process: PR_SET_PDEATHSIG fires when the
// *thread* that created the child ends, and the threads of Dispatch's pool come and go. So a child dies with
// the dashboard (even a kill -9 of it), and never earlier.

enum cw_stdio { CW_PTY, CW_PIPES, CW_FDS };

struct cw_request {
    const char *path;
    char *const *argv;
    char *const *envp;
    const char *cwd;
    enum cw_stdio stdio;
    const char *slave_path;  // CW_PTY
    int stdin_fd, stdout_fd, stderr_fd;  // CW_FDS (stdin -1: /dev/null); CW_PIPES fills stdout/stderr
    int new_session;
    int die_with_parent;
    int nice;  // added to the child's nice value (0: as the dashboard's)
    pid_t pid;
    int error;
    int done;
};

static pthread_mutex_t cw_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cw_wake = PTHREAD_COND_INITIALIZER;
static pthread_cond_t cw_finished = PTHREAD_COND_INITIALIZER;
static struct cw_request *cw_pending = NULL;
static pthread_once_t cw_once = PTHREAD_ONCE_INIT;
static int cw_thread_error = 0;

/// In the child, between clone and exec: async-signal-safe calls only, and no write to the dashboard's memory.
static void cw_child(struct cw_request *r, pid_t parent, int report_fd) {
    int err = 0;
    if (r->die_with_parent) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(127);  // the parent died before prctl
    }
    // Default dispositions and an empty mask, whatever the dashboard set for itself.
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; sig++) sigaction(sig, &dfl, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);

    if (r->nice > 0) (void)setpriority(PRIO_PROCESS, 0, r->nice);  // the child only: it has its own task
    if (r->new_session) {
        if (setsid() < 0) goto fail;
    } else if (setpgid(0, 0) < 0) {
        goto fail;
    }
    if (r->stdio == CW_PTY) {
        // After setsid, the first terminal opened becomes the controlling terminal.
        int slave = open(r->slave_path, O_RDWR);
        if (slave < 0) goto fail;
        if (dup2(slave, 0) < 0 || dup2(slave, 1) < 0 || dup2(slave, 2) < 0) goto fail;
        if (slave > 2) close(slave);
    } else {
        int in = r->stdin_fd >= 0 ? r->stdin_fd : open("/dev/null", O_RDONLY);
        if (in < 0 || dup2(in, 0) < 0) goto fail;
        if (dup2(r->stdout_fd, 1) < 0 || dup2(r->stderr_fd, 2) < 0) goto fail;
    }
    // Nothing else the dashboard holds reaches the child: a descriptor another thread opened without O_CLOEXEC
    // (a file being written, a pipe) would otherwise live as long as the build, delaying its close (and inotify's
    // IN_CLOSE_WRITE, a pipe's end of file) by that long. The report pipe closes on exec.
    if (report_fd > 3 && syscall(SYS_close_range, 3, report_fd - 1, 0) != 0) {
        for (int fd = 3; fd < report_fd; fd++) close(fd);
    }
    if (syscall(SYS_close_range, report_fd + 1, ~0U, 0) != 0) {
        for (int fd = report_fd + 1; fd < 65536; fd++) close(fd);
    }
    if (r->cwd != NULL && chdir(r->cwd) < 0) goto fail;
    execve(r->path, r->argv, r->envp);
fail:
    err = errno;
    (void)!write(report_fd, &err, sizeof err);
    _exit(127);
}

struct cw_child_args {
    struct cw_request *r;
    pid_t parent;
    int report_fd;
};

static int cw_child_entry(void *arg) {
    struct cw_child_args *a = arg;
    cw_child(a->r, a->parent, a->report_fd);
    return 127;
}

/// The child shares the dashboard's memory until it execs (CLONE_VM | CLONE_VFORK, as glibc's posix_spawn does),
/// on a stack of its own: no page table is copied and no page of the dashboard turns copy-on-write, which a fork
/// costs a process of this size on every spawn (an sccache stats sample every 0.4 s natively). The spawner thread
/// waits meanwhile; the child touches nothing of the dashboard's but reads the request.
#define CW_CHILD_STACK (256 * 1024)

static void cw_do_spawn(struct cw_request *r) {
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) {
        r->error = errno;
        return;
    }
    void *stack = mmap(NULL, CW_CHILD_STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED) {
        r->error = errno;
        close(report[0]);
        close(report[1]);
        return;
    }
    struct cw_child_args args = {r, getpid(), report[1]};
    pid_t child = clone(cw_child_entry, (char *)stack + CW_CHILD_STACK, CLONE_VM | CLONE_VFORK | SIGCHLD, &args);
    int clone_error = errno;
    munmap(stack, CW_CHILD_STACK);
    if (child < 0) {
        r->error = clone_error;
        close(report[0]);
        close(report[1]);
        return;
    }
    close(report[1]);
    int err = 0;
    ssize_t n;
    do {
        n = read(report[0], &err, sizeof err);
    } while (n < 0 && errno == EINTR);
    close(report[0]);
    if (n == (ssize_t)sizeof err) {
        int status;
        waitpid(child, &status, 0);
        r->error = err != 0 ? err : ENOEXEC;
        return;
    }
    r->pid = child;
    r->error = 0;
}

static void *cw_spawner(void *unused) {
    (void)unused;
    // The spawner takes no signal the dashboard handles elsewhere.
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    pthread_mutex_lock(&cw_lock);
    for (;;) {
        while (cw_pending == NULL) pthread_cond_wait(&cw_wake, &cw_lock);
        struct cw_request *r = cw_pending;
        cw_pending = NULL;
        pthread_mutex_unlock(&cw_lock);
        cw_do_spawn(r);
        pthread_mutex_lock(&cw_lock);
        r->done = 1;
        pthread_cond_broadcast(&cw_finished);
    }
    return NULL;
}

static void cw_start_spawner(void) {
    pthread_t thread;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    cw_thread_error = pthread_create(&thread, &attr, cw_spawner, NULL);
    pthread_attr_destroy(&attr);
}

/// Runs the request on the spawner thread and waits for it (one request at a time).
static int cw_spawn(struct cw_request *r) {
    pthread_once(&cw_once, cw_start_spawner);
    if (cw_thread_error != 0) return cw_thread_error;
    r->done = 0;
    pthread_mutex_lock(&cw_lock);
    while (cw_pending != NULL) pthread_cond_wait(&cw_finished, &cw_lock);
    cw_pending = r;
    pthread_cond_broadcast(&cw_wake);
    while (!r->done) pthread_cond_wait(&cw_finished, &cw_lock);
    pthread_mutex_unlock(&cw_lock);
    return r->error;
}

/// A request for `path` with `argv`/`envp` that dies with the dashboard unless told otherwise.
static struct cw_request cw_request_for(const char *path, char *const *argv, char *const *envp, enum cw_stdio stdio) {
    struct cw_request r;
    memset(&r, 0, sizeof r);
    r.path = path;
    r.argv = argv;
    r.envp = envp;
    r.stdio = stdio;
    r.stdin_fd = -1;
    r.die_with_parent = 1;
    return r;
}

int cw_pty_resize(int master_fd, unsigned short rows, unsigned short cols) {
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    ws.ws_row = rows;
    ws.ws_col = cols;
    return ioctl(master_fd, TIOCSWINSZ, &ws) == 0 ? 0 : errno;
}

int cw_spawn_pty(const char *path, char *const argv[], char *const envp[], const char *cwd,
                 unsigned short rows, unsigned short cols, int *master_fd, pid_t *pid) {
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0) return errno;
    if (grantpt(master) != 0 || unlockpt(master) != 0) {
        int e = errno;
        close(master);
        return e;
    }
    char slave_path[128];
    if (ptsname_r(master, slave_path, sizeof slave_path) != 0) {
        int e = errno;
        close(master);
        return e;
    }
    cw_pty_resize(master, rows, cols);
    struct cw_request r = cw_request_for(path, argv, envp, CW_PTY);
    r.cwd = cwd;
    r.slave_path = slave_path;
    r.new_session = 1;
    int rc = cw_spawn(&r);
    if (rc != 0) {
        close(master);
        return rc;
    }
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
    *master_fd = master;
    *pid = r.pid;
    return 0;
}

int cw_spawn_pipes(const char *path, char *const argv[], char *const envp[], const char *cwd, int nice,
                   int *stdout_fd, int *stderr_fd, pid_t *pid) {
    int out[2], err[2];
    if (pipe2(out, O_CLOEXEC) != 0) return errno;
    if (pipe2(err, O_CLOEXEC) != 0) {
        int e = errno;
        close(out[0]);
        close(out[1]);
        return e;
    }
    struct cw_request r = cw_request_for(path, argv, envp, CW_FDS);
    r.cwd = cwd;
    r.nice = nice;
    r.stdout_fd = out[1];
    r.stderr_fd = err[1];
    int rc = cw_spawn(&r);
    close(out[1]);
    close(err[1]);
    if (rc != 0) {
        close(out[0]);
        close(err[0]);
        return rc;
    }
    fcntl(out[0], F_SETFL, fcntl(out[0], F_GETFL) | O_NONBLOCK);
    fcntl(err[0], F_SETFL, fcntl(err[0], F_GETFL) | O_NONBLOCK);
    *stdout_fd = out[0];
    *stderr_fd = err[0];
    *pid = r.pid;
    return 0;
}

int cw_spawn_fds(const char *path, char *const argv[], char *const envp[], int stdin_fd, int stdout_fd,
                 int stderr_fd, int new_session, int die_with_parent, pid_t *pid) {
    struct cw_request r = cw_request_for(path, argv, envp, CW_FDS);
    r.stdin_fd = stdin_fd;
    r.stdout_fd = stdout_fd;
    r.stderr_fd = stderr_fd;
    r.new_session = new_session;
    r.die_with_parent = die_with_parent;
    int rc = cw_spawn(&r);
    if (rc != 0) return rc;
    *pid = r.pid;
    return 0;
}

int cw_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC) == 0 ? 0 : errno; }

long cw_filesystem_type(const char *path) {
    struct statfs info;
    if (statfs(path, &info) != 0) return 0;
    return (long)info.f_type;
}

int cw_pidfd_open(pid_t pid) {
#ifdef SYS_pidfd_open
    return (int)syscall(SYS_pidfd_open, pid, 0);
#else
    (void)pid;
    errno = ENOSYS;
    return -1;
#endif
}
