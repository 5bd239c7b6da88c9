using System.Text.RegularExpressions;
using ComputeAsic.Hardware;
using ComputeAsic.Hdl;
using ComputeAsic.Hdl.Emit;
using ComputeAsic.Hdl.Tools;

namespace ComputeAsic.Sim;

/// <summary>The HDL simulators co-simulation can run.</summary>
public enum CosimTool
{
    /// <summary>GHDL on the emitted VHDL.</summary>
    Ghdl,

    /// <summary>Verilator (--binary --timing) on the emitted Verilog.</summary>
    Verilator,

    /// <summary>Icarus Verilog on the emitted Verilog.</summary>
    Icarus,
}

/// <summary>The outcome of a co-simulation.</summary>
/// <param name="Tool">Simulator used.</param>
/// <param name="Passed">True only when the bench ran to the end and every output matched on every cycle.</param>
/// <param name="Cycles">Cycles replayed.</param>
/// <param name="Mismatches">Mismatch lines: cycle, port, expected and actual values.</param>
/// <param name="Log">Everything the tools printed.</param>
public sealed record CosimResult(CosimTool Tool, bool Passed, int Cycles, IReadOnlyList<string> Mismatches, string Log);

/// <summary>
/// Co-simulation: replays a run of the C# simulator against the emitted HDL in a real simulator through a generated
/// self-checking test bench, proving the emitted text equal to the simulated netlist cycle by cycle.
/// </summary>
public static partial class Cosimulation
{
    [GeneratedRegex(@"MISMATCH cycle \d+ port \S+ expected \S+ actual \S+")]
    private static partial Regex MismatchLine();

    /// <summary>Drives <paramref name="sim"/> for <paramref name="cycles"/> cycles from <paramref name="stimulus"/> while recording; returns the trace.</summary>
    public static Trace Record(Simulator sim, Stimulus stimulus, int cycles)
    {
        var trace = sim.StartRecording();
        Drive(sim, stimulus, cycles);
        sim.StopRecording();
        return trace;
    }

    /// <summary>Applies <paramref name="stimulus"/> for <paramref name="cycles"/> cycles (inputs set, then a clock edge).</summary>
    public static void Drive(Simulator sim, Stimulus stimulus, int cycles)
    {
        var ports = sim.Inputs.Select(p => new TracePort(p.Name, p.Width)).ToList();
        for (int c = 0; c < cycles; c++)
        {
            long cycle = sim.Cycle;
            for (int i = 0; i < ports.Count; i++) sim.Set(sim.Inputs[i].Name, stimulus.Value(cycle, i, ports[i]));
            sim.Step();
        }
    }

    /// <summary>Emits the design and a bench for <paramref name="trace"/> into <paramref name="workDir"/> and runs <paramref name="tool"/>.</summary>
    public static CosimResult Run(Design design, Trace trace, CosimTool tool, string workDir, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromMinutes(10);
        Directory.CreateDirectory(workDir);
        string top = design.EntityName(design.Top), tb = TestbenchWriter.BenchName(top);
        var log = new System.Text.StringBuilder();
        bool Step(string cmd, IEnumerable<string> args)
        {
            var r = ToolRunner.Run(cmd, args, workDir, limit);
            log.Append($"$ {cmd} {string.Join(' ', args)}\n").Append(r.Output);
            return r.ExitCode == 0;
        }
        bool ran;
        if (tool == CosimTool.Ghdl)
        {
            var files = new VhdlEmitter().WriteTo(design, workDir).Select(Path.GetFileName).ToList();
            File.WriteAllText(Path.Combine(workDir, tb + ".vhd"), TestbenchWriter.Vhdl(design, trace));
            Directory.CreateDirectory(Path.Combine(workDir, "ghdl"));
            string[] std = ["--std=08", "--workdir=ghdl"];
            ran = Step("ghdl", ["-a", .. std, .. files!, tb + ".vhd"])
                && Step("ghdl", ["-e", .. std, tb])
                && Step("ghdl", ["-r", .. std, tb, "--ieee-asserts=disable-at-0"]);
        }
        else
        {
            var files = new VerilogEmitter().WriteTo(design, workDir).Select(Path.GetFileName).ToList();
            File.WriteAllText(Path.Combine(workDir, tb + ".v"), TestbenchWriter.Verilog(design, trace));
            if (tool == CosimTool.Icarus)
                ran = Step("iverilog", ["-g2005", "-s", tb, "-o", "icarus.vvp", .. files!, tb + ".v"])
                    && Step("vvp", ["-n", "icarus.vvp"]);
            else
                ran = Step("verilator", ["--binary", "--timing", "-j", "2", "-Wno-fatal", "-Wno-lint", "-Wno-style", "--top-module", tb, "-Mdir", "verilator", .. files!, tb + ".v"])
                    && Step(Path.Combine(workDir, "verilator", "V" + tb), []);
        }
        string text = log.ToString();
        var mismatches = MismatchLine().Matches(text).Select(m => m.Value).ToList();
        bool passed = ran && mismatches.Count == 0 && text.Contains($"COSIM PASS {trace.Cycles} cycles", StringComparison.Ordinal);
        return new CosimResult(tool, passed, trace.Cycles, mismatches, text);
    }
}
