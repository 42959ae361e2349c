using System.Text;

namespace Cloister.Hypervisor.Hypercalls;

/// <summary>xen_version (17): XENVER_version 0 returns major &lt;&lt; 16 | minor; extraversion 1 fills a
/// 16-byte string.</summary>
public sealed class XenVersion : IHypercall
{
    public const int Major = 4, Minor = 17;
    public const string Extra = "-cloister";
    const uint Version = 0, ExtraVersion = 1;

    public uint Number => HypercallNumbers.XenVersion;

    public int Invoke(in HypercallContext call)
    {
        switch (call.A0)
        {
            case Version:
                return (Major << 16) | Minor;
            case ExtraVersion:
                var bytes = new byte[16];
                Encoding.ASCII.GetBytes(Extra).CopyTo(bytes, 0);
                return call.Domain.Memory.TryWrite(call.A1, bytes) ? 0 : -Errno.EFAULT;
            default:
                return -Errno.ENOSYS;
        }
    }
}
