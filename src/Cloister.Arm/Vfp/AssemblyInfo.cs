using System.Runtime.CompilerServices;

// The VFP tests also check the soft-float directly against the host's IEEE arithmetic.
[assembly: InternalsVisibleTo("Cloister.Vfp.Tests")]
