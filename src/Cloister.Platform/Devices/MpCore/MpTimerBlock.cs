using Cloister.Platform.Time;

namespace Cloister.Platform.Devices.MpCore;

/// <summary>
/// One CPU's private timer or watchdog, as QEMU 7.2 models both (hw/timer/arm_mptimer.c,
/// TimerBlock): Load 0x00, Counter 0x04, Control 0x08 (enable, auto-reload, IRQ enable,
/// prescaler [15:8]), Interrupt status 0x0C (write 1 to clear). The counter ticks every
/// 10 ns × (prescaler + 1), QEMU's fixed 100 MHz peripheral clock. QEMU uses the same block
/// for the watchdog: the watchdog-mode bit 3 is stored and read back but changes nothing,
/// and the watchdog reset status (0x10) and disable (0x14) registers read 0 and ignore writes.
/// </summary>
public sealed class MpTimerBlock
{
    public const uint CtrlEnable = 1 << 0, CtrlAutoReload = 1 << 1, CtrlIrqEnable = 1 << 2;
    const uint PrescalerMask = 0xFF00;

    // QEMU's ptimer policy for this block: wrap to the load value one period after reaching 0,
    // keep firing each period with load 0, never fire or reload at once on a write of 0.
    const PtimerPolicy Policy = PtimerPolicy.WrapAfterOnePeriod | PtimerPolicy.ContinuousTrigger |
        PtimerPolicy.NoImmediateTrigger | PtimerPolicy.NoImmediateReload | PtimerPolicy.NoCounterRoundDown;

    readonly DownCounter counter;

    public MpTimerBlock(VirtualClock clock, string name, Logger log)
    {
        counter = new DownCounter(clock, name, OnExpiry, log, Policy);
        Reset();
    }

    public IrqLine Irq { get; } = new();
    public uint Control { get; private set; }
    /// <summary>The interrupt status flag (the event flag of the TRM).</summary>
    public bool Status { get; private set; }
    public uint Load => (uint)counter.Limit;
    public uint Counter => (uint)counter.Count;

    static long TickNs(uint control) => (((control >> 8) & 0xFF) + 1) * 10;

    static bool PrescalerZero(uint control) => (control & PrescalerMask) == 0;

    public void Reset()
    {
        Control = 0;
        Status = false;
        counter.Stop();
        counter.SetLimit(0, true);
        counter.SetPeriodNs(TickNs(0));
        Irq.Lower(); // QEMU leaves the wire to the GIC's own reset; lowering it keeps both sides in step
    }

    void UpdateIrq() => Irq.Set(Status && (Control & CtrlIrqEnable) != 0);

    void OnExpiry()
    {
        // auto-reload with load 0 and no prescaler stops after one interrupt; with a prescaler
        // it fires once per period (continuous trigger)
        if ((Control & CtrlAutoReload) != 0 && PrescalerZero(Control) && counter.Limit == 0) counter.Stop();
        Status = true;
        UpdateIrq();
    }

    /// <summary>An auto-reload timer with no prescaler reloads a written 0 from Load at once.</summary>
    void SetCount(uint control, ref ulong count)
    {
        if ((control & (CtrlEnable | CtrlAutoReload)) == (CtrlEnable | CtrlAutoReload) && PrescalerZero(control) && count == 0)
            count = counter.Limit;
        counter.SetCount(count);
    }

    /// <summary>Starts the counter if enabled, unless it would count from 0 with no prescaler.</summary>
    void RunIfEnabled(uint control, ulong count)
    {
        if ((control & CtrlEnable) != 0 && (!PrescalerZero(control) || count != 0))
            counter.Run((control & CtrlAutoReload) == 0);
    }

    public uint Read(uint offset) => offset switch
    {
        0x00 => Load,
        0x04 => Counter,
        0x08 => Control,
        0x0C => Status ? 1u : 0u,
        _ => 0, // watchdog reset status, watchdog disable, reserved: QEMU reads 0 silently
    };

    public void Write(uint offset, uint value)
    {
        uint control = Control;
        switch (offset)
        {
            case 0x00: // Load: also restarts the count from the new value
                if ((control & CtrlEnable) != 0 && PrescalerZero(control) && value == 0) counter.Stop();
                counter.SetLimit(value, true);
                RunIfEnabled(control, value);
                break;
            case 0x04: // Counter
            {
                // writing 0 stops a one-shot timer (or an auto-reload one with load 0) without an interrupt
                if ((control & CtrlEnable) != 0 && PrescalerZero(control) && value == 0 &&
                    ((control & CtrlAutoReload) == 0 || counter.Limit == 0))
                    counter.Stop();
                ulong count = value;
                SetCount(control, ref count);
                RunIfEnabled(control, count);
                break;
            }
            case 0x08: // Control
                if ((control & 3) != (value & 3)) counter.Stop();
                if ((control & PrescalerMask) != (value & PrescalerMask)) counter.SetPeriodNs(TickNs(value));
                if ((value & CtrlEnable) != 0)
                {
                    ulong count = counter.Count;
                    if ((value & CtrlAutoReload) != 0 && count == 0) SetCount(value, ref count);
                    RunIfEnabled(value, count);
                }
                Control = value; // as QEMU: the IRQ line follows at the next expiry or status write
                break;
            case 0x0C: // Interrupt status: write 1 to clear
                if ((value & 1) != 0) Status = false;
                UpdateIrq();
                break;
            // 0x10 watchdog reset status, 0x14 watchdog disable: QEMU ignores them
        }
    }
}
