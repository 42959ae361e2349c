using System.Text;
using Cloister.Arm;

namespace Cloister.Vfp.Tests.Harness;

/// <summary>The two ARM semihosting calls the test programs use (SVC 0x123456 in ARM state):
/// SYS_WRITE0 (4) and SYS_EXIT (0x18). Anything else the CPU takes normally.</summary>
public sealed class SemihostingHook : IExceptionHook
{
    const uint SysWrite0 = 4, SysExit = 0x18;

    public StringBuilder Output { get; } = new();
    public bool Exited { get; private set; }
    public uint ExitReason { get; private set; }

    public bool OnException(ArmCpu cpu, ArmException kind)
    {
        if (kind != ArmException.SupervisorCall || cpu.Thumb) return false;
        uint pc = cpu.Pc;
        Span<byte> insn = stackalloc byte[4];
        if (!cpu.ReadVirtual(pc, insn) || (BitConverter.ToUInt32(insn) & 0x00FFFFFF) != 0x123456) return false;

        switch (cpu.GetRegister(0))
        {
            case SysWrite0:
                uint p = cpu.GetRegister(1);
                Span<byte> b = stackalloc byte[1];
                while (cpu.ReadVirtual(p++, b) && b[0] != 0) Output.Append((char)b[0]);
                break;
            case SysExit:
                Exited = true;
                ExitReason = cpu.GetRegister(1);
                break;
        }
        cpu.Pc = pc + 4;
        return true;
    }
}
