namespace Cloister.Hypervisor.Tests;

/// <summary>setools' sesearch, the oracle for what a compiled policy allows.</summary>
static class Sesearch
{
    /// <summary>True when an allow rule grants the permission with every boolean at its default:
    /// an unconditional rule, or a conditional one in the branch (sesearch's ":True" or ":False")
    /// that the boolean's default value selects.</summary>
    public static bool Allows(string policy, string source, string target, string cls, string permission) =>
        SetoolsBooleans.AllowsWith(policy, source, target, cls, permission, new Dictionary<string, bool>());
}
