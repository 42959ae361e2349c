namespace Cloister.Cli.Control;

/// <summary>
/// xl loadpolicy (tools/xl/xl_flask.c) and getbool/setbool, which Xen's xl lacks: they print what
/// Xen's tools/flask/utils flask-get-bool and flask-set-bool print ("NAME: 1", "NAME: 0 (pending
/// 1)"; the values 0/1, on/off, y/n, enabled/disabled and here also true/false).
/// </summary>
public sealed partial class XlSession
{
    int PolicyCommand(string command, string[] args) => (command, args) switch
    {
        ("getbool", ["-a"]) => AllBools(),
        ("getbool", [var name]) => GetBool(name),
        ("setbool", [var name, var value]) => SetBool(name, value),
        ("loadpolicy", [var file]) => LoadPolicy(file),
        ("setbool", _) => throw new UsageException("usage: xl setbool NAME 0|1"),
        ("loadpolicy", _) => throw new UsageException("usage: xl loadpolicy POLICY-FILE"),
        _ => throw new UsageException("usage: xl getbool NAME|-a"),
    };

    /// <summary>flask-get-bool's format for a reply line `NAME CURRENT PENDING`.</summary>
    static string BoolText(string line)
    {
        var f = line.Split(' ');
        return f[1] == f[2] ? $"{f[0]}: {f[1]}" : $"{f[0]}: {f[1]} (pending {f[2]})";
    }

    int GetBool(string name)
    {
        var reply = AskOrFail($"getbool {name}");
        if (reply.Errno is { } e) return Fail($"xc_flask_getbool: Unable to get boolean {name}: {ControlProtocol.ErrorText(e)} (-1)");
        stdout.WriteLine(BoolText(reply.Lines[0]));
        return 0;
    }

    int AllBools()
    {
        var reply = AskOrFail("getbool");
        if (reply.Errno is { } e) return Fail($"xc_flask_getbool: Unable to get boolean #0: {ControlProtocol.ErrorText(e)} (-1)");
        foreach (var line in reply.Lines) stdout.WriteLine(BoolText(line));
        return 0;
    }

    int SetBool(string name, string value)
    {
        // flask-set-bool's str2bool: a leading 0 or 1, else one of the words.
        string? bit = value.Length > 0 && value[0] is '0' or '1' ? value[..1] : value.ToLowerInvariant() switch
        {
            "enabled" or "on" or "y" or "true" => "1",
            "disabled" or "off" or "n" or "false" => "0",
            _ => null,
        };
        if (bit is null) return Fail($"Unknown value {value}");
        var reply = AskOrFail($"setbool {name} {bit}");
        if (reply.Errno is not { } e) return 0;
        return Fail($"xc_flask_setbool: Unable to set boolean {name}={value}: {ControlProtocol.ErrorText(e)} (-1)");
    }

    int LoadPolicy(string file)
    {
        byte[] image;
        try { image = File.ReadAllBytes(file); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail($"Error occurred opening policy file '{file}': {ex.Message}");
        }
        var reply = AskOrFail($"loadpolicy {Convert.ToBase64String(image)}");
        if (reply.Errno is not { } e)
        {
            stdout.WriteLine("Successfully loaded policy.");
            return 0;
        }
        if (e == 38) return Fail("Flask XSM disabled");
        stderr.WriteLine($"Unable to load new Flask policy: {ControlProtocol.ErrorText(e)}");
        // The reader's reason, which Xen only logs: the old policy stays in force.
        if (e == 22 && reply.Message != ControlProtocol.ErrorText(e)) stderr.WriteLine($"xl loadpolicy: {file}: {reply.Message}");
        return Failure;
    }
}
