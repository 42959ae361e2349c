using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Hypercalls;

namespace Cloister.Hypervisor.Xsm;

/// <summary>
/// The flask_op commands that change or read the policy's state — LOAD, GETBOOL, SETBOOL,
/// COMMITBOOLS — as Xen's xen/xsm/flask/flask_op.c does them, for whichever domain asks: a guest
/// through xsm_op (<see cref="FlaskOp"/>) or dom0's toolstack (xl loadpolicy/getbool/setbool).
/// Boolean ids are Xen's, from 0; the security server numbers them from 1.
/// </summary>
public sealed class FlaskPolicyOps(XsmHooks xsm)
{
    /// <summary>Xen's MAX_POLICY_SIZE (flask_op.c): larger images are -EINVAL.</summary>
    public const uint MaxPolicySize = 0x4000000;

    /// <summary>security_find_bool: the id of the boolean called <paramref name="name"/>, or -1.</summary>
    public int FindBool(string name) => xsm.Server.FindBool(name) - 1;

    /// <summary>flask_security_get_bool: no permission is needed (Xen checks none).</summary>
    public int GetBool(int id, out bool current, out bool pending, out string name)
    {
        name = "";
        var server = xsm.Server;
        if (server.GetBool(id + 1, out current, out pending) != 0) return -Errno.ENOENT;
        name = server.Policy!.Bools[id].Name;
        return 0;
    }

    /// <summary>The check of flask_security_set_bool and _commit_bools: security:setbool. Xen makes it
    /// before it even looks the boolean up.</summary>
    public int MaySetBools(Domain caller) => xsm.DomainHasSecurity(caller, "setbool");

    /// <summary>flask_security_set_bool after its check: the pending value, applied at once when
    /// <paramref name="commit"/> (what flask-set-bool and xl setbool ask for).</summary>
    public int SetBool(int id, bool value, bool commit) =>
        xsm.Server.SetBool(id + 1, value, commit) == 0 ? 0 : -Errno.ENOENT;

    /// <summary>flask_security_commit_bools: security:setbool, then every pending value applies.</summary>
    public int CommitBools(Domain caller)
    {
        int rc = MaySetBools(caller);
        if (rc != 0) return rc;
        xsm.Server.CommitBools();
        return 0;
    }

    /// <summary>flask_security_load in Xen's order: security:load_policy, the size limit, the copy
    /// (<paramref name="fetch"/> returns null for a bad buffer: -EFAULT), then the reader. A policy
    /// the reader refuses leaves the old one in force (-EINVAL, <paramref name="error"/> says why);
    /// booleans keep their values by name, as Xen's security_preserve_bools does.</summary>
    public int Load(Domain caller, uint size, Func<uint, byte[]?> fetch, out string error)
    {
        error = "";
        int rc = xsm.DomainHasSecurity(caller, "load_policy");
        if (rc != 0) return rc;
        if (size > MaxPolicySize) { error = $"larger than {MaxPolicySize} bytes"; return -Errno.EINVAL; }
        if (fetch(size) is not { } image) return -Errno.EFAULT;
        return xsm.Server.Load(image, out error) == 0 ? 0 : -Errno.EINVAL;
    }
}
