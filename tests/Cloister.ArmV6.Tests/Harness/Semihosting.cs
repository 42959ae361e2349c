using System.Text;
using Cloister.Arm;

namespace Cloister.ArmV6.Tests.Harness;

/// <summary>The ARM semihosting calls the test programs use: SYS_WRITEC (3), SYS_WRITE0 (4) and SYS_EXIT
/// (0x18), through SVC 0x123456 (ARM) or SVC 0xAB (Thumb), like QEMU's -semihosting.</summary>
public sealed class Semihosting : IExceptionHook
{
    public StringBuilder Output { get; } = new();
    public bool Exited { get; private set; }
    public uint ExitReason { get; private set; }

    public bool OnException(ArmCpu cpu, ArmException kind)
    {
        if (kind != ArmException.SupervisorCall) return false;
        uint pc = cpu.Pc;
        Span<byte> b = stackalloc byte[4];
        if (cpu.Thumb)
        {
            if (!cpu.ReadVirtual(pc, b[..2]) || BitConverter.ToUInt16(b) != 0xDFAB) return false;
        }
        else
        {
            if (!cpu.ReadVirtual(pc, b) || (BitConverter.ToUInt32(b) & 0x0FFFFFFF) != 0x0F123456) return false;
        }
        uint op = cpu.GetRegister(0), arg = cpu.GetRegister(1);
        switch (op)
        {
            case 3:
                if (cpu.ReadVirtual(arg, b[..1])) Output.Append((char)b[0]);
                break;
            case 4:
                for (uint a = arg; cpu.ReadVirtual(a, b[..1]) && b[0] != 0; a++) Output.Append((char)b[0]);
                break;
            case 0x18:
                Exited = true;
                ExitReason = arg;
                cpu.RequestExit();
                break;
            default:
                cpu.SetRegister(0, unchecked((uint)-1));
                break;
        }
        cpu.Pc = pc + (cpu.Thumb ? 2u : 4u);
        return true;
    }
}
