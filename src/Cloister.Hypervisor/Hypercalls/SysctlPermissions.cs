using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Xsm;

namespace Cloister.Hypervisor.Hypercalls;

/// <summary>
/// Xen 4.17's flask_sysctl: the check every sysctl command passes before it runs, whether or not
/// Cloister implements the command. readconsole, getdomaininfolist, page_offline_op and
/// scheduler_op have their own hooks (0 here); a command FLASK does not know is refused with
/// -EPERM when enforcing (handle_unknown allow lets it through), logged as Xen logs it.
/// </summary>
static class SysctlPermissions
{
    static readonly Dictionary<uint, string> Xen = new()
    {
        [2] = "tbufcontrol", [4] = "getscheduler", [5] = "perfcontrol", [7] = "debug", [8] = "getcpuinfo",
        [9] = "heap", [10] = "pm_op", [12] = "pm_op", [15] = "lockprof", [18] = "cpupool_op",
        [3] = "physinfo", [16] = "physinfo", [17] = "physinfo", [22] = "physinfo", [29] = "physinfo",
    };

    static readonly Dictionary<uint, string> Xen2 = new()
    {
        [20] = "coverage_op", [21] = "psr_cmt_op", [23] = "psr_alloc", [25] = "get_cpu_levelling_caps",
        [26] = "get_cpu_featureset", [27] = "livepatch_op",
    };

    static readonly uint[] OwnHooks = [1, 6, 14, 19];

    public static int Check(XsmHooks xsm, Domain caller, uint cmd, Action<string> log)
    {
        if (Xen.TryGetValue(cmd, out var permission)) return xsm.DomainHasXen(caller, permission);
        if (Xen2.TryGetValue(cmd, out permission)) return xsm.DomainHasXen2(caller, permission);
        if (OwnHooks.Contains(cmd) || !xsm.Active) return 0;
        bool refuse = xsm.RefusesUnknown;
        log($"FLASK: {(refuse ? "Denying" : "Allowing")} unknown sysctl: {cmd}.");
        return refuse ? -Errno.EPERM : 0;
    }
}
