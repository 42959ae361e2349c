/* Asks the security server what any domain may ask, then what only a privileged one may:
 * switching enforcement off and loading a policy. Each result is printed. */
#include "minios.h"

static int flask_op(struct xen_flask_op *op)
{
    op->interface_version = 1;
    return hypercall(__HYPERVISOR_xsm_op, (uint32_t)op, 0, 0, 0);
}

int main(void)
{
    static struct xen_flask_op op;
    static char bogus_policy[16] = "not a policy";
    /* What this domain's label may do comes from the configuration (the policy decides). */
    int want_enforce = cmdline_int("expect_setenforce", -13), want_load = cmdline_int("expect_load", -13), rc;
    op.cmd = FLASK_GETENFORCE;
    print_dec("flaskprobe: getenforce: ", rc = flask_op(&op));
    check_eq(rc, 1, "getenforce at boot");
    op.cmd = FLASK_SETENFORCE; op.u.enforce.enforcing = 0;
    print_dec("flaskprobe: setenforce 0: ", rc = flask_op(&op));
    check_eq(rc, want_enforce, "setenforce 0");
    op.cmd = FLASK_GETENFORCE;
    print_dec("flaskprobe: getenforce: ", rc = flask_op(&op));
    check_eq(rc, want_enforce == 0 ? 0 : 1, "getenforce after setenforce 0");
    op.cmd = FLASK_LOAD; op.u.load.buffer = (uint32_t)bogus_policy; op.u.load.size = sizeof bogus_policy;
    print_dec("flaskprobe: load a policy: ", rc = flask_op(&op));
    check_eq(rc, want_load, "load a bogus policy");
    op.cmd = FLASK_SETENFORCE; op.u.enforce.enforcing = 1;
    flask_op(&op);
    return test_result();
}
