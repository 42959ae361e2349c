using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Memory;
using static Cloister.Hypervisor.Hypercalls.GuestStructs;

namespace Cloister.Hypervisor.Hypercalls;

/// <summary>
/// vcpu_op (24): r0 = command, r1 = vCPU id (of the calling domain), r2 = argument pointer.
/// initialise 0 (Cloister's context {u32 pc, u32 sp, u32 r0}), up 1, down 2, is_up 3,
/// set_singleshot_timer 6 ({u64 timeout_abs_ns, u32 flags}), stop_singleshot_timer 7,
/// register_vcpu_info 10 ({u64 gfn, u32 offset, u32 rsvd}: the 48-byte vcpu_info must lie in one
/// of the domain's own pages).
/// </summary>
public sealed class VcpuOp(FrameAllocator frames) : IHypercall
{
    const uint Initialise = 0, Up = 1, Down = 2, IsUp = 3, SetSingleshotTimer = 6, StopSingleshotTimer = 7,
        RegisterVcpuInfo = 10;

    public uint Number => HypercallNumbers.VcpuOp;

    public int Invoke(in HypercallContext call)
    {
        if (call.A1 >= call.Domain.Vcpus.Count) return -Errno.ENOENT;
        var v = call.Domain.Vcpus[(int)call.A1];
        switch (call.A0)
        {
            case Initialise:
            {
                if (v.Online) return -Errno.EEXIST;
                Span<byte> ctx = stackalloc byte[12];
                if (!Read(call, call.A2, ctx)) return -Errno.EFAULT;
                uint pc = U32(ctx, 0);
                if (pc >= call.Domain.Memory.SizeBytes) return -Errno.EINVAL;
                Array.Clear(v.Registers);
                v.Pc = pc;
                v.Registers[13] = U32(ctx, 4);
                v.Registers[0] = U32(ctx, 8);
                v.Cpsr = 0x10;
                v.Initialised = true;
                return 0;
            }
            case Up:
                if (!v.Initialised && v.Id != 0) return -Errno.EINVAL;
                v.Online = true;
                return 0;
            case Down:
                v.Online = false;
                return 0;
            case IsUp:
                return v.Online ? 1 : 0;
            case SetSingleshotTimer:
            {
                Span<byte> t = stackalloc byte[16];
                if (!Read(call, call.A2, t)) return -Errno.EFAULT;
                ulong deadline = U64(t, 0);
                v.TimerDeadline = Math.Max(deadline, 1);
                return 0;
            }
            case StopSingleshotTimer:
                v.TimerDeadline = null;
                return 0;
            case RegisterVcpuInfo:
            {
                Span<byte> a = stackalloc byte[16];
                if (!Read(call, call.A2, a)) return -Errno.EFAULT;
                ulong gfn = U64(a, 0);
                uint offset = U32(a, 8);
                const uint VcpuInfoSize = 48;
                if (offset > 4096 - VcpuInfoSize || (offset & 7) != 0) return -Errno.EINVAL;
                var p2m = call.Domain.Memory.PseudoToMachine;
                if (gfn >= (ulong)p2m.Length || frames.OwnerOf(p2m[gfn]) != call.Domain.Id) return -Errno.EINVAL;
                v.InfoAddress = (p2m[gfn] << 12) + offset;
                return 0;
            }
            default:
                return -Errno.ENOSYS;
        }
    }
}
