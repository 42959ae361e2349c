namespace Cloister.Hypervisor.Xsm;

/// <summary>The `flask=` hypervisor command-line option.</summary>
public enum FlaskMode
{
    Enforcing,
    Permissive,
    Disabled,
    /// <summary>Permissive until a policy is loaded at run time, then enforcing (Xen's "late").</summary>
    Late,
}
