using System.Globalization;
using Cloister.Hypervisor.Control;
using Cloister.Hypervisor.Hypercalls;

namespace Cloister.Cli.Control;

/// <summary>
/// The policy requests, each dom0's flask_op: `getbool NAME` (`NAME CURRENT PENDING`), `getbool`
/// (one such line per boolean, in id order, as flask-get-bool -a walks them), `setbool NAME 0|1`
/// (set and commit), `loadpolicy BASE64` (the policy image; a refused image answers with the
/// reader's reason).
/// </summary>
public sealed partial class ControlRequests
{
    static string PolicyRequest(Dom0Services dom0, string[] words) => words switch
    {
        ["getbool"] => AllBools(dom0),
        ["getbool", var name] => Result(dom0.GetBool(name, out bool current, out bool pending), _ => BoolLine(name, current, pending)),
        ["setbool", var name, "0" or "1"] => Result(dom0.SetBool(name, words[2] == "1"), _ => null),
        ["loadpolicy", var image] => LoadPolicy(dom0, image),
        _ => ControlProtocol.Error(Errno.EINVAL, $"bad arguments to '{words[0]}'"),
    };

    static string BoolLine(string name, bool current, bool pending) =>
        string.Create(CultureInfo.InvariantCulture, $"{name} {(current ? 1 : 0)} {(pending ? 1 : 0)}");

    static string AllBools(Dom0Services dom0)
    {
        var lines = new List<string>();
        for (int id = 0; ; id++)
        {
            int rc = dom0.GetBool(id, out string name, out bool current, out bool pending);
            if (rc == -Errno.ENOENT) return ControlProtocol.Ok(lines);
            if (rc < 0) return Result(rc, _ => null);
            lines.Add(BoolLine(name, current, pending));
        }
    }

    static string LoadPolicy(Dom0Services dom0, string base64)
    {
        byte[] image;
        try { image = Convert.FromBase64String(base64); }
        catch (FormatException) { return ControlProtocol.Error(Errno.EINVAL, "the policy image is not base64"); }
        int rc = dom0.LoadPolicy(image, out string error);
        return rc < 0 && error.Length > 0 ? ControlProtocol.Error(-rc, error) : Result(rc, _ => null);
    }
}
