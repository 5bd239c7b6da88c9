using System.Text.RegularExpressions;
using ComputeAsic.Hdl.Emit;

namespace ComputeAsic.Hdl.Tools;

/// <summary>FPGA families Yosys synthesizes for.</summary>
public enum SynthTarget
{
    /// <summary>Xilinx UltraScale+ (<c>synth_xilinx -family xcup</c>): LUT6, DSP48E2, RAMB18/36.</summary>
    Xcup,

    /// <summary>Lattice iCE40 (<c>synth_ice40 -dsp</c>): LUT4, SB_MAC16, SB_RAM40_4K.</summary>
    Ice40,
}

/// <summary>Resources Yosys reports for a design.</summary>
/// <param name="Target">The family.</param>
/// <param name="Luts">Look-up tables (all sizes).</param>
/// <param name="FlipFlops">Flip-flops.</param>
/// <param name="Dsps">DSP slices.</param>
/// <param name="BlockRams">Block RAMs.</param>
/// <param name="Cells">Every cell type and its count.</param>
/// <param name="Log">Yosys output.</param>
public sealed record SynthReport(SynthTarget Target, int Luts, int FlipFlops, int Dsps, int BlockRams, IReadOnlyDictionary<string, int> Cells, string Log);

/// <summary>Synthesizes emitted Verilog with Yosys (which reads Verilog only here) and counts the resources.</summary>
public static partial class Yosys
{
    [GeneratedRegex(@"^\s+(\S+)\s+(\d+)\s*$")]
    private static partial Regex CellLine();

    /// <summary>Runs synthesis for <paramref name="target"/> in <paramref name="workDir"/>; throws with Yosys' output when it fails.</summary>
    public static SynthReport Synthesize(Design design, SynthTarget target, string workDir, TimeSpan? timeout = null)
    {
        Directory.CreateDirectory(workDir);
        var files = new VerilogEmitter().WriteTo(design, workDir).Select(Path.GetFileName).ToList();
        string top = design.EntityName(design.Top);
        string synth = target == SynthTarget.Xcup ? $"synth_xilinx -family xcup -flatten -top {top}" : $"synth_ice40 -dsp -top {top}";
        string script = $"read_verilog {string.Join(' ', files)}\n{synth}\nstat\n";
        File.WriteAllText(Path.Combine(workDir, "synth.ys"), script);
        var r = ToolRunner.Run("yosys", ["-q", "-l", "yosys.log", "synth.ys"], workDir, timeout ?? TimeSpan.FromMinutes(30));
        string log = File.Exists(Path.Combine(workDir, "yosys.log")) ? File.ReadAllText(Path.Combine(workDir, "yosys.log")) : r.Output;
        if (r.ExitCode != 0) throw new InvalidOperationException($"yosys failed (exit {r.ExitCode}):\n{r.Output}");
        return Parse(target, log);
    }

    /// <summary>Reads the last <c>stat</c> block of a Yosys log into resource counts.</summary>
    public static SynthReport Parse(SynthTarget target, string log)
    {
        var cells = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var lines = log.Split('\n');
        int start = Array.FindLastIndex(lines, l => l.Contains("Number of cells:", StringComparison.Ordinal));
        for (int i = start + 1; start >= 0 && i < lines.Length; i++)
        {
            var m = CellLine().Match(lines[i]);
            if (!m.Success) break;
            cells[m.Groups[1].Value] = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        int Sum(Func<string, bool> f) => cells.Where(kv => f(kv.Key)).Sum(kv => kv.Value);
        return target == SynthTarget.Xcup
            ? new SynthReport(target,
                Sum(c => c.StartsWith("LUT", StringComparison.Ordinal)),
                Sum(c => c is "FDRE" or "FDSE" or "FDCE" or "FDPE"),
                Sum(c => c.StartsWith("DSP48", StringComparison.Ordinal)),
                Sum(c => c.StartsWith("RAMB", StringComparison.Ordinal)),
                cells, log)
            : new SynthReport(target,
                Sum(c => c == "SB_LUT4"),
                Sum(c => c.StartsWith("SB_DFF", StringComparison.Ordinal)),
                Sum(c => c == "SB_MAC16"),
                Sum(c => c.StartsWith("SB_RAM", StringComparison.Ordinal)),
                cells, log);
    }
}
