using System.Globalization;
using System.Text;
using System.Text.Json;
using ComputeAsic.Bitstreams.Boards;
using ComputeAsic.Bitstreams.Tops;
using ComputeAsic.Hdl;
using ComputeAsic.Hdl.Emit;
using ComputeAsic.Hdl.Tools;
using ComputeAsic.Math;

namespace ComputeAsic.Bitstreams.Flows;

/// <summary>One command of a flow: the program and its arguments, run in the build directory.</summary>
/// <param name="Tool">The program.</param>
/// <param name="Args">Its arguments.</param>
public sealed record FlowStep(string Tool, IReadOnlyList<string> Args)
{
    /// <summary>The command as a shell line (arguments quoted where needed).</summary>
    public string ShellLine => string.Join(' ', new[] { Tool }.Concat(Args).Select(Shell.Quote));
}

/// <summary>One resource of the part: how many the design uses of how many there are.</summary>
/// <param name="Resource">nextpnr's name for it (e.g. <c>ICESTORM_LC</c>).</param>
/// <param name="Used">Used.</param>
/// <param name="Available">On the part.</param>
public sealed record Utilisation(string Resource, int Used, int Available);

/// <summary>What a build made.</summary>
/// <param name="Output">The bitstream (when the flow ran) or the script to run (when it was generated for tools not here).</param>
/// <param name="Ran">Whether the tools ran here and produced a bitstream.</param>
/// <param name="FmaxMhz">nextpnr's achieved frequency of the main clock, when it ran.</param>
/// <param name="TargetMhz">The board clock.</param>
/// <param name="Utilisation">Resources used, when it ran.</param>
/// <param name="Tools">Tool versions used.</param>
/// <param name="Elapsed">Wall time of the tool runs.</param>
/// <param name="MissingTools">The tools that are not installed (why the flow did not run).</param>
public sealed record BuildResult(string Output, bool Ran, double? FmaxMhz, double TargetMhz, IReadOnlyList<Utilisation> Utilisation,
    IReadOnlyDictionary<string, string> Tools, TimeSpan Elapsed, IReadOnlyList<string> MissingTools);

/// <summary>Place and route met no timing: the design cannot run at the board's clock.</summary>
public sealed class TimingNotMetException(string message) : Exception(message);

/// <summary>
/// The open Lattice flow: emitted Verilog → Yosys (<c>synth_ice40 -dsp</c> or <c>synth_ecp5</c>) → nextpnr with the
/// board's pins and clock as the timing target → icepack or ecppack. The commands are also written to <c>build.sh</c>,
/// so the same build can be repeated by hand. Fails when nextpnr's achieved Fmax is below the board clock.
/// </summary>
public static class OpenFlow
{
    /// <summary>The file names the flow writes in its directory.</summary>
    public const string Script = "build.sh", Synthesized = "synth.json", Report = "nextpnr-report.json";

    /// <summary>The file name a board's bitstream is published under (the flow itself writes <c>top.bin</c> or <c>top.bit</c>).</summary>
    public static string BitstreamName(Board board) => board.Flow == BoardFlow.Ice40 ? $"{board.Name}.bin" : $"{board.Name}.bit";

    /// <summary>The commands of the flow (run in <c>dir</c>), with the emitted Verilog files named relative to it.</summary>
    public static IReadOnlyList<FlowStep> Steps(Board board, TopLevel top, IReadOnlyList<string> verilogFiles, double? targetMhz = null)
    {
        string freq = (targetMhz ?? board.MainClock.Mhz).ToString("0.###", CultureInfo.InvariantCulture);
        string synth = board.Flow == BoardFlow.Ice40 ? "synth_ice40 -dsp" : "synth_ecp5";
        var yosys = new FlowStep("yosys", ["-q", "-l", "yosys.log", "-p",
            $"read_verilog {string.Join(' ', verilogFiles)}; {synth} -top {top.Entity} -json {Synthesized}; stat"]);
        return board.Flow switch
        {
            BoardFlow.Ice40 =>
            [
                yosys,
                new("nextpnr-ice40", [$"--{DeviceFlag(board)}", "--package", board.Package, "--json", Synthesized, "--pcf", "board.pcf",
                    "--freq", freq, "--seed", "1", "--timing-allow-fail", "--report", Report, "--asc", "top.asc", "-l", "nextpnr.log", "-q"]),
                new("icepack", ["top.asc", "top.bin"]),
            ],
            BoardFlow.Ecp5 =>
            [
                yosys,
                new("nextpnr-ecp5", [$"--{Ecp5Size(board)}", "--package", board.Package, "--speed", Ecp5Speed(board), "--json", Synthesized,
                    "--lpf", "board.lpf", "--freq", freq, "--seed", "1", "--timing-allow-fail", "--report", Report, "--textcfg", "top.config", "-l", "nextpnr.log", "-q"]),
                new("ecppack", ["--compress", "top.config", "top.bit"]),
            ],
            _ => throw new InvalidInputException($"--board {board.Name}: not an open-flow board ({board.Flow})"),
        };
    }

    /// <summary>Writes the Verilog, constraints and <c>build.sh</c> into <paramref name="dir"/>; runs them when the tools are installed.</summary>
    public static BuildResult Build(Board board, TopLevel top, string dir, double? targetMhz = null, TimeSpan? timeout = null)
    {
        Directory.CreateDirectory(dir);
        string hdl = Path.Combine(dir, "hdl");
        if (Directory.Exists(hdl)) Directory.Delete(hdl, recursive: true);
        var files = new VerilogEmitter().WriteTo(top.Design, hdl).Select(p => "hdl/" + Path.GetFileName(p)).ToList();
        File.WriteAllText(Path.Combine(dir, board.Flow == BoardFlow.Ice40 ? "board.pcf" : "board.lpf"), Constraints(board, top));
        var steps = Steps(board, top, files, targetMhz);
        File.WriteAllText(Path.Combine(dir, Script), BuildScript(board, top, steps));
        double target = targetMhz ?? board.MainClock.Mhz;

        var missing = steps.Select(s => s.Tool).Distinct().Where(t => ToolRunner.Find(t) == null).ToList();
        var tools = Versions(board);
        if (missing.Count > 0)
            return new BuildResult(Path.Combine(dir, Script), false, null, target, [], tools, TimeSpan.Zero, missing);

        var limit = timeout ?? TimeSpan.FromMinutes(30);
        var elapsed = TimeSpan.Zero;
        foreach (var s in steps)
        {
            var r = ToolRunner.Run(s.Tool, s.Args, dir, limit);
            elapsed += r.Elapsed;
            if (r.ExitCode != 0)
                throw new InvalidOperationException($"{s.Tool} failed (exit {r.ExitCode}) in {dir}:\n{Tail(r.Output + LogOf(dir, s.Tool), 3000)}");
        }
        var (fmax, use) = ParseReport(File.ReadAllText(Path.Combine(dir, Report)), board.MainClock.Port);
        if (fmax < target)
            throw new TimingNotMetException($"timing not met on {board.Name}: nextpnr reaches {fmax.ToString("0.00", CultureInfo.InvariantCulture)} MHz "
                + $"for clock '{board.MainClock.Port}', the board needs {target.ToString("0.###", CultureInfo.InvariantCulture)} MHz (see {Path.Combine(dir, "nextpnr.log")})");
        return new BuildResult(Path.Combine(dir, board.Flow == BoardFlow.Ice40 ? "top.bin" : "top.bit"), true, fmax, target, use, tools, elapsed, []);
    }

    /// <summary>
    /// Reads nextpnr's <c>--report</c> JSON: the lowest achieved Fmax over the clocks named after <paramref name="clockPort"/>
    /// (nextpnr names them after the net, e.g. <c>clk$SB_IO_IN_$glb_clk</c>), and the utilisation table.
    /// </summary>
    public static (double FmaxMhz, IReadOnlyList<Utilisation> Use) ParseReport(string json, string clockPort)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        double? fmax = null;
        if (root.TryGetProperty("fmax", out var clocks))
            foreach (var c in clocks.EnumerateObject())
                if (c.Name == clockPort || c.Name.StartsWith(clockPort + "$", StringComparison.Ordinal))
                {
                    double a = c.Value.GetProperty("achieved").GetDouble();
                    fmax = fmax is { } f ? System.Math.Min(f, a) : a;
                }
        var use = new List<Utilisation>();
        if (root.TryGetProperty("utilization", out var u))
            foreach (var r in u.EnumerateObject())
                use.Add(new Utilisation(r.Name, r.Value.GetProperty("used").GetInt32(), r.Value.GetProperty("available").GetInt32()));
        return (fmax ?? throw new InvalidOperationException($"nextpnr report has no timing for clock '{clockPort}' (a design without registers on it?)"), use);
    }

    /// <summary>The pin constraints of the top's ports: a PCF (iCE40) or LPF (ECP5); a port without a pin is an error naming it.</summary>
    public static string Constraints(Board board, TopLevel top)
    {
        var c = top.Design.Top;
        var ports = new List<string>();
        if (c.HasClock) ports.Add(c.Clock.Clock);
        if (c.HasReset) ports.Add(c.Clock.Reset);
        ports.AddRange(c.Inputs.Select(p => p.Name));
        ports.AddRange(c.Outputs.Select(p => p.Name));
        var sb = new StringBuilder($"# {board.Name}: pins of top '{top.Entity}' (generated from the board definition)\n");
        foreach (var port in ports)
        {
            var pin = board.Pins.FirstOrDefault(p => p.Port == port)
                ?? throw new InvalidInputException($"--top {top.Entry.Name}: port '{port}' has no pin on board {board.Name} "
                    + $"(pins: {string.Join(", ", board.Pins.Select(p => p.Port))}); a top for this board has only those ports");
            int width = WidthOf(c, port);
            if (width != 1) throw new InvalidInputException($"--top {top.Entry.Name}: port '{port}' is {width} bits; board pins are single bits");
            if (board.Flow == BoardFlow.Ice40) sb.Append($"set_io {port} {pin.Pin}  # {pin.Note}\n");
            else sb.Append($"LOCATE COMP \"{port}\" SITE \"{pin.Pin}\";  # {pin.Note}\nIOBUF PORT \"{port}\" IO_TYPE={pin.IoStandard ?? "LVCMOS33"};\n");
        }
        if (board.Flow == BoardFlow.Ecp5)
            sb.Append($"FREQUENCY PORT \"{board.MainClock.Port}\" {board.MainClock.Mhz.ToString("0.###", CultureInfo.InvariantCulture)} MHZ;\n");
        return sb.ToString();
    }

    private static int WidthOf(Circuit c, string port) =>
        port == c.Clock.Clock || port == c.Clock.Reset ? 1
        : c.Inputs.Concat(c.Outputs).First(p => p.Name == port).Width;

    private static string BuildScript(Board board, TopLevel top, IReadOnlyList<FlowStep> steps) =>
        "#!/bin/sh\n"
        + $"# {board.Name} ({board.Part}): top {top.Entry.Name} ({top.Arguments}), design hash {top.Hash}.\n"
        + $"# Generated by computeasic bitstream build; the open flow: Yosys, {(board.Flow == BoardFlow.Ice40 ? "nextpnr-ice40, icepack" : "nextpnr-ecp5, ecppack (prjtrellis)")}.\n"
        + "# nextpnr runs with --timing-allow-fail; computeasic reads nextpnr-report.json and fails the build when the Fmax is below the clock.\n"
        + "set -eu\ncd \"$(dirname \"$0\")\"\n"
        + string.Concat(steps.Select(s => s.ShellLine + "\n"));

    private static Dictionary<string, string> Versions(Board board)
    {
        var v = new SortedDictionary<string, string?>(StringComparer.Ordinal)
        {
            ["yosys"] = ToolVersions.Of("yosys", "-V"),
        };
        if (board.Flow == BoardFlow.Ice40)
        {
            v["nextpnr-ice40"] = ToolVersions.Of("nextpnr-ice40", "--version");
            v["icepack"] = ToolVersions.OfDebianPackage("fpga-icestorm");
        }
        else
        {
            v["nextpnr-ecp5"] = ToolVersions.Of("nextpnr-ecp5", "--version");
            v["ecppack"] = ToolVersions.Of("ecppack", "--version");
        }
        return v.Where(kv => kv.Value != null).ToDictionary(kv => kv.Key, kv => kv.Value!);
    }

    private static string DeviceFlag(Board board) => board.Part switch
    {
        "iCE40UP5K" => "up5k",
        "iCE40HX8K" => "hx8k",
        "iCE40HX1K" => "hx1k",
        "iCE40LP8K" => "lp8k",
        _ => throw new InvalidInputException($"board {board.Name}: no nextpnr-ice40 device for part {board.Part}"),
    };

    /// <summary>nextpnr-ecp5's size flag from a part such as LFE5U-85F-6BG381C: <c>85k</c> (<c>um5g-85k</c> for LFE5UM5G).</summary>
    private static string Ecp5Size(Board board)
    {
        var parts = board.Part.Split('-');
        string size = parts[1].TrimEnd('F').ToLowerInvariant() + "k";
        return parts[0] switch { "LFE5U" => size, "LFE5UM" => "um-" + size, "LFE5UM5G" => "um5g-" + size, _ => size };
    }

    private static string Ecp5Speed(Board board) => board.Part.Split('-')[2][..1];

    private static string LogOf(string dir, string tool)
    {
        string log = Path.Combine(dir, tool.StartsWith("nextpnr", StringComparison.Ordinal) ? "nextpnr.log" : tool == "yosys" ? "yosys.log" : "");
        return tool is "yosys" or "nextpnr-ice40" or "nextpnr-ecp5" && File.Exists(log) ? "\n" + File.ReadAllText(log) : "";
    }

    private static string Tail(string s, int n) => s.Length > n ? s[^n..] : s;
}

/// <summary>POSIX shell quoting for the scripts the flows write and the commands flash prints.</summary>
public static class Shell
{
    /// <summary>The word as the shell reads it back: unchanged when plain, else in single quotes.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(ch => char.IsAsciiLetterOrDigit(ch) || "-_./=:,+@%".Contains(ch)) ? word : "'" + word.Replace("'", "'\\''") + "'";
}
