using Cloister.Hypervisor.Console;
using Cloister.Hypervisor.Xsm;

namespace Cloister.Hypervisor.Hypercalls;

/// <summary>console_io (18): CONSOLEIO_write 0 prints the guest's bytes. CONSOLEIO_read 1 returns
/// the serial input waiting for the caller: Xen gives serial input only to the hardware domain
/// (dom0, here the host-side toolstack), so a guest always reads 0 bytes; a count beyond INT_MAX
/// is -E2BIG as in Xen 4.17. Guests take their input from their console ring.</summary>
public sealed class ConsoleIo(HypervisorConsole console, XsmHooks xsm) : IHypercall
{
    const uint Write = 0, Read = 1;
    /// <summary>Longest single write accepted; longer ones are cut, as Xen does in chunks.</summary>
    const int MaxWrite = 4096;

    public uint Number => HypercallNumbers.ConsoleIo;

    public int Invoke(in HypercallContext call)
    {
        if (call.A0 is Write or Read)
        {
            int rc = xsm.ConsoleIo(call.Domain, write: call.A0 == Write);
            if (rc != 0) return rc;
        }
        switch (call.A0)
        {
            case Write:
                int count = (int)Math.Min(call.A1, MaxWrite);
                var buffer = new byte[count];
                if (!call.Domain.Memory.TryRead(call.A2, buffer)) return -Errno.EFAULT;
                console.GuestWrite(call.Domain.Id, buffer);
                return 0;
            case Read:
                return call.A1 > int.MaxValue ? -Errno.E2BIG : 0;
            default:
                return -Errno.ENOSYS;
        }
    }
}
