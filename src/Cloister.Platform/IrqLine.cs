namespace Cloister.Platform;

/// <summary>Something with numbered level-sensitive interrupt inputs (a controller, a CPU).</summary>
public interface IIrqSink
{
    void SetInput(int line, bool level);
}

/// <summary>
/// A wire from a device's interrupt output to one input of a controller. Level-sensitive:
/// the device drives it high or low; the controller sees every change. An unconnected line
/// goes nowhere (QEMU's NULL qemu_irq).
/// </summary>
public sealed class IrqLine
{
    IIrqSink? sink;
    int input;

    public IrqLine() { }

    public IrqLine(IIrqSink sink, int input) => Connect(sink, input);

    public bool Level { get; private set; }

    public bool Connected => sink is not null;

    public void Connect(IIrqSink target, int line)
    {
        sink = target;
        input = line;
        if (Level) sink.SetInput(input, true);
    }

    public void Set(bool level)
    {
        Level = level;
        sink?.SetInput(input, level);
    }

    public void Raise() => Set(true);

    public void Lower() => Set(false);
}
