/* Asks the security server what any domain may ask (the enforcing mode, a boolean by name and
 * by id), then what only a privileged one may: switching enforcement off, setting a boolean and
 * loading a policy. Each result is printed. */
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
    static char name[] = "guest_to_guest", missing[] = "no_such_bool", out[32];
    op.cmd = FLASK_GETBOOL; op.u.boolean.bool_id = -1; op.u.boolean.size = sizeof name - 1;
    op.u.boolean.name = (uint32_t)name;
    print_dec("flaskprobe: getbool guest_to_guest: ", rc = flask_op(&op));
    check_eq(rc, 0, "getbool by name");
    check_eq(op.u.boolean.enforcing, cmdline_int("expect_bool", 1), "getbool value");
    check_eq(op.u.boolean.pending, op.u.boolean.enforcing, "getbool pending");
    check_eq(op.u.boolean.size, 0, "getbool by name leaves no name");
    uint32_t id = op.u.boolean.bool_id;
    check(id != (uint32_t)-1, "getbool by name fills bool_id in");
    op.u.boolean.size = sizeof out; op.u.boolean.name = (uint32_t)out;
    check_eq(flask_op(&op), 0, "getbool by id");
    check_eq(op.u.boolean.size, sizeof name - 1, "getbool name length");
    for (unsigned i = 0; i < sizeof name - 1; i++) check_eq(out[i], name[i], "getbool name");
    op.u.boolean.size = 3;
    check_eq(flask_op(&op), -34, "getbool name too long for the buffer");
    check_eq(op.u.boolean.size, sizeof name - 1, "getbool says the length it needs");
    op.u.boolean.bool_id = -1; op.u.boolean.size = sizeof missing - 1; op.u.boolean.name = (uint32_t)missing;
    check_eq(flask_op(&op), -2, "getbool of a missing boolean");
    op.cmd = FLASK_SETBOOL; op.u.boolean.bool_id = id; op.u.boolean.new_value = op.u.boolean.commit = 1;
    print_dec("flaskprobe: setbool guest_to_guest: ", rc = flask_op(&op));
    check_eq(rc, cmdline_int("expect_setbool", -13), "setbool");
    op.cmd = FLASK_LOAD; op.u.load.buffer = (uint32_t)bogus_policy; op.u.load.size = sizeof bogus_policy;
    print_dec("flaskprobe: load a policy: ", rc = flask_op(&op));
    check_eq(rc, want_load, "load a bogus policy");
    op.cmd = FLASK_SETENFORCE; op.u.enforce.enforcing = 1;
    flask_op(&op);
    return test_result();
}
