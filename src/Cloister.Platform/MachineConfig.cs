using Cloister.Arm;
using Cloister.Platform.Devices;

namespace Cloister.Platform;

/// <summary>Everything QEMU's command line says about the machine to build and run.</summary>
public sealed class MachineConfig
{
    public string Board { get; set; } = "versatilepb";
    /// <summary>CPU model name; null = the board's default.</summary>
    public string? Cpu { get; set; }
    /// <summary>Number of CPUs (-smp).</summary>
    public int Smp { get; set; } = 1;
    /// <summary>Instructions each CPU runs per turn when there are several (deterministic
    /// round-robin; smaller = finer interleaving, more switching cost).</summary>
    public long SmpQuantum { get; set; } = 1000;
    /// <summary>RAM size in bytes; null = the board's default.</summary>
    public ulong? RamSize { get; set; }
    public string? Kernel { get; set; }
    public string? Initrd { get; set; }
    public string? Append { get; set; }
    public string? Dtb { get; set; }
    public bool Semihosting { get; set; }
    /// <summary>Extra semihosting arguments (-semihosting-config arg=...); empty = kernel + append.</summary>
    public List<string> SemihostingArgs { get; } = [];
    public bool NoReboot { get; set; }
    /// <summary>-icount shift: each instruction is 2^shift ns.</summary>
    public int IcountShift { get; set; }
    public LogFlags LogMask { get; set; }
    /// <summary>Where -d lines go (stderr or the -D file).</summary>
    public Action<string>? LogSink { get; set; }
    /// <summary>Serial port backends in order (serial0 = UART0); missing ones are null sinks.</summary>
    public List<ICharBackend> Serial { get; } = [];
    /// <summary>Host wall-clock time for the RTC at start (Unix seconds); null = now.</summary>
    public uint? RtcStartSeconds { get; set; }
    /// <summary>Where the semihosting console (SYS_WRITEC/WRITE0) goes: QEMU sends it to stderr.
    /// Null = discarded.</summary>
    public ICharBackend? SemihostingConsole { get; set; }
    /// <summary>The host's stdout, for ":tt" opened for writing; null = serial 0's backend.</summary>
    public ICharBackend? HostStdout { get; set; }
    /// <summary>The host's stderr, for ":tt" opened for append; null = the semihosting console.</summary>
    public ICharBackend? HostStderr { get; set; }
    /// <summary>Whether the host's stdin / stdout / stderr are terminals (SYS_ISTTY on ":tt").</summary>
    public bool HostStdinIsTty { get; set; }
    public bool HostStdoutIsTty { get; set; }
    public bool HostStderrIsTty { get; set; }
    /// <summary>Where semihosting console input (SYS_READC, reads from ":tt") comes from.</summary>
    public IHostInput? SemihostingInput { get; set; }
}
