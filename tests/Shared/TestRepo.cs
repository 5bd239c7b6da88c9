using System.Diagnostics;

namespace ComputeAsic.Tests.Shared;

/// <summary>Linked into the test projects that run programs: the repository root and a process runner with a time limit.</summary>
internal static class TestRepo
{
    /// <summary>The directory holding ComputeAsic.sln, found upward from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Runs a program from the repository root; fails the test if it outlives <paramref name="limit"/>.</summary>
    public static (int Code, string Out, string Err) Run(string file, IEnumerable<string> args, TimeSpan limit)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} did not finish within {limit}");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "ComputeAsic.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root (ComputeAsic.sln) not found above " + AppContext.BaseDirectory);
    }
}
