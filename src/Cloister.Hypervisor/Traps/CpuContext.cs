using Cloister.Arm;
using Cloister.Hypervisor.Domains;

namespace Cloister.Hypervisor.Traps;

/// <summary>Moves a vCPU's user-mode registers between the physical CPU and its save area.</summary>
public static class CpuContext
{
    public const uint UserMode = 0x10;

    public static void Save(ArmCpu cpu, Vcpu vcpu)
    {
        for (int i = 0; i < 15; i++) vcpu.Registers[i] = cpu.GetRegister(i);
        vcpu.Pc = cpu.Pc;
        vcpu.Cpsr = cpu.Cpsr;
    }

    public static void Load(ArmCpu cpu, Vcpu vcpu)
    {
        // Guests always run in USR mode with interrupts enabled; only their flags are theirs.
        cpu.Cpsr = (vcpu.Cpsr & 0xF8000000) | UserMode;
        for (int i = 0; i < 15; i++) cpu.SetRegister(i, vcpu.Registers[i]);
        cpu.Pc = vcpu.Pc;
    }
}
