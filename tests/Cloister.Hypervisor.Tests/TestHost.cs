using Cloister.Hypervisor.Boot;
using Cloister.Hypervisor.Console;
using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Drivers;
using Cloister.Hypervisor.Memory;
using Cloister.Hypervisor.Xsm;
using Cloister.Platform.Bus;

namespace Cloister.Hypervisor.Tests;

/// <summary>The hypervisor's host side for hypercall unit tests, without a CPU: RAM from 0, every
/// frame above the first 64 KiB for the allocator, and a domain manager whose console is a PL011
/// at Versatile/PB's UART0 address (nothing reads it).</summary>
sealed class TestHost
{
    public readonly PhysicalBus Bus;
    public readonly MachineMemory Machine;
    public readonly FrameAllocator Frames;
    public readonly DomainManager Domains;

    public TestHost(uint ramBytes, bool ignoreTransactionFailures = false)
    {
        Bus = new PhysicalBus(0, ramBytes) { IgnoreTransactionFailures = ignoreTransactionFailures };
        Machine = new MachineMemory(Bus);
        Frames = new FrameAllocator(Machine, [new MemoryBank(0x10000, ramBytes - 0x10000)]);
        Domains = new DomainManager(Machine, Frames, new HypervisorConsole(new Pl011Console(Bus, 0x101F1000)), 0, 0xFFF00000);
    }

    public static string ProjectPolicy => System.IO.Path.Combine(RepositoryRoot.Path, "policy", "cloister.30");

    /// <summary>XSM hooks enforcing the project's policy, each audit line added to <paramref name="audit"/>.</summary>
    public static XsmHooks EnforcingXsm(List<string> audit)
    {
        var xsm = new XsmHooks(FlaskMode.Enforcing, audit.Add);
        if (!xsm.LoadPolicy(File.ReadAllBytes(ProjectPolicy), out string error)) throw new InvalidOperationException(error);
        return xsm;
    }

    /// <summary>Gives a domain the label system_u:system_r:TYPE, as the domain builder does.</summary>
    public static void Label(XsmHooks xsm, Domain d, string type)
    {
        if (!xsm.LabelDomain($"system_u:system_r:{type}", out uint sid, out uint selfSid, out string error))
            throw new InvalidOperationException(error);
        d.Sid = sid;
        d.SelfSid = selfSid;
    }

    /// <summary>Where a domain from <see cref="CreateGuest"/> has nothing: its top page below the
    /// rings. Tests put hypercall arguments there.</summary>
    public const uint FreeGuestPage = 0xFB000;

    /// <summary>A real domain (1 MiB, shared_info, vCPUs) built from guests/hostile/bin/accomplice.elf
    /// and never run: for calling hypercalls on it directly.</summary>
    public Domain CreateGuest(string name, int vcpus = 1)
    {
        var kernel = File.ReadAllBytes(System.IO.Path.Combine(RepositoryRoot.Path, "guests", "hostile", "bin", "accomplice.elf"));
        return Domains.Create(new DomainConfig(name, 1, "", kernel, "accomplice.elf", Vcpus: vcpus));
    }
}
