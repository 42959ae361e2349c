/* xen_version and console_io: the version, the extra version string, and console_io's answers
 * to good and bad requests. */
#include "minios.h"

int main(void)
{
    int v = hypercall(__HYPERVISOR_xen_version, 0, 0, 0, 0);
    print_dec("version: XENVER_version major ", v >> 16);
    print_dec("version: XENVER_version minor ", v & 0xFFFF);
    check_eq(v, (4 << 16) | 17, "XENVER_version");
    static char extra[16];
    check_eq(hypercall(__HYPERVISOR_xen_version, 1, (uint32_t)extra, 0, 0), 0, "XENVER_extraversion");
    print("version: extraversion ");
    print(extra);
    print("\n");
    check(extra[0] == '-', "extraversion starts with '-'");
    check_eq(hypercall(__HYPERVISOR_xen_version, 99, 0, 0, 0), -38, "unknown XENVER_ command: -ENOSYS");
    check_eq(hypercall(__HYPERVISOR_xen_version, 1, 0x00400000, 0, 0), -14, "extraversion into memory not its own: -EFAULT");
    check_eq(hypercall(__HYPERVISOR_console_io, 0, 3, (uint32_t)"ok\n", 0), 0, "CONSOLEIO_write");
    check_eq(hypercall(__HYPERVISOR_console_io, 0, 3, 0x00400000, 0), -14, "CONSOLEIO_write from memory not its own: -EFAULT");
    check_eq(hypercall(__HYPERVISOR_console_io, 7, 0, 0, 0), -38, "unknown console_io command: -ENOSYS");

    /* multicall: two calls in one trap, each result in its entry; a nested multicall is refused. */
    static struct { uint64_t op, result, args[6]; } calls[3] = {
        { __HYPERVISOR_xen_version, 99, { 0 } },
        { __HYPERVISOR_console_io, 99, { 0, 3, 0 } },
        { 13 /* multicall */, 99, { 0 } },
    };
    calls[1].args[2] = (uint32_t)"mc\n";
    check_eq(hypercall(13, (uint32_t)calls, 3, 0, 0), 0, "multicall");
    check_eq((int)calls[0].result, (4 << 16) | 17, "multicall entry 0: xen_version");
    check_eq((int)calls[1].result, 0, "multicall entry 1: console_io write");
    check_eq((int)calls[2].result, -22, "multicall entry 2: nested multicall refused");
    check_eq(hypercall(13, 0x00400000, 1, 0, 0), -14, "multicall with an array not its own: -EFAULT");
    return test_result();
}
