using Cloister.Platform.Bus;

namespace Cloister.Platform.Devices.Gic;

/// <summary>
/// ARM Generic Interrupt Controller as QEMU's hw/intc/arm_gic.c models it for the ARM11 MPCore
/// (<see cref="GicRevision.Arm11MpCore"/>) and the RealView board GICs (<see cref="GicRevision.V1"/>,
/// no security extensions, so no interrupt groups and no FIQ). This class holds the state and
/// the interrupt logic; <see cref="GicDistributor"/> and <see cref="GicCpuInterface"/> are the
/// register windows.
/// </summary>
public sealed class ArmGic : IIrqSink
{
    /// <summary>QEMU's GIC_NCPU: per-CPU state and masks are always 8 wide.</summary>
    internal const int MaxCpus = 8;
    internal const int AllCpuMask = (1 << MaxCpus) - 1;
    internal const int Internal = 32;   // SGIs + PPIs, banked per CPU
    internal const int NumSgis = 16;
    internal const int Spurious = 1023;
    internal const int MaxIrq = 1020;   // QEMU's GIC_MAXIRQ
    internal const int IdlePriority = 0x100;
    const int NumAprs = 4;              // 128 preemption levels (GIC_MIN_BPR 0) in 32-bit words

    readonly Func<int> currentCpu;
    readonly GicCpuInterface[] cpuInterfaces;

    // Per interrupt: CPU bit masks (QEMU's gic_irq_state) and the distributor settings.
    internal readonly byte[] Enabled, Pending, Active, Level, Target;
    internal readonly bool[] Model, EdgeTrigger;
    internal readonly byte[,] PrivatePriority = new byte[Internal, MaxCpus];
    internal readonly byte[] SharedPriority;
    internal readonly byte[,] SgiPending = new byte[NumSgis, MaxCpus];

    // Per CPU interface.
    internal readonly int[] PriorityMask = new int[MaxCpus];
    internal readonly int[] RunningPriority = new int[MaxCpus];
    internal readonly int[] CurrentPending = new int[MaxCpus];
    internal readonly uint[] CpuControl = new uint[MaxCpus];
    internal readonly int[] BinaryPoint = new int[MaxCpus];
    readonly uint[,] activePriorities = new uint[NumAprs, MaxCpus];

    internal uint DistControl;

    /// <param name="priorityBits">Implemented priority bits; by default 4 for the 11MPCore
    /// (hw/cpu/arm11mpcore.c sets num-priority-bits 4) and 8 otherwise (QEMU's default).</param>
    public ArmGic(string name, int numCpus, int numIrq, GicRevision revision, Func<int> currentCpu, Logger log,
        int? priorityBits = null)
    {
        if (numCpus < 1 || numCpus > MaxCpus) throw new ArgumentOutOfRangeException(nameof(numCpus));
        // QEMU's realize rejects these too: ITLinesNumber is (numIrq / 32) - 1.
        if (numIrq < 32 || numIrq % 32 != 0 || numIrq > MaxIrq) throw new ArgumentOutOfRangeException(nameof(numIrq));
        Name = name;
        NumCpus = numCpus;
        NumIrq = numIrq;
        Revision = revision;
        Log = log;
        this.currentCpu = currentCpu;
        int bits = priorityBits ?? (revision == GicRevision.Arm11MpCore ? 4 : 8);
        if (bits < 4 || bits > 8) throw new ArgumentOutOfRangeException(nameof(priorityBits));
        PriorityFieldMask = (byte)(0xFF << (8 - bits));

        Enabled = new byte[numIrq];
        Pending = new byte[numIrq];
        Active = new byte[numIrq];
        Level = new byte[numIrq];
        Target = new byte[numIrq];
        Model = new bool[numIrq];
        EdgeTrigger = new bool[numIrq];
        SharedPriority = new byte[numIrq - Internal];

        Irq = new IrqLine[numCpus];
        for (int c = 0; c < numCpus; c++) Irq[c] = new IrqLine();
        Distributor = new GicDistributor(this);
        CpuInterfaceOfCurrent = new GicCpuInterface(this, null);
        cpuInterfaces = new GicCpuInterface[numCpus];
        for (int c = 0; c < numCpus; c++) cpuInterfaces[c] = new GicCpuInterface(this, c);
        Reset();
    }

    public string Name { get; }
    public int NumCpus { get; }
    public int NumIrq { get; }
    public GicRevision Revision { get; }
    internal Logger Log { get; }
    internal bool Is11MpCore => Revision == GicRevision.Arm11MpCore;

    /// <summary>The implemented bits of a priority field (QEMU's gic_fullprio_mask).</summary>
    internal byte PriorityFieldMask { get; }

    /// <summary>The distributor, a 4 KiB window. Its Reset resets the whole GIC.</summary>
    public IMmioDevice Distributor { get; }

    /// <summary>The CPU interface of whichever CPU makes the access.</summary>
    public IMmioDevice CpuInterfaceOfCurrent { get; }

    /// <summary>The CPU interface of one named CPU.</summary>
    public IMmioDevice CpuInterface(int cpu) => cpuInterfaces[cpu];

    /// <summary>IRQ output to each CPU.</summary>
    public IrqLine[] Irq { get; }

    /// <summary>The CPU making the access; a uniprocessor GIC always sees CPU 0, as QEMU's does.</summary>
    internal int CurrentCpu => NumCpus > 1 ? currentCpu() : 0;

    internal int GetPriority(int irq, int cpu) => irq < Internal ? PrivatePriority[irq, cpu] : SharedPriority[irq - Internal];

    internal void SetPriority(int irq, int cpu, int value)
    {
        byte v = (byte)(value & PriorityFieldMask);
        if (irq < Internal) PrivatePriority[irq, cpu] = v;
        else SharedPriority[irq - Internal] = v;
    }

    /// <summary>Pending as the CPUs in <paramref name="cm"/> see it: a GICv1 level-triggered
    /// interrupt is pending while its line is high, the 11MPCore only latches.</summary>
    internal bool TestPending(int irq, int cm) =>
        Is11MpCore
            ? (Pending[irq] & cm) != 0
            : (Pending[irq] & cm) != 0 || (!EdgeTrigger[irq] && (Level[irq] & cm) != 0);

    /// <summary>Inputs in QEMU's gpio numbering: SPIs first, then 32 private lines per CPU.</summary>
    public void SetInput(int line, bool level)
    {
        int cm, target, irq;
        if (line < NumIrq - Internal)
        {
            irq = line + Internal;
            cm = AllCpuMask;
            target = Target[irq];
        }
        else
        {
            int p = line - (NumIrq - Internal);
            int cpu = p / Internal;
            irq = p % Internal;
            if (cpu >= NumCpus || irq < NumSgis) throw new ArgumentOutOfRangeException(nameof(line), "no such GIC input");
            cm = 1 << cpu;
            target = cm;
        }
        if (level == ((Level[irq] & cm) != 0)) return;

        if (level)
        {
            Level[irq] |= (byte)cm;
            // The 11MPCore latches a rising level for enabled interrupts; GICv1 derives
            // level-triggered pending from the line itself (TestPending).
            if (EdgeTrigger[irq] || (Is11MpCore && (Enabled[irq] & cm) != 0))
                Pending[irq] |= (byte)target;
        }
        else
        {
            Level[irq] &= (byte)~cm;
        }
        Update();
    }

    /// <summary>Recomputes each CPU's highest-priority pending interrupt and its IRQ output.</summary>
    internal void Update()
    {
        for (int cpu = 0; cpu < NumCpus; cpu++)
        {
            int cm = 1 << cpu;
            CurrentPending[cpu] = Spurious;
            if ((DistControl & 1) == 0 || (CpuControl[cpu] & 1) == 0)
            {
                Irq[cpu].Set(false);
                continue;
            }
            int bestPrio = IdlePriority, bestIrq = Spurious;
            for (int irq = 0; irq < NumIrq; irq++)
            {
                if ((Enabled[irq] & cm) != 0 && TestPending(irq, cm) && (Active[irq] & cm) == 0
                    && (irq < Internal || (Target[irq] & cm) != 0))
                {
                    int prio = GetPriority(irq, cpu);
                    if (prio < bestPrio)
                    {
                        bestPrio = prio;
                        bestIrq = irq;
                    }
                }
            }
            bool raise = false;
            if (bestPrio < PriorityMask[cpu])
            {
                CurrentPending[cpu] = bestIrq;
                raise = bestPrio < RunningPriority[cpu];
            }
            Irq[cpu].Set(raise);
        }
    }

    /// <summary>Clears the pending state an acknowledge consumes: for all CPUs with the 1-N model
    /// (11MPCore config bit 0), else for this CPU only.</summary>
    void ClearPendingFor(int irq, int cpu) => Pending[irq] &= (byte)~(Model[irq] ? AllCpuMask : 1 << cpu);

    /// <summary>GICC_IAR read: activates the highest-priority pending interrupt.</summary>
    internal uint Acknowledge(int cpu)
    {
        int irq = CurrentPending[cpu];
        if (irq >= MaxIrq) return (uint)irq;
        if (GetPriority(irq, cpu) >= RunningPriority[cpu]) return Spurious;

        Activate(cpu, irq);
        uint ret = (uint)irq;
        if (!Is11MpCore && irq < NumSgis)
        {
            // GICv1 reports the lowest requesting CPU and keeps the SGI pending for the others.
            int sources = SgiPending[irq, cpu];
            int src = System.Numerics.BitOperations.TrailingZeroCount(sources);
            SgiPending[irq, cpu] = (byte)(sources & ~(1 << src));
            if (SgiPending[irq, cpu] == 0) ClearPendingFor(irq, cpu);
            ret |= (uint)(src & 7) << 10;
        }
        else
        {
            // The 11MPCore clears level-triggered interrupts too; EOI re-pends them if still high.
            ClearPendingFor(irq, cpu);
        }
        Update();
        return ret;
    }

    void Activate(int cpu, int irq)
    {
        int groupPriority = GetPriority(irq, cpu) & (int)(~0u << ((BinaryPoint[cpu] & 7) + 1));
        int level = groupPriority >> 1;
        activePriorities[level / 32, cpu] |= 1u << (level % 32);
        RunningPriority[cpu] = groupPriority;
        Active[irq] |= (byte)(1 << cpu);
    }

    /// <summary>GICC_EOIR write: priority drop and deactivation of <paramref name="irq"/>.</summary>
    internal void Complete(int cpu, int irq)
    {
        int cm = 1 << cpu;
        if (irq >= NumIrq) return; // spurious or nonexistent IDs are ignored
        if (RunningPriority[cpu] == IdlePriority) return; // nothing active

        if (Is11MpCore && !EdgeTrigger[irq] && (Enabled[irq] & cm) != 0 && (Level[irq] & cm) != 0
            && (Target[irq] & cm) != 0)
            Pending[irq] |= (byte)cm;

        DropPriority(cpu);
        Active[irq] &= (byte)~(irq < Internal ? cm : AllCpuMask);
        Update();
    }

    /// <summary>Clears the highest active priority (the lowest set bit) and recomputes the running
    /// priority from what is left; the guest is trusted to nest IAR and EOI properly.</summary>
    void DropPriority(int cpu)
    {
        for (int i = 0; i < NumAprs; i++)
        {
            uint apr = activePriorities[i, cpu];
            if (apr == 0) continue;
            activePriorities[i, cpu] = apr & (apr - 1);
            break;
        }
        RunningPriority[cpu] = IdlePriority;
        for (int i = 0; i < NumAprs; i++)
        {
            uint apr = activePriorities[i, cpu];
            if (apr == 0) continue;
            RunningPriority[cpu] = (i * 32 + System.Numerics.BitOperations.TrailingZeroCount(apr)) << 1;
            break;
        }
    }

    /// <summary>GICD_SGIR: raise SGI <paramref name="irq"/> from <paramref name="cpu"/> on the CPUs in
    /// <paramref name="mask"/>, remembering the source per target.</summary>
    internal void SendSgi(int cpu, int irq, int mask)
    {
        Pending[irq] |= (byte)mask;
        for (int t = 0; t < MaxCpus; t++)
            if ((mask & (1 << t)) != 0) SgiPending[irq, t] |= (byte)(1 << cpu);
        Update();
    }

    /// <summary>QEMU's arm_gic_common reset. The outputs drop as the CPUs' pending IRQ does.</summary>
    public void Reset()
    {
        Array.Clear(Enabled);
        Array.Clear(Pending);
        Array.Clear(Active);
        Array.Clear(Level);
        Array.Clear(Model);
        Array.Clear(EdgeTrigger);
        Array.Clear(PrivatePriority);
        Array.Clear(SharedPriority);
        Array.Clear(SgiPending);
        Array.Clear(activePriorities);
        for (int c = 0; c < MaxCpus; c++)
        {
            PriorityMask[c] = Is11MpCore ? 0xF0 : 0;
            CurrentPending[c] = Spurious;
            RunningPriority[c] = IdlePriority;
            CpuControl[c] = 0;
            BinaryPoint[c] = 0;
        }
        for (int i = 0; i < NumSgis; i++)
        {
            Enabled[i] = AllCpuMask;
            EdgeTrigger[i] = true;
        }
        // A uniprocessor GIC sends everything to its only CPU.
        Array.Fill(Target, (byte)(NumCpus == 1 ? 1 : 0));
        DistControl = 0;
        foreach (var line in Irq) line.Set(false);
    }
}
