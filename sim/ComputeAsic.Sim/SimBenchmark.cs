using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ComputeAsic.Hdl;
using ComputeAsic.Hdl.Emit;
using ComputeAsic.Hdl.Tools;

namespace ComputeAsic.Sim;

/// <summary>One simulator's speed on a design.</summary>
/// <param name="Simulator">Which simulator (computeasic, verilator, ghdl-mcode, ghdl-llvm).</param>
/// <param name="CyclesPerSecond">Simulated clock cycles per wall-clock second, best of the repeats.</param>
/// <param name="Cycles">Cycles per timed run.</param>
/// <param name="Note">How it was measured.</param>
public sealed record BenchFigure(string Simulator, double CyclesPerSecond, long Cycles, string Note);

/// <summary>
/// Side-by-side simulation speed: the compiled C# simulator and Verilator and GHDL running the emitted HDL of the same
/// design, all driven the same way (every data input gets new xorshift words every cycle, reset held low).
/// </summary>
public static partial class SimBenchmark
{
    private const ulong Seed = 0x9E3779B97F4A7C15UL;

    [GeneratedRegex(@"cycles/s ([0-9.]+)")]
    private static partial Regex Rate();

    private static ulong Next(ref ulong x)
    {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return x;
    }

    /// <summary>A prepared measurement: each call of <see cref="Run"/> times one run and returns its cycles per second.</summary>
    public sealed class Runner(string simulator, long cycles, Func<double> run, string note) : IDisposable
    {
        /// <summary>Which simulator.</summary>
        public string Simulator { get; } = simulator;

        /// <summary>Cycles per run.</summary>
        public long Cycles { get; } = cycles;

        /// <summary>How it is measured.</summary>
        public string Note { get; } = note;

        /// <summary>Resources to release (the simulator), if any.</summary>
        public IDisposable? Owned { get; init; }

        /// <summary>Times one run.</summary>
        public double Run() => run();

        /// <summary>Releases what the runner owns.</summary>
        public void Dispose() => Owned?.Dispose();
    }

    /// <summary>
    /// Runs every runner <paramref name="repeats"/> times, interleaved (a, b, c, a, b, c, ...) so load changes on a
    /// shared machine hit all of them alike; each figure is the best run.
    /// </summary>
    public static IReadOnlyList<BenchFigure> Interleaved(IReadOnlyList<Runner> runners, int repeats)
    {
        var best = new double[runners.Count];
        for (int r = 0; r < repeats; r++)
            for (int k = 0; k < runners.Count; k++) best[k] = System.Math.Max(best[k], runners[k].Run());
        return runners.Select((x, k) => new BenchFigure(x.Simulator, best[k], x.Cycles, $"{x.Note}, best of {repeats} interleaved runs")).ToList();
    }

    /// <summary>The compiled simulator: <paramref name="cycles"/> cycles per run, best of <paramref name="repeats"/>, after a warm-up.</summary>
    public static BenchFigure Ours(Design design, long cycles, int repeats)
    {
        using var r = PrepareOurs(design, cycles);
        return Interleaved([r], repeats)[0];
    }

    /// <summary>Compiles the design and warms it up; each run simulates <paramref name="cycles"/> cycles with new inputs every cycle.</summary>
    public static Runner PrepareOurs(Design design, long cycles)
    {
        var sim = new Simulator(design);
        var ports = sim.Inputs.Where(p => p.Name != design.Top.Clock.Reset || !design.Top.HasReset).ToArray();
        if (design.Top.HasReset) sim.Port(design.Top.Clock.Reset).Set(design.Top.Clock.ResetActiveLow ? 1UL : 0UL);
        var words = new ulong[ports.Length == 0 ? 1 : ports.Max(p => Limbs.Count(p.Width))];
        var output = sim.Outputs.Count > 0 ? sim.Outputs[0] : null;
        ulong x = Seed, sink = 0;
        // Like the Verilator harness: new inputs, read an output (settling the logic it needs), clock edge.
        void Loop(long n)
        {
            for (long c = 0; c < n; c++)
            {
                foreach (var p in ports)
                {
                    int k = Limbs.Count(p.Width);
                    for (int i = 0; i < k; i++) words[i] = Next(ref x);
                    p.Set(words.AsSpan(0, k));
                }
                if (output != null) sink += output.Value;
                sim.Run(1);
            }
            GC.KeepAlive(sink);
        }
        Loop(System.Math.Min(cycles, 20000));
        return new Runner("computeasic", cycles, () =>
        {
            var sw = Stopwatch.StartNew();
            Loop(cycles);
            return cycles / sw.Elapsed.TotalSeconds;
        }, $"compiled IL, {sim.Kernels} kernel(s), {sim.CompiledInstructions} IL instructions per cycle")
        { Owned = sim };
    }

    /// <summary>Verilator with a C++ harness built at -O3: <paramref name="cycles"/> cycles per run, best of <paramref name="repeats"/>.</summary>
    public static BenchFigure Verilator(Design design, long cycles, int repeats, string workDir)
    {
        using var r = PrepareVerilator(design, cycles, workDir);
        return Interleaved([r], repeats)[0];
    }

    /// <summary>Builds the Verilator model and harness; each run executes <paramref name="cycles"/> cycles.</summary>
    public static Runner PrepareVerilator(Design design, long cycles, string workDir)
    {
        Directory.CreateDirectory(workDir);
        var files = new VerilogEmitter().WriteTo(design, workDir).Select(Path.GetFileName).ToList();
        string top = design.EntityName(design.Top);
        File.WriteAllText(Path.Combine(workDir, "bench_main.cpp"), Harness(design, top));
        var build = ToolRunner.Run("verilator", ["--cc", "--exe", "--build", "-O3", "--x-assign", "fast", "--x-initial", "fast", "--noassert",
            "-CFLAGS", "-O3", "-j", "2", "-Wno-fatal", "-Wno-lint", "-Wno-style", "--top-module", top, "-Mdir", "vbench", .. files!, "bench_main.cpp"],
            workDir, TimeSpan.FromMinutes(20));
        if (build.ExitCode != 0) throw new InvalidOperationException($"verilator build failed:\n{build.Output}");
        string exe = Path.Combine(workDir, "vbench", "V" + top);
        return new Runner("verilator", cycles, () =>
        {
            var run = ToolRunner.Run(exe, [cycles.ToString(CultureInfo.InvariantCulture)], workDir, TimeSpan.FromMinutes(10));
            var m = Rate().Match(run.Output);
            if (run.ExitCode != 0 || !m.Success) throw new InvalidOperationException($"verilator bench failed:\n{run.Output}");
            return double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        }, $"C++ harness timing its own loop, verilator -O3, g++ -O3 (build {build.Elapsed.TotalSeconds:F0} s)");
    }

    private static string Harness(Design design, string top)
    {
        var sb = new StringBuilder();
        sb.Append($"#include \"V{top}.h\"\n#include \"verilated.h\"\n#include <chrono>\n#include <cstdio>\n#include <cstdlib>\n#include <cstdint>\n");
        sb.Append("static uint64_t x = 0x9E3779B97F4A7C15ULL;\n");
        sb.Append("static inline uint64_t next() { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x; }\n");
        sb.Append("int main(int argc, char** argv) {\n    Verilated::commandArgs(argc, argv);\n");
        sb.Append("    long cycles = argc > 1 ? atol(argv[1]) : 1000000;\n");
        sb.Append($"    auto* top = new V{top};\n");
        var c = design.Top;
        if (c.HasReset) sb.Append($"    top->{c.Clock.Reset} = {(c.Clock.ResetActiveLow ? 1 : 0)};\n");
        sb.Append("    auto t0 = std::chrono::steady_clock::now();\n    uint64_t acc = 0;\n");
        sb.Append("    for (long i = 0; i < cycles; i++) {\n");
        foreach (var p in c.Inputs)
        {
            if (p.Width <= 64)
                sb.Append($"        top->{p.Name} = next() & 0x{Limbs.WordMask(p.Width):x}ULL;\n");
            else
                for (int k = 0; k < (p.Width + 31) / 32; k++)
                {
                    int bits = System.Math.Min(32, p.Width - 32 * k);
                    string mask = bits == 32 ? "0xffffffffu" : $"0x{(1UL << bits) - 1:x}u";
                    sb.Append($"        top->{p.Name}[{k}] = (uint32_t)next() & {mask};\n");
                }
        }
        if (c.HasClock) sb.Append($"        top->{c.Clock.Clock} = 0; top->eval();\n");
        else sb.Append("        top->eval();\n");
        foreach (var p in c.Outputs.Take(1))
            sb.Append(p.Width <= 64 ? $"        acc += top->{p.Name};\n" : $"        acc += top->{p.Name}[0];\n");
        if (c.HasClock) sb.Append($"        top->{c.Clock.Clock} = 1; top->eval();\n");
        sb.Append("    }\n    auto t1 = std::chrono::steady_clock::now();\n");
        sb.Append("    double s = std::chrono::duration<double>(t1 - t0).count();\n");
        sb.Append("    printf(\"cycles/s %.1f cycles %ld seconds %.3f acc %llu\\n\", cycles / s, cycles, s, (unsigned long long)acc);\n");
        sb.Append("    delete top;\n    return 0;\n}\n");
        return sb.ToString();
    }

    /// <summary>
    /// GHDL (<paramref name="backend"/> mcode or llvm) on the emitted VHDL: two runs of different lengths, so start-up
    /// and elaboration cancel out of the rate.
    /// </summary>
    public static BenchFigure Ghdl(Design design, long cycles, string backend, string workDir)
    {
        var r = PrepareGhdl(design, cycles, backend, workDir);
        return Interleaved([r], 1)[0];
    }

    /// <summary>Analyses and elaborates the VHDL bench with GHDL's <paramref name="backend"/>; each run times a short and a long simulation.</summary>
    public static Runner PrepareGhdl(Design design, long cycles, string backend, string workDir)
    {
        Directory.CreateDirectory(workDir);
        var files = new VhdlEmitter().WriteTo(design, workDir).Select(Path.GetFileName).ToList();
        File.WriteAllText(Path.Combine(workDir, "bench_tb.vhd"), GhdlBench(design));
        string exe = backend == "llvm" ? "ghdl-llvm" : "ghdl-mcode";
        string lib = "ghdl-" + backend;
        Directory.CreateDirectory(Path.Combine(workDir, lib));
        string[] std = ["--std=08", $"--workdir={lib}"];
        var a = ToolRunner.Run(exe, ["-a", .. std, .. files!, "bench_tb.vhd"], workDir, TimeSpan.FromMinutes(20));
        if (a.ExitCode != 0) throw new InvalidOperationException($"ghdl analysis failed:\n{a.Output}");
        var e = ToolRunner.Run(exe, ["-e", .. std, "-o", $"bench_{backend}", "bench_tb"], workDir, TimeSpan.FromMinutes(20));
        if (e.ExitCode != 0) throw new InvalidOperationException($"ghdl elaboration failed:\n{e.Output}");
        double Time(long n)
        {
            IEnumerable<string> args = [$"-gCYCLES={n}", "--ieee-asserts=disable"];
            var r = backend == "llvm"
                ? ToolRunner.Run(Path.Combine(workDir, $"bench_{backend}"), args, workDir, TimeSpan.FromHours(1))
                : ToolRunner.Run(exe, ["-r", .. std, "bench_tb", .. args], workDir, TimeSpan.FromHours(1));
            if (r.ExitCode != 0 || !r.Output.Contains("BENCH DONE", StringComparison.Ordinal)) throw new InvalidOperationException($"ghdl bench failed:\n{r.Output}");
            return r.Elapsed.TotalSeconds;
        }
        long small = System.Math.Max(1, cycles / 5);
        return new Runner($"ghdl-{backend}", cycles, () =>
        {
            double t1 = Time(small), t2 = Time(cycles);
            return t2 > t1 ? (cycles - small) / (t2 - t1) : cycles / t2;
        }, $"runs of {small} and {cycles} cycles, rate from the difference");
    }

    private static string GhdlBench(Design design)
    {
        var c = design.Top;
        string top = design.EntityName(c);
        var sb = new StringBuilder();
        sb.Append("library ieee;\nuse ieee.std_logic_1164.all;\nuse ieee.numeric_std.all;\n\n");
        sb.Append("entity bench_tb is\n  generic (CYCLES : natural := 1000);\nend entity bench_tb;\n\narchitecture sim of bench_tb is\n");
        if (c.HasClock) sb.Append($"  signal {c.Clock.Clock} : std_logic := '0';\n");
        if (c.HasReset) sb.Append($"  signal {c.Clock.Reset} : std_logic := '{(c.Clock.ResetActiveLow ? 1 : 0)}';\n");
        foreach (var p in c.Inputs.Concat(c.Outputs)) sb.Append($"  signal {p.Name} : {VhdlEmitter.PortType(p.Width)};\n");
        sb.Append("begin\n");
        var maps = new List<string>();
        if (c.HasClock) maps.Add($"      {c.Clock.Clock} => {c.Clock.Clock}");
        if (c.HasReset) maps.Add($"      {c.Clock.Reset} => {c.Clock.Reset}");
        foreach (var p in c.Inputs.Concat(c.Outputs)) maps.Add($"      {p.Name} => {p.Name}");
        sb.Append($"  dut : entity work.{top}\n    port map (\n{string.Join(",\n", maps)}\n    );\n");
        sb.Append("  stimulus : process\n    variable x : unsigned(63 downto 0) := x\"9e3779b97f4a7c15\";\n");
        foreach (var p in c.Inputs.Where(p => p.Width > 1)) sb.Append($"    variable v_{p.Name} : unsigned({64 * Limbs.Count(p.Width) - 1} downto 0);\n");
        sb.Append("  begin\n    for i in 1 to CYCLES loop\n");
        foreach (var p in c.Inputs)
        {
            for (int k = 0; k < Limbs.Count(p.Width); k++)
            {
                sb.Append("      x := x xor shift_left(x, 13);\n      x := x xor shift_right(x, 7);\n      x := x xor shift_left(x, 17);\n");
                if (p.Width > 1) sb.Append($"      v_{p.Name}({64 * k + 63} downto {64 * k}) := x;\n");
            }
            sb.Append(p.Width == 1 ? $"      {p.Name} <= x(0);\n" : $"      {p.Name} <= std_logic_vector(v_{p.Name}({p.Width - 1} downto 0));\n");
        }
        if (c.HasClock) sb.Append($"      {c.Clock.Clock} <= '0';\n      wait for 1 ns;\n      {c.Clock.Clock} <= '1';\n      wait for 1 ns;\n");
        else sb.Append("      wait for 2 ns;\n");
        sb.Append("    end loop;\n    report \"BENCH DONE\";\n    std.env.finish;\n  end process;\nend architecture sim;\n");
        return sb.ToString();
    }
}
