using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace ComputeAsic.Cli;

/// <summary>Entry point of the <c>computeasic</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns the process exit code (0 ok, 2 bad usage or input, 1 other failure).</summary>
    public static int Main(string[] args)
    {
        if (!RuntimeFeature.IsDynamicCodeSupported && ElaboratesDesigns(args) && JitSibling() is { } sibling)
            return Delegate(sibling, args);
        return CliApp.Run(args, Console.Out, Console.Error);
    }

    /// <summary>
    /// The verbs that build designs: <c>hdl ...</c>, and <c>bitstream build</c> and <c>bitstream pack</c>, whose design hash
    /// comes from the elaborated design, so it is made by the same runtime as the hdl verbs' (one source of names and hashes).
    /// </summary>
    private static bool ElaboratesDesigns(string[] args) =>
        args.Length > 0 && (args[0] == "hdl" || (args[0] == "bitstream" && args.Length > 1 && args[1] is "build" or "pack"));

    /// <summary>
    /// The JIT build published next to a Native AOT one (scripts/build-cli.sh): the <c>hdl</c> verbs compile netlists to IL
    /// and name C# source lines in their errors, which a Native AOT process cannot, so they run there.
    /// </summary>
    private static string? JitSibling()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "jit", "computeasic");
        return File.Exists(path) ? path : null;
    }

    private static int Delegate(string program, string[] args)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        child.WaitForExit();
        return child.ExitCode;
    }
}
