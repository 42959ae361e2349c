namespace Cloister.Toolstack;

/// <summary>A domain as an xl.cfg file describes it, checked and with defaults applied.</summary>
public sealed record DomainSpec(
    string Name, int MemoryMiB, int Vcpus, string KernelPath, string? RamdiskPath, string CommandLine,
    string SecLabel, string OnPoweroff, string OnReboot, string OnCrash, string ConfigPath, int Weight = 256, int Cap = 0,
    IReadOnlyList<uint>? CpuMasks = null, int MaxMemMiB = 0)
{
    static readonly string[] KnownKeys =
        ["name", "memory", "maxmem", "vcpus", "cpus", "kernel", "ramdisk", "cmdline", "extra", "seclabel",
         "on_poweroff", "on_reboot", "on_crash", "cpu_weight", "cap", "type"];
    static readonly string[] Actions = ["destroy", "restart", "preserve", "rename-restart", "coredump-destroy", "coredump-restart"];

    /// <summary>Checks a parsed file; unknown keys go to <paramref name="warn"/>, invalid values throw.</summary>
    public static DomainSpec From(XlConfig cfg, Action<string> warn)
    {
        foreach (var key in cfg.Settings.Keys.Where(k => !KnownKeys.Contains(k)))
            warn($"{cfg.Path}:{cfg.LineOf(key)}: warning: unknown key '{key}' ignored");
        string name = cfg.RequireString("name");
        if (name.Length == 0 || name.Length > 64 || name.Any(c => char.IsControl(c) || c == '/'))
            throw new XlConfigException($"{cfg.Path}:{cfg.LineOf("name")}: key 'name': invalid domain name '{name}'");
        int memory = (int)(cfg.GetInteger("memory", 1, 4096) ?? 128);
        int maxmem = (int)(cfg.GetInteger("maxmem", 1, 4096) ?? memory);
        // maxmem is libxl's static maximum and memory the target, which libxl never lets exceed it
        // (libxl_mem.c); xl.cfg: maxmem must be equal to or greater than memory.
        if (maxmem < memory)
            throw new XlConfigException($"{cfg.Path}:{cfg.LineOf("maxmem")}: key 'maxmem': {maxmem} is less than memory ({memory})");
        int vcpus = (int)(cfg.GetInteger("vcpus", 1, 4) ?? 1);
        string kernel = Resolve(cfg, cfg.RequireString("kernel"));
        if (!File.Exists(kernel))
            throw new XlConfigException($"{cfg.Path}:{cfg.LineOf("kernel")}: key 'kernel': no such file '{kernel}'");
        string? ramdisk = cfg.GetString("ramdisk") is { } r ? Resolve(cfg, r) : null;
        string cmdline = cfg.GetString("cmdline") ?? cfg.GetString("extra") ?? "";
        string label = cfg.GetString("seclabel") ?? "system_u:system_r:domU_t";
        if (label.Split(':').Length < 3)
            throw new XlConfigException($"{cfg.Path}:{cfg.LineOf("seclabel")}: key 'seclabel': '{label}' is not user:role:type");
        int weight = (int)(cfg.GetInteger("cpu_weight", 1, 65535) ?? 256);
        int cap = (int)(cfg.GetInteger("cap", 0, 100L * vcpus) ?? 0);
        return new DomainSpec(name, memory, vcpus, kernel, ramdisk, cmdline, label,
            Action(cfg, "on_poweroff", "destroy"), Action(cfg, "on_reboot", "restart"), Action(cfg, "on_crash", "destroy"),
            cfg.Path, weight, cap, ParseCpus(cfg, vcpus), maxmem);
    }

    /// <summary>xl.cfg `cpus=` as one hard-affinity mask per vCPU, or null when absent (run anywhere).
    /// A string applies to every vCPU; a list gives vCPU i its item i, vCPUs past its end run
    /// anywhere and items past the last vCPU are ignored, as xl's parse_vcpu_affinity.</summary>
    static uint[]? ParseCpus(XlConfig cfg, int vcpus)
    {
        if (!cfg.Settings.TryGetValue("cpus", out var setting)) return null;
        var items = setting.List ?? [setting.Text!];
        var masks = new uint[vcpus];
        for (int v = 0; v < vcpus; v++)
        {
            string? item = setting.List is null ? items[0] : v < items.Count ? items[v] : null;
            if (item is null) { masks[v] = CpuList.All; continue; }
            if (!CpuList.TryParse(item, out masks[v], out string error))
                throw new XlConfigException($"{cfg.Path}:{setting.Line}: key 'cpus': {error}");
        }
        return masks;
    }

    static string Action(XlConfig cfg, string key, string fallback)
    {
        string value = cfg.GetString(key) ?? fallback;
        if (!Actions.Contains(value))
            throw new XlConfigException($"{cfg.Path}:{cfg.LineOf(key)}: key '{key}': '{value}' is not one of {string.Join(", ", Actions)}");
        return value;
    }

    /// <summary>Relative paths in a configuration are relative to the file's folder, as xl does.</summary>
    static string Resolve(XlConfig cfg, string path) =>
        System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(cfg.Path))!, path);

    /// <summary>What the hypervisor's domain builder needs, the kernel read from its file now (as
    /// libxl reads it at each build, a restart included).</summary>
    public Hypervisor.Domains.DomainConfig ToDomainConfig() =>
        new(Name, (uint)MemoryMiB, SecLabel, File.ReadAllBytes(KernelPath), System.IO.Path.GetFileName(KernelPath), Vcpus,
            CommandLine, Weight, Cap, CpuMasks, (uint)MaxMemMiB);

    /// <summary>The resolved configuration as the hypervisor reads it from its boot module.</summary>
    public string ToModuleText() =>
        $"name={Name}\nmemory={MemoryMiB}\nvcpus={Vcpus}\ncmdline={CommandLine}\nseclabel={SecLabel}\n" +
        $"on_poweroff={OnPoweroff}\non_reboot={OnReboot}\non_crash={OnCrash}\ncpu_weight={Weight}\ncap={Cap}\n" +
        (CpuMasks is null ? "" : $"{Hypervisor.Domains.HardAffinity.ModuleKey}={Hypervisor.Domains.HardAffinity.Format(CpuMasks)}\n") +
        (MaxMemMiB > MemoryMiB ? $"maxmem={MaxMemMiB}\n" : "");
}
