using Cloister.Flask.Model;

namespace Cloister.Flask;

/// <summary>The figures `cloister flask info` prints, as name/value lines.</summary>
public static class PolicySummary
{
    public static IEnumerable<(string Name, string Value)> Describe(PolicyDb p)
    {
        int Count(ushort kind) => p.AvTab.Count(e => e.Kind == kind);
        var oc = p.ObjectContexts;
        yield return ("version", p.Version.ToString());
        yield return ("target", Binary.PolicyReader.TargetString);
        yield return ("mls", p.Mls ? "yes" : "no");
        yield return ("handle_unknown", p.HandleUnknown.ToString().ToLowerInvariant());
        yield return ("classes", p.Classes.Length.ToString());
        yield return ("commons", p.Commons.Length.ToString());
        yield return ("permissions", p.Classes.Sum(c => c.Permissions.Count(x => x is not null)).ToString());
        yield return ("types", (p.Types.Length - p.AttributeCount).ToString());
        yield return ("attributes", p.AttributeCount.ToString());
        yield return ("aliases", (p.TypeByName.Count - p.Types.Length).ToString());
        yield return ("roles", p.RoleByName.Count.ToString());
        yield return ("users", p.Users.Length.ToString());
        yield return ("booleans", p.Bools.Length.ToString());
        yield return ("sensitivities", p.Sensitivities.Length.ToString());
        yield return ("categories", p.Categories.Length.ToString());
        yield return ("rules", (p.AvTab.Length + p.ConditionalRuleCount).ToString());
        yield return ("allow rules", Count(AvKind.Allowed).ToString());
        yield return ("auditallow rules", Count(AvKind.AuditAllow).ToString());
        yield return ("dontaudit rules", Count(AvKind.AuditDeny).ToString());
        yield return ("type_transition rules", Count(AvKind.Transition).ToString());
        yield return ("type_member rules", Count(AvKind.Member).ToString());
        yield return ("type_change rules", Count(AvKind.Change).ToString());
        yield return ("conditional blocks", p.Conditionals.Length.ToString());
        yield return ("conditional rules", p.ConditionalRuleCount.ToString());
        yield return ("constraints", p.ConstraintCount.ToString());
        yield return ("validatetrans", p.Classes.Sum(c => c.ValidateTrans.Length).ToString());
        yield return ("role transitions", p.RoleTransitions.Length.ToString());
        yield return ("role allows", p.RoleAllows.Length.ToString());
        yield return ("range transitions", p.RangeTransitions.Length.ToString());
        yield return ("permissive types", p.PermissiveTypes.Bits.Count().ToString());
        yield return ("policy capabilities", p.PolicyCapabilities.Bits.Count().ToString());
        yield return ("initial sids", oc.InitialSids.Count.ToString());
        yield return ("pirq contexts", oc.Pirqs.Count.ToString());
        yield return ("ioport contexts", oc.IoPorts.Count.ToString());
        yield return ("iomem contexts", oc.IoMem.Count.ToString());
        yield return ("pci device contexts", oc.Devices.Count.ToString());
        yield return ("devicetree contexts", oc.DeviceTree.Count.ToString());
    }
}
