/* XTF-style self-checks: each check that fails is reported; test_result() prints
 * "Test result: SUCCESS" or "Test result: FAILURE" and gives the shutdown reason to return
 * from main (poweroff on success, crash on failure, so `cloister run` exits non-zero). */
#ifndef XTF_H
#define XTF_H
void check(int ok, const char *what);
void check_eq(int got, int want, const char *what);
int test_result(void);
#endif
