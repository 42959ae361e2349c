using System.Runtime.CompilerServices;

// The CPU's own unit tests check internal invariants (software TLB tags, allocation-free execution).
[assembly: InternalsVisibleTo("Cloister.Arm.Tests")]
