using BenchmarkDotNet.Running;

namespace ComputeAsic.Bench;

/// <summary>BenchmarkDotNet entry: <c>dotnet run -c Release --project bench/ComputeAsic.Bench -- --filter '*Field*'</c>.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks the arguments select (see BenchmarkDotNet's --filter, --list).</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
