using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/Cloister.Flask.Bench` runs every benchmark.
BenchmarkSwitcher.FromAssembly(typeof(Cloister.Flask.Bench.AvcBenchmarks).Assembly).Run(args);
