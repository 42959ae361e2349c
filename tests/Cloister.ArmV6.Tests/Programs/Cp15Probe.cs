using System.Text;

namespace Cloister.ArmV6.Tests.Programs;

/// <summary>
/// Reads CP15 registers all over the encoding space and records, for each, the value read and whether
/// the MRC was UNDEFINED; then writes all-ones and zero to the writable registers software uses and reads
/// them back; then probes the User-mode-visible space from User mode. QEMU's answers define the map.
/// </summary>
public static class Cp15Probe
{
    static readonly (string Name, int Crn, int Crm, int Opc1, int Opc2)[] Writable =
    [
        ("AUXCR", 1, 0, 0, 1), ("CPACR", 1, 0, 0, 2), ("TTBR0", 2, 0, 0, 0), ("TTBR1", 2, 0, 0, 1), ("TTBCR", 2, 0, 0, 2),
        ("DACR", 3, 0, 0, 0), ("DFSR", 5, 0, 0, 0), ("IFSR", 5, 0, 0, 1), ("DFAR", 6, 0, 0, 0), ("WFAR", 6, 0, 0, 1),
        ("IFAR", 6, 0, 0, 2), ("PAR", 7, 4, 0, 0), ("DLOCKDOWN", 9, 0, 0, 0), ("ILOCKDOWN", 9, 0, 0, 1),
        ("PRRR", 10, 2, 0, 0), ("CONTEXTIDR", 13, 0, 0, 1), ("TPIDRURW", 13, 0, 0, 2), ("TPIDRURO", 13, 0, 0, 3),
        ("TPIDRPRW", 13, 0, 0, 4), ("SDER", 1, 1, 0, 1), ("NSACR", 1, 1, 0, 2), ("VBAR", 12, 0, 0, 0),
        ("MVBAR", 12, 0, 0, 1), ("C15", 15, 0, 0, 0),
    ];

    public static TestProgram Generate()
    {
        var s = new StringBuilder();
        var labels = new List<string>();
        s.Append($"""
                ldr r0, =0x{Frame.Handlers:x8}
                ldr r1, =probe_und
                str r1, [r0, #4]
                ldr r1, =probe_svc
                str r1, [r0, #8]
                ldr r11, =0x{Frame.Out:x8}

            """);
        int probes = 0;
        void Probe(string label, string insn)
        {
            labels.Add(label);
            s.Append($"    mov r12, #0\n    {insn}\n    stmia r11!, {{r0, r12}}\n");
            probes++;
            if (probes % 200 == 0) s.Append("    b 1f\n    .ltorg\n1:\n");
        }
        foreach (int opc1 in new[] { 0, 1, 2, 7 })
            for (int crn = 0; crn < 16; crn++)
                for (int crm = 0; crm < 16; crm++)
                    for (int opc2 = 0; opc2 < 8; opc2++)
                        Probe($"# mrc p15, {opc1}, c{crn}, c{crm}, {opc2}", $"mrc p15, {opc1}, r0, c{crn}, c{crm}, {opc2}");
        foreach (var (name, crn, crm, opc1, opc2) in Writable)
        {
            foreach (uint v in new uint[] { 0xFFFFFFFF, 0x12345678, 0 })
            {
                labels.Add($"# {name} write 0x{v:x8}, read back");
                s.Append($"    ldr r0, =0x{v:x8}\n    mov r12, #0\n    mcr p15, {opc1}, r0, c{crn}, c{crm}, {opc2}\n    mov r0, #0\n    mrc p15, {opc1}, r0, c{crn}, c{crm}, {opc2}\n    stmia r11!, {{r0, r12}}\n");
                probes++;
            }
        }
        s.Append("    b 1f\n    .ltorg\n1:\n");
        // User mode: the registers User code may reach.
        s.Append("    msr cpsr_c, #0x10\n");
        foreach (int crn in new[] { 0, 1, 7, 9, 13, 15 })
            for (int crm = 0; crm < 16; crm++)
                for (int opc2 = 0; opc2 < 8; opc2++)
                    Probe($"# user mrc p15, 0, c{crn}, c{crm}, {opc2}", $"mrc p15, 0, r0, c{crn}, c{crm}, {opc2}");
        foreach (var (name, crn, crm, opc2) in new[] { ("ISB", 7, 5, 4), ("DSB", 7, 10, 4), ("DMB", 7, 10, 5), ("TPIDRURW", 13, 0, 2), ("TPIDRURO", 13, 0, 3), ("CACHE", 7, 14, 0) })
        {
            labels.Add($"# user mcr {name}");
            s.Append($"    mov r0, #0x55\n    mov r12, #0\n    mcr p15, 0, r0, c{crn}, c{crm}, {opc2}\n    mrc p15, 0, r0, c13, c0, 2\n    stmia r11!, {{r0, r12}}\n");
            probes++;
        }
        s.Append($"""
                svc #1
            probe_und:
                mov r12, #1
                mov r0, #0
                movs pc, lr
            probe_svc:
                ldr r0, ={probes * 2}
                mov r1, #2
                b dump
                .ltorg

            """);
        return new TestProgram("cp15-probe", Frame.Wrap(s.ToString()), labels, probes * 2, 2);
    }
}
