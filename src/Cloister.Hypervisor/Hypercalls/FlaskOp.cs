using System.Text;
using Cloister.Flask.Server;
using Cloister.Hypervisor.Xsm;
using static Cloister.Hypervisor.Hypercalls.GuestStructs;

namespace Cloister.Hypervisor.Hypercalls;

/// <summary>
/// xsm_op (27) with Xen's flask_op: r0 points to struct xen_flask_op {u32 cmd, u32
/// interface_version (1), union at offset 8}. Each command is checked as Xen checks it
/// (security:load_policy, setenforce, check_context, compute_av, setbool) against the security
/// server's initial SID; GETENFORCE and POLICYVERS need no permission.
/// </summary>
public sealed class FlaskOp(XsmHooks xsm) : IHypercall
{
    const uint Load = 1, GetEnforce = 2, SetEnforce = 3, ContextToSid = 4, SidToContext = 5, Access = 6,
        PolicyVersion = 10, GetBool = 11, SetBool = 12, CommitBools = 13;
    const uint InterfaceVersion = 1, MaxPolicySize = 16 << 20, MaxContext = 4096;
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
                if ((rc = xsm.DomainHasSecurity(call.Domain, "load_policy")) != 0) return rc;
                uint size = U32(op, 16);
                if (size > MaxPolicySize) return -Errno.EFBIG;
                var image = new byte[size];
                if (!Read(call, (uint)U64(op, 8), image)) return -Errno.EFAULT;
                return server.Load(image, out _) == 0 ? 0 : -Errno.EINVAL;
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
            case SetBool or CommitBools:
                if ((rc = xsm.DomainHasSecurity(call.Domain, "setbool")) != 0) return rc;
                if (U32(op, 0) == CommitBools) { server.CommitBools(); return 0; }
                return server.SetBool((int)U32(op, 8), U32(op, 16) != 0, U32(op, 20) != 0) == 0 ? 0 : -Errno.ENOENT;
            case GetBool:
                if (server.GetBool((int)U32(op, 8), out bool current, out bool pending) != 0) return -Errno.ENOENT;
                Put32(op, 12, current ? 1u : 0);
                Put32(op, 16, pending ? 1u : 0);
                return Write(call, call.A0, op) ? 0 : -Errno.EFAULT;
            default:
                return -Errno.ENOSYS;
        }
    }
}
