using BenchmarkDotNet.Running;

namespace ComputeAsic.Bench;

/// <summary>BenchmarkDotNet entry: <c>dotnet run -c Release --project bench/ComputeAsic.Bench -- --filter '*Field*'</c>.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks the arguments select (see BenchmarkDotNet's --filter, --list), or <c>inproc</c> timing for bench/peers.</summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "inproc") return InProcess.Run(args);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
