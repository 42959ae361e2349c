using System.Text;
using Cloister.Flask.Server;
using Cloister.Hypervisor.Xsm;
using static Cloister.Hypervisor.Hypercalls.GuestStructs;

namespace Cloister.Hypervisor.Hypercalls;

/// <summary>
/// xsm_op (27) with Xen's flask_op: r0 points to struct xen_flask_op {u32 cmd, u32
/// interface_version (1), union at offset 8}. Each command is checked as Xen checks it
/// (security:load_policy, setenforce, check_context, compute_av, setbool) against the security
/// server's initial SID; GETENFORCE, POLICYVERS and GETBOOL need no permission. Booleans use
/// struct xen_flask_boolean {u32 bool_id @8 (-1: by name), u8 enforcing @12, pending @13,
/// new_value @14, commit @15, u32 size @16, name handle @24}, written back as Xen does.
/// </summary>
public sealed class FlaskOp(XsmHooks xsm) : IHypercall
{
    readonly FlaskPolicyOps policyOps = new(xsm);

    const uint Load = 1, GetEnforce = 2, SetEnforce = 3, ContextToSid = 4, SidToContext = 5, Access = 6,
        PolicyVersion = 10, GetBool = 11, SetBool = 12, CommitBools = 13;
    const uint InterfaceVersion = 1, MaxContext = 4096;
    const int OpSize = 48;

    public uint Number => HypercallNumbers.XsmOp;

    public int Invoke(in HypercallContext call)
    {
        if (xsm.Mode == FlaskMode.Disabled) return -Errno.ENOSYS;
        Span<byte> op = stackalloc byte[OpSize];
        if (!Read(call, call.A0, op)) return -Errno.EFAULT;
        if (U32(op, 4) != InterfaceVersion) return -Errno.ENOSYS;
        var server = xsm.Server;
        int rc;
        switch (U32(op, 0))
        {
            case GetEnforce:
                return server.Enforcing ? 1 : 0;
            case PolicyVersion:
                return 30;
            case SetEnforce:
                if ((rc = xsm.DomainHasSecurity(call.Domain, "setenforce")) != 0) return rc;
                server.SetEnforcing(U32(op, 8) != 0);
                return 0;
            case Load:
            {
                var caller = call;
                uint buffer = (uint)U64(op, 8);
                return policyOps.Load(call.Domain, U32(op, 16), size =>
                {
                    var image = new byte[size];
                    return Read(caller, buffer, image) ? image : null;
                }, out _);
            }
            case ContextToSid:
            {
                if ((rc = xsm.DomainHasSecurity(call.Domain, "check_context")) != 0) return rc;
                uint size = U32(op, 16);
                if (size > MaxContext) return -Errno.ENOMEM;
                var text = new byte[size];
                if (!Read(call, (uint)U64(op, 8), text)) return -Errno.EFAULT;
                if (server.ContextToSid(Encoding.ASCII.GetString(text).TrimEnd('\0'), out uint sid, out _) != 0) return -Errno.EINVAL;
                Put32(op, 20, sid);
                return Write(call, call.A0, op) ? 0 : -Errno.EFAULT;
            }
            case SidToContext:
            {
                if ((rc = xsm.DomainHasSecurity(call.Domain, "check_context")) != 0) return rc;
                if (server.SidToContext(U32(op, 20), out string context) != 0) return -Errno.EINVAL;
                var bytes = Encoding.ASCII.GetBytes(context + "\0");
                uint room = U32(op, 16);
                Put32(op, 16, (uint)bytes.Length);
                if (bytes.Length > room) { Write(call, call.A0, op); return -Errno.ERANGE; }
                if (!Write(call, (uint)U64(op, 8), bytes)) return -Errno.EFAULT;
                return Write(call, call.A0, op) ? 0 : -Errno.EFAULT;
            }
            case Access:
            {
                if ((rc = xsm.DomainHasSecurity(call.Domain, "compute_av")) != 0) return rc;
                if (server.ComputeAv(U32(op, 8), U32(op, 12), U16(op, 16), out AvDecision d) != 0) return -Errno.EINVAL;
                Put32(op, 24, d.Allowed);
                Put32(op, 28, d.AuditAllow);
                Put32(op, 32, d.AuditDeny);
                Put32(op, 36, d.Seqno);
                return Write(call, call.A0, op) ? 0 : -Errno.EFAULT;
            }
            case CommitBools:
                return policyOps.CommitBools(call.Domain);
            case GetBool or SetBool:
                return Boolean(call, op, U32(op, 0) == SetBool);
            default:
                return -Errno.ENOSYS;
        }
    }

    /// <summary>GETBOOL / SETBOOL: the boolean by id or (bool_id -1) by the name in the buffer; GETBOOL
    /// returns the name when size is non-zero (-ERANGE, with the length, when it does not fit).
    /// The structure goes back to the guest whatever the result, as Xen's FLASK_COPY_OUT does.</summary>
    int Boolean(in HypercallContext call, Span<byte> op, bool set)
    {
        int rc = BooleanCommand(call, op, set);
        return Write(call, call.A0, op) ? rc : -Errno.EFAULT;
    }

    int BooleanCommand(in HypercallContext call, Span<byte> op, bool set)
    {
        int rc;
        if (set && (rc = policyOps.MaySetBools(call.Domain)) != 0) return rc;
        int id = (int)U32(op, 8);
        uint size = U32(op, 16);
        ulong nameBuffer = U64(op, 24);
        if (id == -1)
        {
            if (size > MaxContext) return -Errno.ENOBUFS;
            var text = new byte[size];
            if (!Read(call, (uint)nameBuffer, text)) return -Errno.EFAULT;
            string wanted = Encoding.ASCII.GetString(text);
            int nul = wanted.IndexOf('\0');
            id = policyOps.FindBool(nul < 0 ? wanted : wanted[..nul]);
            Put32(op, 8, (uint)id);
            Put32(op, 16, size = 0);
        }
        if (set && (rc = policyOps.SetBool(id, op[14] != 0, commit: op[15] != 0)) != 0) return rc;
        if ((rc = policyOps.GetBool(id, out bool current, out bool pending, out string name)) != 0) return rc;
        op[12] = current ? (byte)1 : (byte)0;
        op[13] = pending ? (byte)1 : (byte)0;
        if (set || size == 0) return 0;
        var bytes = Encoding.ASCII.GetBytes(name);
        Put32(op, 16, (uint)bytes.Length);
        if (bytes.Length > size) return -Errno.ERANGE;
        return Write(call, (uint)nameBuffer, bytes) ? 0 : -Errno.EFAULT;
    }
}
