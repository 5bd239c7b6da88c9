using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ComputeAsic.Cli.Io;

namespace ComputeAsic.Cli;

/// <summary>Entry point of the <c>computeasic</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns the process exit code (0 ok, 2 bad usage or input, 1 other failure).</summary>
    public static int Main(string[] args)
    {
        DieWithForwardingParent();
        TempFiles.RemoveOnSignals();
        if (!RuntimeFeature.IsDynamicCodeSupported && ElaboratesDesigns(args) && JitSibling() is { } sibling)
            return Delegate(sibling, args);
        return CliApp.Run(args, Console.Out, Console.Error);
    }

    /// <summary>Names the parent process to a forwarded child, which asks the kernel to end it when that parent dies.</summary>
    private const string ParentVariable = "COMPUTEASIC_FORWARDED_BY";

    /// <summary>A forwarded child ends with its parent, even one killed outright (SIGKILL), instead of running on orphaned.</summary>
    private static void DieWithForwardingParent()
    {
        if (!OperatingSystem.IsLinux() || !int.TryParse(Environment.GetEnvironmentVariable(ParentVariable), out int parent)) return;
        const int PrSetPdeathsig = 1, Sigterm = 15;
        _ = Prctl(PrSetPdeathsig, Sigterm, 0, 0, 0);
        if (GetParentPid() != parent) Environment.Exit(143); // the parent died before the request took effect
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
        start.Environment[ParentVariable] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        // The child cleans up its own files on the signal; the parent passes it on and waits for that.
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; _ = Kill(child.Id, 15); });
        using var hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; _ = Kill(child.Id, 1); });
        using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => c.Cancel = true); // a terminal sends it to the child too
        child.WaitForExit();
        return child.ExitCode;
    }

    [DllImport("libc.so.6", EntryPoint = "prctl")]
    private static extern int Prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);

    [DllImport("libc.so.6", EntryPoint = "getppid")]
    private static extern int GetParentPid();

    [DllImport("libc.so.6", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
