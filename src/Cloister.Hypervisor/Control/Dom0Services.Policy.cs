using Cloister.Hypervisor.Hypercalls;
using Cloister.Hypervisor.Xsm;

namespace Cloister.Hypervisor.Control;

/// <summary>
/// dom0's flask_op calls for xl loadpolicy, getbool and setbool: the same code a guest's xsm_op
/// reaches (<see cref="FlaskPolicyOps"/>), with dom0 as the caller, so the checks
/// (security:load_policy, security:setbool) and their audit records are those of dom0.
/// With FLASK disabled each is -ENOSYS, as xsm_op is.
/// </summary>
public sealed partial class Dom0Services
{
    FlaskPolicyOps? policyOps;
    FlaskPolicyOps PolicyOps => policyOps ??= new FlaskPolicyOps(xsm);

    bool FlaskOff => xsm.Mode == FlaskMode.Disabled;

    /// <summary>FLASK_GETBOOL by name (xc_flask_getbool_byname).</summary>
    public int GetBool(string name, out bool current, out bool pending)
    {
        current = pending = false;
        return FlaskOff ? -Errno.ENOSYS : PolicyOps.GetBool(PolicyOps.FindBool(name), out current, out pending, out _);
    }

    /// <summary>FLASK_GETBOOL by id with the name (xc_flask_getbool_byid): ids run from 0 until -ENOENT.</summary>
    public int GetBool(int id, out string name, out bool current, out bool pending)
    {
        name = "";
        current = pending = false;
        return FlaskOff ? -Errno.ENOSYS : PolicyOps.GetBool(id, out current, out pending, out name);
    }

    /// <summary>FLASK_SETBOOL by name with commit set (xc_flask_setbool(..., 1)).</summary>
    public int SetBool(string name, bool value)
    {
        if (FlaskOff) return -Errno.ENOSYS;
        int rc = PolicyOps.MaySetBools(Control);
        return rc != 0 ? rc : PolicyOps.SetBool(PolicyOps.FindBool(name), value, commit: true);
    }

    /// <summary>FLASK_LOAD of a whole policy image (xc_flask_load); on failure the old policy stays
    /// and <paramref name="error"/> says what the reader refused.</summary>
    public int LoadPolicy(byte[] image, out string error)
    {
        error = "";
        return FlaskOff ? -Errno.ENOSYS : PolicyOps.Load(Control, (uint)image.Length, _ => image, out error);
    }
}
