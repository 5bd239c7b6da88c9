using System.Diagnostics;
using System.Text;

namespace ComputeAsic.Hdl.Tools;

/// <summary>What an outside tool printed and returned.</summary>
/// <param name="ExitCode">Process exit code (-1 after a timeout).</param>
/// <param name="Output">Standard output and error, interleaved as read.</param>
/// <param name="Elapsed">Wall-clock time.</param>
public sealed record ToolResult(int ExitCode, string Output, TimeSpan Elapsed);

/// <summary>An outside tool that is not installed.</summary>
public sealed class ToolMissingException(string tool)
    : Exception($"{tool} is not installed (scripts/install-tools.sh installs GHDL, Verilator, Icarus and Yosys)")
{
    /// <summary>The missing command.</summary>
    public string Tool { get; } = tool;
}

/// <summary>Runs HDL tools (GHDL, Verilator, Icarus, Yosys) as child processes with a timeout and captured output.</summary>
public static class ToolRunner
{
    /// <summary>The full path of <paramref name="command"/> on PATH, or null.</summary>
    public static string? Find(string command)
    {
        if (Path.IsPathRooted(command)) return File.Exists(command) ? command : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string p = Path.Combine(dir, command);
            if (File.Exists(p)) return p;
        }
        return null;
    }

    /// <summary>The full path of <paramref name="command"/>; throws <see cref="ToolMissingException"/> when it is not installed.</summary>
    public static string Require(string command) => Find(command) ?? throw new ToolMissingException(command);

    /// <summary>Runs a command in <paramref name="workDir"/>, killing it after <paramref name="timeout"/>.</summary>
    public static ToolResult Run(string command, IEnumerable<string> args, string workDir, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(Require(command))
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (environment != null) foreach (var (k, v) in environment) psi.Environment[k] = v;
        var output = new StringBuilder();
        var sw = Stopwatch.StartNew();
        using var p = new Process { StartInfo = psi };
        p.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.Append(e.Data).Append('\n'); };
        p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.Append(e.Data).Append('\n'); };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            lock (output) output.Append($"{command}: killed after {timeout.TotalSeconds:F0} s\n");
            return new ToolResult(-1, output.ToString(), sw.Elapsed);
        }
        p.WaitForExit();
        lock (output) return new ToolResult(p.ExitCode, output.ToString(), sw.Elapsed);
    }
}
