using System.Globalization;
using Cloister.Arm;

namespace Cloister.Cli.Machine;

/// <summary>A -serial choice.</summary>
public sealed record SerialSpec(string Kind, string? Path = null);

/// <summary>QEMU's command line for `cloister machine`, parsed (no side effects).</summary>
public sealed class MachineArguments
{
    public bool Help { get; private set; }
    public bool ListMachines { get; private set; }
    public bool ListCpus { get; private set; }
    public string Machine { get; private set; } = "versatilepb";
    public string? Cpu { get; private set; }
    public ulong? RamSize { get; private set; }
    public string? Kernel { get; private set; }
    public string? Initrd { get; private set; }
    public string? Append { get; private set; }
    public string? Dtb { get; private set; }
    public bool NoGraphic { get; private set; }
    public List<SerialSpec> Serial { get; } = [];
    public bool Semihosting { get; private set; }
    public List<string> SemihostingArgs { get; } = [];
    public bool NoReboot { get; private set; }
    public LogFlags LogMask { get; private set; }
    public string? LogFile { get; private set; }
    public int IcountShift { get; private set; }
    /// <summary>-smp: number of CPUs (the board checks its maximum).</summary>
    public int Smp { get; private set; } = 1;
    public List<string> Warnings { get; } = [];

    /// <summary>Options taking a value, by every spelling QEMU accepts (one or two dashes).</summary>
    static readonly HashSet<string> WithValue =
    [
        "M", "machine", "cpu", "m", "kernel", "initrd", "append", "dtb", "serial", "d", "D", "icount",
        "monitor", "display", "semihosting-config", "net", "nic", "smp", "name", "vga", "audiodev", "rtc", "accel",
    ];

    /// <summary>QEMU's -smp [cpus=]N[,sockets=S][,cores=C][,threads=T][,maxcpus=M]: the CPU count
    /// is N, or the product of the topology when N is not given.</summary>
    public static int ParseSmp(string value)
    {
        int? cpus = null;
        long topology = 1;
        bool haveTopology = false;
        foreach (var (part, index) in value.Split(',').Select((p, i) => (p, i)))
        {
            string key = "cpus", number = part;
            int eq = part.IndexOf('=');
            if (eq >= 0) { key = part[..eq]; number = part[(eq + 1)..]; }
            else if (index > 0) throw new UsageException($"-smp {value}: expected KEY=VALUE after the first item");
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1)
                throw new UsageException($"-smp {value}: '{key}' expects a number greater than zero");
            switch (key)
            {
                case "cpus": cpus = n; break;
                case "sockets": case "cores": case "threads": case "dies": topology *= n; haveTopology = true; break;
                case "maxcpus": break;
                default: throw new UsageException($"-smp {value}: unknown parameter '{key}'");
            }
        }
        if (cpus is null && haveTopology) cpus = (int)Math.Min(topology, int.MaxValue);
        return cpus ?? 1;
    }

    public static MachineArguments Parse(IReadOnlyList<string> args)
    {
        var a = new MachineArguments();
        for (int i = 0; i < args.Count; i++)
        {
            string raw = args[i];
            if (!raw.StartsWith('-') || raw == "-")
                throw new UsageException($"unexpected argument '{raw}' (disk images are not supported)");
            string opt = raw.StartsWith("--") ? raw[2..] : raw[1..];
            string? value = null;
            if (WithValue.Contains(opt))
            {
                if (i + 1 >= args.Count) throw new UsageException($"{raw}: requires an argument");
                value = args[++i];
            }
            switch (opt)
            {
                case "h": case "help": a.Help = true; break;
                case "M": case "machine": a.ParseMachine(value!); break;
                case "cpu":
                    if (value is "help" or "?") a.ListCpus = true;
                    else a.Cpu = value!.Split(',')[0];
                    break;
                case "m": a.RamSize = ParseRamSize(value!); break;
                case "kernel": a.Kernel = value; break;
                case "initrd": a.Initrd = value; break;
                case "append": a.Append = value; break;
                case "dtb": a.Dtb = value; break;
                case "nographic": a.NoGraphic = true; break;
                case "serial": a.Serial.Add(ParseSerial(value!)); break;
                case "semihosting": a.Semihosting = true; break;
                case "semihosting-config": a.ParseSemihostingConfig(value!); break;
                case "no-reboot": a.NoReboot = true; break;
                case "no-shutdown": break;
                case "d": a.LogMask |= ParseLogItems(value!); break;
                case "D": a.LogFile = value; break;
                case "icount": a.IcountShift = ParseIcount(value!); break;
                case "monitor":
                    if (value is not ("none" or "stdio" or "null"))
                        a.Warnings.Add($"-monitor {value}: there is no monitor; ignored");
                    break;
                case "display":
                    if (value != "none") a.Warnings.Add($"-display {value}: there is no display; ignored");
                    break;
                case "vga": case "audiodev": case "name": break;
                case "net": case "nic":
                    if (value != "none") a.Warnings.Add($"{raw} {value}: networking is not emulated; ignored");
                    break;
                case "smp": a.Smp = ParseSmp(value!); break;
                case "accel":
                    if (!value!.StartsWith("tcg", StringComparison.Ordinal))
                        throw new UsageException($"-accel {value}: only tcg is available");
                    break;
                case "rtc":
                    a.Warnings.Add($"-rtc {value}: ignored (the RTC starts at host UTC time and follows virtual time)");
                    break;
                case "s": case "S": case "gdb":
                    throw new UsageException($"{raw}: the GDB stub is not supported yet");
                default:
                    throw new UsageException($"{raw}: invalid option");
            }
        }
        if (a.Kernel is null)
        {
            if (a.Append is not null) throw new UsageException("-append only allowed with -kernel option");
            if (a.Initrd is not null) throw new UsageException("-initrd only allowed with -kernel option");
            if (a.Dtb is not null) throw new UsageException("-dtb only allowed with -kernel option");
        }
        return a;
    }

    void ParseMachine(string value)
    {
        foreach (var part in value.Split(','))
        {
            if (part.Length == 0) continue;
            int eq = part.IndexOf('=');
            if (eq < 0)
            {
                if (part is "help" or "?") ListMachines = true;
                else Machine = part;
                continue;
            }
            string key = part[..eq], val = part[(eq + 1)..];
            switch (key)
            {
                case "type": Machine = val; break;
                case "accel":
                    if (!val.StartsWith("tcg", StringComparison.Ordinal)) throw new UsageException($"-machine accel={val}: only tcg is available");
                    break;
                case "dtb": Dtb = val; break;
                case "kernel": Kernel = val; break;
                case "initrd": Initrd = val; break;
                case "append": Append = val; break;
                default:
                    Warnings.Add($"-machine {key}={val}: property not supported; ignored");
                    break;
            }
        }
    }

    void ParseSemihostingConfig(string value)
    {
        foreach (var part in value.Split(','))
        {
            int eq = part.IndexOf('=');
            string key = eq < 0 ? part : part[..eq], val = eq < 0 ? "" : part[(eq + 1)..];
            switch (key)
            {
                case "enable": Semihosting = val is "on" or "yes" or "true" or ""; break;
                case "target":
                    if (val is not ("native" or "auto")) throw new UsageException($"-semihosting-config target={val}: only native is supported");
                    break;
                case "arg": SemihostingArgs.Add(val); break;
                case "userspace": case "chardev":
                    Warnings.Add($"-semihosting-config {key}: not supported; ignored");
                    break;
                default:
                    throw new UsageException($"-semihosting-config: invalid parameter '{key}'");
            }
        }
    }

    /// <summary>QEMU's size syntax: a number (fractions allowed), optional suffix B/K/M/G/T (default M);
    /// also "size=...". Rounded up to 8 KiB as QEMU does.</summary>
    public static ulong ParseRamSize(string value)
    {
        string v = value;
        foreach (var part in value.Split(','))
        {
            if (part.StartsWith("size=", StringComparison.Ordinal)) v = part[5..];
            else if (part.StartsWith("slots=", StringComparison.Ordinal) || part.StartsWith("maxmem=", StringComparison.Ordinal)) continue;
            else v = part;
        }
        if (v.Length == 0) throw new UsageException($"-m {value}: invalid RAM size");
        ulong unit = 1ul << 20;
        char last = char.ToUpperInvariant(v[^1]);
        int shift = last switch { 'B' => 0, 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, _ => -1 };
        string number = v;
        if (shift >= 0)
        {
            unit = 1ul << shift;
            number = v[..^1];
        }
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) || n < 0)
            throw new UsageException($"-m {value}: invalid RAM size");
        decimal bytes = n * unit;
        if (bytes >= (decimal)ulong.MaxValue) throw new UsageException($"-m {value}: RAM size too large");
        ulong size = (ulong)decimal.Floor(bytes);
        if (size == 0) throw new UsageException($"-m {value}: RAM size must be greater than 0");
        return (size + 8191) & ~8191ul;
    }

    static SerialSpec ParseSerial(string value)
    {
        if (value is "stdio" or "mon:stdio") return new SerialSpec("stdio");
        if (value is "null" or "none") return new SerialSpec("null");
        if (value.StartsWith("file:", StringComparison.Ordinal) && value.Length > 5) return new SerialSpec("file", value[5..]);
        throw new UsageException($"-serial {value}: unsupported backend (use stdio, null or file:PATH)");
    }

    static readonly string[] IgnoredLogItems =
        ["out_asm", "op", "op_opt", "op_ind", "exec", "cpu", "fpu", "mmu", "pcall", "cpu_reset", "nochain", "page",
         "strace", "plugin", "tid", "op_plugin", "trace"];

    public static LogFlags ParseLogItems(string value)
    {
        var flags = LogFlags.None;
        foreach (var item in value.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            flags |= item switch
            {
                "in_asm" => LogFlags.InAsm,
                "int" => LogFlags.Interrupts,
                "unimp" => LogFlags.Unimplemented,
                "guest_errors" => LogFlags.GuestErrors,
                _ when IgnoredLogItems.Contains(item) || item.StartsWith("trace:", StringComparison.Ordinal) => LogFlags.None,
                _ => throw new UsageException($"-d {value}: unknown log item '{item}' (supported: in_asm, int, unimp, guest_errors)"),
            };
        }
        return flags;
    }

    static int ParseIcount(string value)
    {
        int? shift = null;
        foreach (var part in value.Split(','))
        {
            int eq = part.IndexOf('=');
            string key = eq < 0 ? "shift" : part[..eq], val = eq < 0 ? part : part[(eq + 1)..];
            switch (key)
            {
                case "shift":
                    if (val == "auto") { shift = 0; break; }
                    if (!int.TryParse(val, NumberStyles.None, CultureInfo.InvariantCulture, out int s) || s > 10)
                        throw new UsageException($"-icount {value}: shift must be a number from 0 to 10 or 'auto'");
                    shift = s;
                    break;
                case "align": case "sleep": case "rr": case "rrfile": case "rrsnapshot":
                    break;
                default:
                    throw new UsageException($"-icount {value}: invalid parameter '{key}'");
            }
        }
        return shift ?? 0;
    }
}
