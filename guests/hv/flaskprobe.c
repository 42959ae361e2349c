/* Asks the security server what any domain may ask, then what only a privileged one may:
 * switching enforcement off and loading a policy. Each result is printed. */
#include "runtime.h"

static int flask_op(struct xen_flask_op *op)
{
    op->interface_version = 1;
    return hypercall(__HYPERVISOR_xsm_op, (uint32_t)op, 0, 0, 0);
}

int main(void)
{
    static struct xen_flask_op op;
    static char bogus_policy[16] = "not a policy";
    op.cmd = FLASK_GETENFORCE;
    print_dec("flaskprobe: getenforce: ", flask_op(&op));
    op.cmd = FLASK_SETENFORCE; op.u.enforce.enforcing = 0;
    print_dec("flaskprobe: setenforce 0: ", flask_op(&op));
    op.cmd = FLASK_GETENFORCE;
    print_dec("flaskprobe: getenforce: ", flask_op(&op));
    op.cmd = FLASK_LOAD; op.u.load.buffer = (uint32_t)bogus_policy; op.u.load.size = sizeof bogus_policy;
    print_dec("flaskprobe: load a policy: ", flask_op(&op));
    op.cmd = FLASK_SETENFORCE; op.u.enforce.enforcing = 1;
    flask_op(&op);
    return 0;
}
