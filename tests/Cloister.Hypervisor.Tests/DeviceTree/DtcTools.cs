using System.Diagnostics;

namespace Cloister.Hypervisor.Tests.DeviceTree;

/// <summary>The oracles for the device tree format: dtc (compile, decompile) and fdtget (read a
/// compiled blob), run as processes on temporary files.</summary>
static class DtcTools
{
    public static string SourceFolder => Path.Combine(RepositoryRoot.Path, "tests", "Cloister.Hypervisor.Tests", "DeviceTree");

    /// <summary>Compiles a .dts text; <paramref name="options"/> go to dtc (e.g. -V 16, -p 512).</summary>
    public static byte[] Compile(string dts, params string[] options)
    {
        string dir = Directory.CreateTempSubdirectory("cloister-dtc-").FullName;
        try
        {
            string source = Path.Combine(dir, "in.dts"), blob = Path.Combine(dir, "out.dtb");
            File.WriteAllText(source, dts);
            Exec("dtc", ["-q", "-I", "dts", "-O", "dtb", .. options, "-o", blob, source]);
            return File.ReadAllBytes(blob);
        }
        finally { Directory.Delete(dir, true); }
    }

    public static byte[] CompileFile(string name, params string[] options) =>
        Compile(File.ReadAllText(Path.Combine(SourceFolder, name)), options);

    /// <summary>dtc's own rendering of a blob as source: equal texts mean equal trees.</summary>
    public static string ToDts(byte[] blob) => WithFile(blob, f => Exec("dtc", ["-q", "-I", "dtb", "-O", "dts", f]));

    /// <summary>fdtget with <paramref name="options"/> on a blob, for a node and maybe a property.</summary>
    public static string FdtGet(byte[] blob, string[] options, params string[] nodeAndProperty) =>
        WithFile(blob, f => Exec("fdtget", [.. options, f, .. nodeAndProperty]));

    static string WithFile(byte[] blob, Func<string, string> run)
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, blob);
            return run(file);
        }
        finally { File.Delete(file); }
    }

    static string Exec(string tool, string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed: {stderr.Result}");
        return output;
    }
}
