using Cloister.Flask.Model;

namespace Cloister.Flask.Binary;

/// <summary>
/// Reads the binary policy checkpolicy writes for the Xen target (versions 24 and 30,
/// MLS or not) and validates every value it reads. The layout follows Xen's
/// xen/xsm/flask/ss/policydb.c policydb_read. Hostile input ends in a
/// <see cref="PolicyFormatException"/>, never another exception.
/// </summary>
public sealed partial class PolicyReader
{
    public const uint Magic = 0xf97cff8c;
    public const string TargetString = "XenFlask";
    public const int MinVersion = 24, MaxVersion = 30;
    /// <summary>The largest policy file accepted; Xen's own policies are tens of kilobytes.</summary>
    public const int MaxPolicyBytes = 64 << 20;

    // Versions at which the format gained a field (libsepol's POLICYDB_VERSION_*).
    const int VersionFilenameTrans = 25, VersionRoleTrans = 26, VersionObjectDefaults = 27,
        VersionDefaultType = 28, VersionConstraintNames = 29, VersionXenDeviceTree = 30;
    const int SymbolTableCount = 8;
    const uint ConfigMls = 1, ConfigUnknownMask = 6;

    readonly PolicyCursor c;
    int version;
    bool mls;

    PolicyReader(byte[] data) { c = new PolicyCursor(data); }

    /// <summary>Parses and validates a policy image.</summary>
    public static PolicyDb Read(byte[] data)
    {
        if (data.Length > MaxPolicyBytes)
            throw new PolicyFormatException($"policy is {data.Length} bytes, more than the {MaxPolicyBytes} accepted", 0);
        return new PolicyReader(data).ReadPolicy();
    }

    /// <summary>Parses a policy; on failure returns null and a one-line reason.</summary>
    public static PolicyDb? TryRead(byte[] data, out string error)
    {
        try
        {
            error = "";
            return Read(data);
        }
        catch (PolicyFormatException e)
        {
            error = e.Message;
            return null;
        }
    }

    PolicyDb ReadPolicy()
    {
        if (c.U32("magic") != Magic) throw new PolicyFormatException($"not a FLASK policy (magic is not 0x{Magic:x8})", 0);
        uint len = c.U32("target string length");
        if (len != TargetString.Length) throw c.Error($"target string length {len}, expected {TargetString.Length} for \"{TargetString}\"");
        string target = System.Text.Encoding.ASCII.GetString(c.Bytes((int)len, "target string"));
        if (target != TargetString) throw c.Error($"policy is for target \"{Printable(target)}\", not \"{TargetString}\"");

        version = c.Int("version");
        // Xen's compat table has entries for these two versions of the Xen target only.
        if (version is not (MinVersion or MaxVersion))
            throw c.Error($"policy version {version} is not supported (Xen accepts {MinVersion} and {MaxVersion})");
        uint config = c.U32("config");
        if ((config & ~(ConfigMls | ConfigUnknownMask)) != 0) throw c.Error($"unknown config bits 0x{config:x}");
        mls = (config & ConfigMls) != 0;
        var handleUnknown = (config & ConfigUnknownMask) switch
        {
            0 => HandleUnknown.Deny,
            2 => HandleUnknown.Reject,
            4 => HandleUnknown.Allow,
            _ => throw c.Error($"config 0x{config:x} sets more than one handle-unknown mode"),
        };
        uint symNum = c.U32("symbol table count");
        uint oconNum = c.U32("object context table count");
        uint expectedOcon = version >= VersionXenDeviceTree ? 6u : 5u;
        if (symNum != SymbolTableCount || oconNum != expectedOcon)
            throw c.Error($"table counts ({symNum}, {oconNum}) do not match version {version} ({SymbolTableCount}, {expectedOcon})");

        var policyCaps = Ebitmap.Read(c, "policy capability");
        var permissive = Ebitmap.Read(c, "permissive type");

        var symbols = ReadSymbols();
        var avtab = ReadAvTab(symbols, "access vector table", conditional: false);
        var conds = ReadConditionals(symbols);
        var roleTrans = ReadRoleTransitions(symbols);
        var roleAllows = ReadRoleAllows(symbols);
        if (version >= VersionFilenameTrans && c.Count("filename transition", 0) != 0)
            throw c.Error("filename transitions are not supported by the Xen target");
        var ocontexts = ReadObjectContexts(symbols, (int)oconNum);
        if (c.Count("genfs", 0) != 0) throw c.Error("genfs contexts are not supported by the Xen target");
        var rangeTrans = ReadRangeTransitions(symbols);
        var typeAttrs = ReadTypeAttributeMap(symbols);
        if (!c.AtEnd) throw c.Error($"{c.Remaining} unexpected bytes after the end of the policy");

        foreach (int t in permissive.Bits)
            if (t < 1 || t > symbols.Types.Length) throw c.Error($"permissive map names type {t}, which does not exist");

        return new PolicyDb
        {
            Version = version, Mls = mls, HandleUnknown = handleUnknown,
            PolicyCapabilities = policyCaps, PermissiveTypes = permissive,
            Commons = symbols.Commons, Classes = symbols.Classes, Roles = symbols.Roles, Types = symbols.Types,
            Users = symbols.Users, Bools = symbols.Bools, Sensitivities = symbols.Sensitivities,
            Categories = symbols.Categories,
            ClassByName = symbols.ClassByName, RoleByName = symbols.RoleByName, TypeByName = symbols.TypeByName,
            UserByName = symbols.UserByName, BoolByName = symbols.BoolByName,
            SensitivityByName = symbols.SensitivityByName, CategoryByName = symbols.CategoryByName,
            SensitivityCategories = symbols.SensitivityCategories,
            AvTab = avtab, Conditionals = conds, RoleTransitions = roleTrans, RoleAllows = roleAllows,
            ObjectContexts = ocontexts, RangeTransitions = rangeTrans, TypeAttributes = typeAttrs,
        };
    }

    static string Printable(string s) => new(s.Select(ch => ch is >= ' ' and <= '~' ? ch : '?').ToArray());
}
