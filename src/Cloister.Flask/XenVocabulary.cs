namespace Cloister.Flask;

/// <summary>
/// The classes, permissions and initial SIDs the hypervisor's XSM hooks use, in Xen's order
/// (policy/flask/*): class n is Classes[n - 1], permission bit b of a class is its
/// Permissions[b]. A test keeps this table equal to the policy sources.
/// </summary>
public static class XenVocabulary
{
    public static readonly (string Name, string[] Permissions)[] Classes =
    [
        ("xen", [
            "settime", "tbufcontrol", "readconsole", "clearconsole", "perfcontrol", "mtrr_add", "mtrr_del",
            "mtrr_read", "microcode", "physinfo", "quirk", "writeconsole", "readapic", "writeapic", "kexec",
            "firmware", "sleep", "frequency", "getidle", "debug", "getcpuinfo", "heap", "pm_op", "mca_op",
            "lockprof", "cpupool_op", "hypfs_op", "getscheduler", "setscheduler"]),
        ("xen2", [
            "resource_op", "psr_cmt_op", "psr_alloc", "get_symbol", "pmu_ctrl", "pmu_use", "get_cpu_featureset",
            "livepatch_op", "coverage_op", "get_dom0_console"]),
        ("domain", [
            "setvcpucontext", "pause", "unpause", "resume", "create", "transition", "max_vcpus", "destroy",
            "setaffinity", "getaffinity", "getscheduler", "getdomaininfo", "getvcpuinfo", "getvcpucontext",
            "setdomainmaxmem", "setdomainhandle", "setdebugging", "hypercall", "settime", "set_target",
            "shutdown", "setaddrsize", "getaddrsize", "trigger", "getpodtarget", "setpodtarget",
            "set_misc_info", "set_virq_handler", "getpagingmempool", "setpagingmempool"]),
        ("domain2", [
            "relabelfrom", "relabelto", "relabelself", "make_priv_for", "set_as_target", "set_cpu_policy",
            "gettsc", "settsc", "setscheduler", "setclaim", "cacheflush", "create_hardware_domain",
            "set_vnumainfo", "get_vnumainfo", "psr_cmt_op", "vm_event", "soft_reset", "mem_access",
            "mem_paging", "mem_sharing", "psr_alloc", "resource_map", "get_cpu_policy", "vuart_op",
            "dt_overlay", "set_llc_colors", "get_domain_state"]),
        ("hvm", [
            "sethvmc", "gethvmc", "setparam", "getparam", "bind_irq", "hvmctl", "mem_sharing", "audit_p2m",
            "share_mem", "altp2mhvm", "altp2mhvm_op", "dm"]),
        ("mmu", [
            "map_read", "map_write", "pageinfo", "adjust", "stat", "updatemp", "physmap", "pinpage",
            "memorymap", "remote_remap", "mmuext_op", "exchange", "target_hack"]),
        ("resource", [
            "add", "remove", "use", "use_iommu", "use_iommu_nointremap", "use_noiommu", "add_irq", "remove_irq",
            "add_ioport", "remove_ioport", "add_iomem", "remove_iomem", "stat_device", "add_device",
            "remove_device", "plug", "unplug", "setup"]),
        ("shadow", ["disable", "enable", "logdirty"]),
        ("event", ["bind", "send", "status", "create", "reset"]),
        ("grant", ["map_read", "map_write", "unmap", "transfer", "setup", "copy", "query"]),
        ("security", [
            "compute_av", "compute_create", "compute_member", "check_context", "load_policy", "compute_relabel",
            "setenforce", "setbool", "setsecparam", "add_ocontext", "del_ocontext"]),
        ("version", [
            "xen_extraversion", "xen_compile_info", "xen_capabilities", "xen_changeset", "xen_pagesize",
            "xen_guest_handle", "xen_commandline", "xen_build_id"]),
        ("argo", ["enable", "register_single_source", "register_any_source", "send"]),
    ];

    public static readonly string[] InitialSids =
    [
        "xenboot", "xen", "dom0", "domio", "domxen", "unlabeled", "security",
        "ioport", "iomem", "irq", "device", "domU", "domDM",
    ];

    /// <summary>Class number (from 1), or 0.</summary>
    public static int ClassNumber(string name) => Array.FindIndex(Classes, c => c.Name == name) + 1;

    /// <summary>The access vector bit of a permission of a class, or 0 when either is unknown.</summary>
    public static uint Permission(string cls, string permission)
    {
        int c = ClassNumber(cls);
        if (c == 0) return 0;
        int bit = Array.IndexOf(Classes[c - 1].Permissions, permission);
        return bit < 0 ? 0 : 1u << bit;
    }
}
