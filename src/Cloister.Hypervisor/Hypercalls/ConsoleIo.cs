using Cloister.Hypervisor.Console;

namespace Cloister.Hypervisor.Hypercalls;

/// <summary>console_io (18): CONSOLEIO_write 0 prints the guest's bytes; read 1 returns none yet.</summary>
public sealed class ConsoleIo(HypervisorConsole console) : IHypercall
{
    const uint Write = 0, Read = 1;
    /// <summary>Longest single write accepted; longer ones are cut, as Xen does in chunks.</summary>
    const int MaxWrite = 4096;

    public uint Number => HypercallNumbers.ConsoleIo;

    public int Invoke(in HypercallContext call)
    {
        switch (call.A0)
        {
            case Write:
                int count = (int)Math.Min(call.A1, MaxWrite);
                var buffer = new byte[count];
                if (!call.Domain.Memory.TryRead(call.A2, buffer)) return -Errno.EFAULT;
                console.GuestWrite(call.Domain.Id, buffer);
                return 0;
            case Read:
                return 0;
            default:
                return -Errno.ENOSYS;
        }
    }
}
