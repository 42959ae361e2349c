using System.Diagnostics;
using System.Text.RegularExpressions;
using Cloister.Hypervisor.Hypercalls;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>
/// The hypercall argument structures as arm-none-eabi-gcc lays them out (guests/minios/xen.h and
/// sysctl.h, from Xen 4.17's public sched.h, sysctl.h, domctl.h and arch-arm.h for arm32) against
/// the offsets the hypervisor uses.
/// gcc is the oracle: each offsetof/sizeof becomes a .word in its assembly output.
/// </summary>
public partial class AbiLayoutTests
{
    static readonly (string C, int Cs)[] Fields =
    [
        ("offsetof(struct xen_sysctl, u.readconsole.clear)", Sysctl.Layout.ReadConsoleClear),
        ("offsetof(struct xen_sysctl, u.readconsole.incremental)", Sysctl.Layout.ReadConsoleIncremental),
        ("offsetof(struct xen_sysctl, u.readconsole.index)", Sysctl.Layout.ReadConsoleIndex),
        ("offsetof(struct xen_sysctl, u.readconsole.buffer)", Sysctl.Layout.ReadConsoleBuffer),
        ("offsetof(struct xen_sysctl, u.readconsole.count)", Sysctl.Layout.ReadConsoleCount),
        ("offsetof(struct xen_sysctl, u.physinfo.threads_per_core)", Sysctl.Layout.PhysThreadsPerCore),
        ("offsetof(struct xen_sysctl, u.physinfo.cores_per_socket)", Sysctl.Layout.PhysCoresPerSocket),
        ("offsetof(struct xen_sysctl, u.physinfo.nr_cpus)", Sysctl.Layout.PhysNrCpus),
        ("offsetof(struct xen_sysctl, u.physinfo.max_cpu_id)", Sysctl.Layout.PhysMaxCpuId),
        ("offsetof(struct xen_sysctl, u.physinfo.nr_nodes)", Sysctl.Layout.PhysNrNodes),
        ("offsetof(struct xen_sysctl, u.physinfo.max_node_id)", Sysctl.Layout.PhysMaxNodeId),
        ("offsetof(struct xen_sysctl, u.physinfo.cpu_khz)", Sysctl.Layout.PhysCpuKhz),
        ("offsetof(struct xen_sysctl, u.physinfo.capabilities)", Sysctl.Layout.PhysCapabilities),
        ("offsetof(struct xen_sysctl, u.physinfo.total_pages)", Sysctl.Layout.PhysTotalPages),
        ("offsetof(struct xen_sysctl, u.physinfo.free_pages)", Sysctl.Layout.PhysFreePages),
        ("offsetof(struct xen_sysctl, u.physinfo.max_mfn)", Sysctl.Layout.PhysMaxMfn),
        ("offsetof(struct xen_sysctl, u.sched_id.sched_id)", Sysctl.Layout.SchedIdValue),
        ("offsetof(struct xen_sysctl, u.getdomaininfolist.first_domain)", Sysctl.Layout.ListFirstDomain),
        ("offsetof(struct xen_sysctl, u.getdomaininfolist.max_domains)", Sysctl.Layout.ListMaxDomains),
        ("offsetof(struct xen_sysctl, u.getdomaininfolist.buffer)", Sysctl.Layout.ListBuffer),
        ("offsetof(struct xen_sysctl, u.getdomaininfolist.num_domains)", Sysctl.Layout.ListNumDomains),
        ("sizeof(struct xen_sysctl)", Sysctl.Size),
        ("offsetof(struct xen_domctl_getdomaininfo, domain)", DomainInfo.Domain),
        ("offsetof(struct xen_domctl_getdomaininfo, flags)", DomainInfo.Flags),
        ("offsetof(struct xen_domctl_getdomaininfo, tot_pages)", DomainInfo.TotPages),
        ("offsetof(struct xen_domctl_getdomaininfo, max_pages)", DomainInfo.MaxPages),
        ("offsetof(struct xen_domctl_getdomaininfo, shared_info_frame)", DomainInfo.SharedInfoFrame),
        ("offsetof(struct xen_domctl_getdomaininfo, cpu_time)", DomainInfo.CpuTime),
        ("offsetof(struct xen_domctl_getdomaininfo, nr_online_vcpus)", DomainInfo.NrOnlineVcpus),
        ("offsetof(struct xen_domctl_getdomaininfo, max_vcpu_id)", DomainInfo.MaxVcpuId),
        ("offsetof(struct xen_domctl_getdomaininfo, ssidref)", DomainInfo.SsidRef),
        ("offsetof(struct xen_domctl_getdomaininfo, handle)", DomainInfo.Handle),
        ("offsetof(struct xen_domctl_getdomaininfo, cpupool)", DomainInfo.CpuPool),
        ("offsetof(struct xen_domctl_getdomaininfo, gpaddr_bits)", DomainInfo.GpaddrBits),
        ("offsetof(struct xen_domctl_getdomaininfo, arch_config)", DomainInfo.ArchConfig),
        ("sizeof(struct xen_domctl_getdomaininfo)", (int)DomainInfo.Size),
        ("offsetof(struct sched_poll, ports)", SchedOp.PollLayout.Ports),
        ("offsetof(struct sched_poll, nr_ports)", SchedOp.PollLayout.NrPorts),
        ("offsetof(struct sched_poll, timeout)", SchedOp.PollLayout.Timeout),
        ("sizeof(struct sched_poll)", SchedOp.PollLayout.Size),
        ("offsetof(struct sched_remote_shutdown, domain_id)", SchedOp.RemoteShutdownLayout.DomainId),
        ("offsetof(struct sched_remote_shutdown, reason)", SchedOp.RemoteShutdownLayout.Reason),
        ("sizeof(struct sched_remote_shutdown)", SchedOp.RemoteShutdownLayout.Size),
        ("offsetof(struct xen_memory_reservation, extent_start)", MemoryReservation.Layout.ExtentStart),
        ("offsetof(struct xen_memory_reservation, nr_extents)", MemoryReservation.Layout.NrExtents),
        ("offsetof(struct xen_memory_reservation, extent_order)", MemoryReservation.Layout.ExtentOrder),
        ("offsetof(struct xen_memory_reservation, mem_flags)", MemoryReservation.Layout.MemFlags),
        ("offsetof(struct xen_memory_reservation, domid)", MemoryReservation.Layout.DomId),
        ("sizeof(struct xen_memory_reservation)", MemoryReservation.Layout.Size),
    ];

    [Fact]
    public void Offsets_match_what_arm_none_eabi_gcc_makes_of_the_header()
    {
        string dir = Directory.CreateTempSubdirectory("cloister-layout-").FullName;
        try
        {
            string source = Path.Combine(dir, "layout.c");
            File.WriteAllText(source, "#include <stddef.h>\n#include \"xen.h\"\n#include \"sysctl.h\"\nconst unsigned layout[] = {\n"
                                      + string.Join(",\n", Fields.Select(f => f.C)) + "\n};\n");
            string runtime = Path.Combine(RepositoryRoot.Path, "guests", "minios");
            var psi = new ProcessStartInfo("arm-none-eabi-gcc", ["-mcpu=arm926ej-s", "-marm", "-I", runtime, "-S", "-o", "-", source])
                { RedirectStandardOutput = true, RedirectStandardError = true };
            using var gcc = Process.Start(psi)!;
            string assembly = gcc.StandardOutput.ReadToEnd();
            string errors = gcc.StandardError.ReadToEnd();
            gcc.WaitForExit();
            Assert.True(gcc.ExitCode == 0, errors);
            var words = Word().Matches(assembly).Select(m => int.Parse(m.Groups[1].Value)).ToArray();
            Assert.Equal(Fields.Length, words.Length);
            for (int i = 0; i < Fields.Length; i++)
                Assert.True(words[i] == Fields[i].Cs, $"{Fields[i].C}: gcc {words[i]}, hypervisor {Fields[i].Cs}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [GeneratedRegex(@"^\s*\.word\s+(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Word();
}
