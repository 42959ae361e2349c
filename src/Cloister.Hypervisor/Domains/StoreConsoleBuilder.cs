using Cloister.Hypervisor.Events;
using Cloister.Hypervisor.Xsm;

namespace Cloister.Hypervisor.Domains;

/// <summary>
/// The part of the domain builder that connects a new domain to dom0's services, as Xen's
/// toolstack does: a console ring page and a xenstore ring page in the domain's own memory and,
/// for each, an unbound event channel of the domain whose remote end is dom0. The guest finds
/// them with hvm_op get_param (HVM_PARAM_CONSOLE_PFN/EVTCHN, STORE_PFN/EVTCHN).
/// </summary>
public static class StoreConsoleBuilder
{
    /// <summary>Pages at the top of every domain's memory kept for the rings (docs/abi.md).</summary>
    public const uint RingPages = 2;

    /// <summary>HVM_PARAM_* numbers (xen/include/public/hvm/params.h).</summary>
    public const uint ParamCallbackIrq = 0, ParamStorePfn = 1, ParamStoreEvtchn = 2, ParamConsolePfn = 17, ParamConsoleEvtchn = 18;

    /// <summary>Sets the rings up for <paramref name="d"/>, checked by FLASK with dom0 (<paramref name="control"/>) as
    /// the creator of both ports. A domain that the policy does not let dom0 serve gets neither:
    /// its parameters read 0, Xen's "none".</summary>
    public static void Build(Domain d, Domain control, XsmHooks xsm)
    {
        if (!xsm.MayCreateChannel(control, d, control)) return;
        uint pages = (uint)d.Memory.PseudoToMachine.Length;
        // Xen's ARM builder (xc_dom_arm.c) puts the console at the magic base and xenstore one page
        // above; Cloister keeps that order in the two top pages of the domain's RAM.
        uint consolePfn = pages - 2, storePfn = pages - 1;
        var store = Channel(d, control, xsm);
        var console = store is null ? null : Channel(d, control, xsm);
        if (store is null || console is null) { store?.Reset(); return; }
        d.HvmParams[ParamStorePfn] = storePfn;
        d.HvmParams[ParamStoreEvtchn] = (ulong)store.Port;
        d.HvmParams[ParamConsolePfn] = consolePfn;
        d.HvmParams[ParamConsoleEvtchn] = (ulong)console.Port;
    }

    static EventChannel? Channel(Domain d, Domain control, XsmHooks xsm)
    {
        var chn = d.Events.AllocateFromTop();
        if (chn is null || xsm.NewChannel(control, d, control, out uint sid) != 0) return null;
        chn.State = ChannelState.Unbound;
        chn.RemoteDomain = control.Id;
        chn.Sid = sid;
        return chn;
    }
}
