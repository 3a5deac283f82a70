#include "CTestSupport.h"
#include <sys/fsuid.h>

int cw_test_set_fsuid(uid_t uid) {
    return setfsuid(uid);
}
