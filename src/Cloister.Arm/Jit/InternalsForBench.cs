using System.Runtime.CompilerServices;

// The engine micro-benchmarks (bench/Cloister.Arm.Bench) drive BlockCompiler and Insn directly.
[assembly: InternalsVisibleTo("Cloister.Arm.Bench")]
