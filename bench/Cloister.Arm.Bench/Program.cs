using BenchmarkDotNet.Running;

// Micro-benchmarks of the CPU's execution engines: what translating a block costs per guest
// instruction, and what running code costs per guest instruction under each engine.
//   dotnet run -c Release --project bench/Cloister.Arm.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

public partial class Program;
