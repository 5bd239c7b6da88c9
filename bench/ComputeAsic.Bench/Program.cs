using BenchmarkDotNet.Running;

namespace ComputeAsic.Bench;

/// <summary>
/// BenchmarkDotNet entry: <c>dotnet run -c Release --project bench/ComputeAsic.Bench -- --filter '*Field*'</c>;
/// <c>-- field-vs-c [N] [REPS] [libfp256_cios.so]</c> runs the loops that <c>bench/field-vs-c.sh</c> sets beside the C routine;
/// <c>-- inproc ...</c> times the kernels on job files for <c>bench/peers</c>.
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks the arguments select (see BenchmarkDotNet's --filter, --list), or one of the modes above.</summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "inproc") return InProcess.Run(args);
        if (args.Length > 0 && args[0] == "field-vs-c")
        {
            FieldVsC.Run(args.Length > 1 ? long.Parse(args[1]) : 10_000_000, args.Length > 2 ? int.Parse(args[2]) : 7, args.Length > 3 ? args[3] : null);
            return 0;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
