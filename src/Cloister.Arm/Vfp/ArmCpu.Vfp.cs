using Cloister.Arm.Vfp;

namespace Cloister.Arm;

// The VFP coprocessor's state (cp10/cp11). Its instructions live in Vfp/.
public sealed unsafe partial class ArmCpu
{
    internal readonly VfpState Vfp = new();
}
