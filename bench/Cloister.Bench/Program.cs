using Cloister.Bench;

// Runs each workload under Cloister and under qemu-system-arm in the same run and prints
// guest instructions per second for both and their ratio. See bench/README.md.
return BenchCommand.Run(args);
