#ifndef CTESTSUPPORT_H
#define CTESTSUPPORT_H

#include <sys/types.h>

/// Sets the calling thread's filesystem uid (Linux: per thread; from 0 to another uid it also drops the
/// capabilities that let root read any directory), so a test can see the files as another user would.
/// Returns the previous filesystem uid.
int cw_test_set_fsuid(uid_t uid);

#endif
