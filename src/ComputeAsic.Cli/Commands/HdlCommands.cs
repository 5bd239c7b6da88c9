using System.Globalization;
using CommandLine;
using ComputeAsic.Cli.Io;
using ComputeAsic.Hardware;
using ComputeAsic.Hdl;
using ComputeAsic.Hdl.Emit;
using ComputeAsic.Hdl.Tools;
using ComputeAsic.Sim;
using ComputeAsic.Sim.Engines;

namespace ComputeAsic.Cli.Commands;

/// <summary><c>computeasic hdl</c>: the group of hardware verbs (list, emit, sim, cosim, synth, bench).</summary>
[Verb("hdl", HelpText = "Hardware designs: list, emit (VHDL/Verilog), sim, cosim (GHDL/Verilator/Icarus), synth (Yosys), bench.")]
public sealed class HdlGroupVerb : GroupVerb
{
    /// <inheritdoc/>
    public override string Group => "hdl";
}

/// <summary>Options of every verb that works on one catalog design.</summary>
public abstract class HdlDesignOptions : CommandOptions
{
    /// <summary>Catalog name of the design.</summary>
    [Option("design", Required = true, HelpText = "Design name (see: computeasic hdl list).")]
    public string Design { get; set; } = "";

    /// <summary>Parameter overrides.</summary>
    [Option("param", HelpText = "Parameter override name=value; repeat for several.")]
    public IEnumerable<string> Params { get; set; } = [];

    /// <summary>Looks the design up and builds it; unknown names and bad parameters throw <see cref="Math.InvalidInputException"/>.</summary>
    protected (DesignEntry Entry, DesignArguments Args, Design Design) Load()
    {
        var entry = HdlDesignOptions.Find(Design);
        var args = entry.Parse(Params);
        return (entry, args, new Design(entry.Build(args)));
    }

    /// <summary>The catalog design named <paramref name="name"/>; an unknown name suggests the nearest one.</summary>
    internal static DesignEntry Find(string name)
    {
        var names = DesignCatalog.All.Select(e => e.Name).ToList();
        if (!names.Contains(name))
            throw new UsageException($"--design {name}: unknown design{CliErrors.DidYouMean(name, names)}; 'computeasic hdl list' shows them all");
        return DesignCatalog.Find(name);
    }

    /// <summary>Runs <paramref name="body"/> in <paramref name="work"/>, or in a temporary directory removed afterwards.</summary>
    internal static int InWorkDir(string? work, string prefix, Func<string, int> body)
    {
        string dir = work ?? TempFiles.WorkDirectory(prefix);
        try
        {
            return body(dir);
        }
        finally
        {
            if (work == null) TempFiles.Remove(dir);
        }
    }

    /// <summary>Prints warnings of the design-rule checks to stderr.</summary>
    protected static void Warn(CommandContext ctx, Design d)
    {
        foreach (var w in d.Warnings) ctx.Err.WriteLine($"warning: {w}");
    }
}

/// <summary><c>computeasic hdl list</c>: the designs, one per line, name first.</summary>
[VerbGroup("hdl")]
[VerbExample("computeasic hdl list")]
[Verb("list", HelpText = "List the designs, one per line: name, parameters with defaults, description. Every hdl verb takes --help.")]
public sealed class HdlListCommand : CommandOptions, ICommand
{
    /// <inheritdoc/>
    public int Execute(CommandContext context)
    {
        foreach (var e in DesignCatalog.All)
        {
            string ps = string.Join(" ", e.Parameters.Select(p => $"{p.Name}={p.Default.ToString(CultureInfo.InvariantCulture)}"));
            context.Out.WriteLine($"{e.Name}  {ps}  {e.Description}");
        }
        return CliApp.Ok;
    }
}

/// <summary><c>computeasic hdl emit</c>: one VHDL or Verilog file per entity; the last word printed is the top-level name.</summary>
[VerbGroup("hdl")]
[VerbExample("computeasic hdl emit --design mod_mul_goldilocks --lang verilog --out out/hdl")]
[Verb("emit", HelpText = "Write one VHDL-2008 or Verilog-2005 file per entity/module; the last word printed is the top-level name.")]
public sealed class HdlEmitCommand : HdlDesignOptions, ICommand
{
    /// <summary>Language to write.</summary>
    [Option("lang", Default = HdlLanguage.Vhdl, HelpText = "vhdl or verilog.")]
    public HdlLanguage Lang { get; set; }

    /// <summary>Output directory.</summary>
    [Option("out", Required = true, HelpText = "Directory to write into (created if missing).")]
    public string Out { get; set; } = "";

    /// <inheritdoc/>
    public int Execute(CommandContext context)
    {
        var (_, _, design) = Load();
        Warn(context, design);
        foreach (var path in Emitter.For(Lang).WriteTo(design, Out)) context.Out.WriteLine($"wrote {path}");
        context.Out.WriteLine($"top: {design.EntityName(design.Top)}");
        return CliApp.Ok;
    }
}

/// <summary><c>computeasic hdl sim</c>: runs the design in the cycle-accurate simulator with its stimulus and checks its golden model.</summary>
[VerbGroup("hdl")]
[VerbExample("computeasic hdl sim --design fifo --param depth=32 --cycles 10000 --vcd fifo.vcd")]
[Verb("sim", HelpText = "Simulate the design for N cycles with its stimulus, check it against its golden model, optionally write a VCD.")]
public sealed class HdlSimCommand : HdlDesignOptions, ICommand
{
    /// <summary>Cycles to run.</summary>
    [Option("cycles", Default = 1000, HelpText = "Clock cycles to simulate.")]
    public int Cycles { get; set; }

    /// <summary>VCD output file.</summary>
    [Option("vcd", HelpText = "Write a VCD waveform (GTKWave) of the run to this file.")]
    public string? Vcd { get; set; }

    /// <summary>Stimulus seed.</summary>
    [Option("seed", Default = 1, HelpText = "Seed of the random stimulus (engines: of the random jobs).")]
    public int Seed { get; set; }

    /// <summary>Model an engine design runs on.</summary>
    [Option("model", HelpText = "Engines only: netlist (default, the cycle-accurate simulator) or fast (the engine's cycle-exact fast model).")]
    public string? Model { get; set; }

    /// <inheritdoc/>
    public int Execute(CommandContext context)
    {
        if (Cycles < 1) throw new UsageException("--cycles: must be at least 1");
        if (EngineBenches.Find(Design) is { } bench) return RunEngine(context, bench);
        if (Model != null && Model != "netlist") throw new UsageException($"--model {Model}: design '{Design}' is not an engine; only netlist applies");
        using var outputs = new OutputSet(Vcd == null ? [] : [("vcd", Vcd)]);
        var (entry, args, design) = Load();
        Warn(context, design);
        using var sim = new Simulator(design, new SimulatorOptions { StoreNamedSignals = Vcd != null });
        StreamWriter? vcd = null;
        if (Vcd != null)
        {
            vcd = new StreamWriter(outputs.Open(Vcd), new System.Text.UTF8Encoding(false));
            sim.DumpVcd(vcd);
        }
        // A per-cycle golden model takes each cycle as it is simulated, so memory does not grow with --cycles; a design
        // whose model reads a whole trace gets one recorded.
        var checker = entry.Golden?.Invoke(args, sim.InputPorts, sim.OutputPorts);
        System.Numerics.BigInteger[] last = [];
        var trace = checker != null || entry.Check == null
            ? sim.StartRecording((c, ins, outs) =>
            {
                checker?.Cycle(c, ins, outs);
                last = outs;
            })
            : sim.StartRecording();
        Cosimulation.Drive(sim, entry.Stimulus(args, Seed), Cycles);
        sim.StopRecording();
        vcd?.Dispose();
        if (Vcd != null) outputs.Commit();
        if (last.Length == 0) last = Enumerable.Range(0, trace.Outputs.Count).Select(i => trace.Output(trace.Cycles - 1, i)).ToArray();
        context.Out.WriteLine($"design {entry.Name} ({args}): top {design.EntityName(design.Top)}, {design.Circuits.Count} entities, {sim.NodeCount} nodes");
        context.Out.WriteLine($"simulated {trace.Cycles} cycles");
        for (int i = 0; i < trace.Outputs.Count; i++)
            context.Out.WriteLine($"  {trace.Outputs[i].Name} = 0x{last[i].ToString("x", CultureInfo.InvariantCulture).TrimStart('0').PadLeft(1, '0')} (last cycle)");
        if (Vcd != null) context.Out.WriteLine($"wrote {Vcd}");
        var g = checker?.Result ?? entry.Check?.Invoke(args, trace);
        if (g == null)
        {
            context.Out.WriteLine("golden model: none for this design");
            return CliApp.Ok;
        }
        foreach (var f in g.Failures.Take(10)) context.Out.WriteLine($"  MISMATCH {f}");
        context.Out.WriteLine(g.Failed == 0 ? $"golden model: {g.Checks} checks passed" : $"golden model: {g.Failed} of {g.Checks} checks FAILED");
        return g.Failed == 0 ? CliApp.Ok : CliApp.Failure;
    }

    /// <summary>Engines run whole random jobs checked against the CPU kernels; the report's last line is the summary.</summary>
    private int RunEngine(CommandContext context, IEngineBench bench)
    {
        string model = Model ?? bench.Models[0];
        if (!bench.Models.Contains(model)) throw new UsageException($"--model {model}: expected {string.Join(" or ", bench.Models)}");
        if (Vcd != null) throw new UsageException("--vcd: not offered for engine designs (record a window with the simulator API)");
        var entry = HdlDesignOptions.Find(Design);
        var args = entry.Parse(Params);
        var report = bench.Run(entry, args, new EngineRunOptions(Seed, model, 1, context.Err.WriteLine));
        foreach (var line in report.Lines) context.Out.WriteLine(line);
        return report.Matches ? CliApp.Ok : CliApp.Failure;
    }
}

/// <summary><c>computeasic hdl cosim</c>: replays a simulation against the emitted HDL in GHDL, Verilator or Icarus.</summary>
[VerbGroup("hdl")]
[VerbExample("computeasic hdl cosim --design mod_add_babybear --tool ghdl")]
[Verb("cosim", HelpText = "Co-simulate: record a C# simulation run and replay it against the emitted HDL in a real simulator; exit 0 only when every cycle matched.")]
public sealed class HdlCosimCommand : HdlDesignOptions, ICommand
{
    /// <summary>HDL simulator.</summary>
    [Option("tool", Default = "ghdl", HelpText = "ghdl (VHDL), verilator or icarus (Verilog).")]
    public string Tool { get; set; } = "ghdl";

    /// <summary>Cycles to replay (default per design).</summary>
    [Option("cycles", HelpText = "Cycles to replay (default: the design's, short for wide designs).")]
    public int? Cycles { get; set; }

    /// <summary>Stimulus seed.</summary>
    [Option("seed", Default = 1, HelpText = "Seed of the random stimulus.")]
    public int Seed { get; set; }

    /// <summary>Where to keep the generated files.</summary>
    [Option("work", HelpText = "Directory for the emitted HDL, bench and tool output (default: a temporary directory, removed afterwards).")]
    public string? Work { get; set; }

    /// <inheritdoc/>
    public int Execute(CommandContext context)
    {
        var tool = Tool.ToLowerInvariant() switch
        {
            "ghdl" => CosimTool.Ghdl,
            "verilator" => CosimTool.Verilator,
            "icarus" or "iverilog" => CosimTool.Icarus,
            _ => throw new UsageException($"--tool: unknown tool \"{Tool}\" (expected ghdl, verilator or icarus)"),
        };
        if (Cycles is < 1) throw new UsageException("--cycles: must be at least 1");
        var (entry, args, design) = Load();
        Warn(context, design);
        using var sim = new Simulator(design);
        var trace = Cosimulation.Record(sim, entry.Stimulus(args, Seed), Cycles ?? entry.CosimCycles);
        return InWorkDir(Work, "computeasic-cosim-", dir =>
        {
            var r = Cosimulation.Run(design, trace, tool, dir);
            foreach (var m in r.Mismatches.Take(20)) context.Out.WriteLine(m);
            if (r.Passed)
            {
                context.Out.WriteLine($"cosim {tool.ToString().ToLowerInvariant()}: {design.EntityName(design.Top)} matched the C# simulation on all {r.Cycles} cycles");
                return CliApp.Ok;
            }
            if (r.Mismatches.Count == 0) context.Err.WriteLine(r.Log.Length > 4000 ? r.Log[^4000..] : r.Log);
            context.Out.WriteLine($"cosim {tool.ToString().ToLowerInvariant()}: FAILED ({r.Mismatches.Count} mismatches over {r.Cycles} cycles)");
            return CliApp.Failure;
        });
    }
}

/// <summary><c>computeasic hdl synth</c>: Yosys synthesis of the emitted Verilog with resource counts.</summary>
[VerbGroup("hdl")]
[VerbExample("computeasic hdl synth --design mod_mul_babybear --target xcup")]
[Verb("synth", HelpText = "Synthesize the emitted Verilog with Yosys and print LUTs, flip-flops, DSPs and block RAMs.")]
public sealed class HdlSynthCommand : HdlDesignOptions, ICommand
{
    /// <summary>FPGA family.</summary>
    [Option("target", Default = SynthTarget.Xcup, HelpText = "xcup (Xilinx UltraScale+) or ice40 (Lattice iCE40).")]
    public SynthTarget Target { get; set; }

    /// <summary>Where to keep the generated files.</summary>
    [Option("work", HelpText = "Directory for the emitted Verilog and Yosys log (default: temporary).")]
    public string? Work { get; set; }

    /// <inheritdoc/>
    public int Execute(CommandContext context)
    {
        var (entry, args, design) = Load();
        Warn(context, design);
        return InWorkDir(Work, "computeasic-synth-", dir =>
        {
            var r = Yosys.Synthesize(design, Target, dir);
            context.Out.WriteLine($"design {entry.Name} ({args}) on {Target.ToString().ToLowerInvariant()}:");
            context.Out.WriteLine($"  LUTs        {r.Luts}");
            context.Out.WriteLine($"  flip-flops  {r.FlipFlops}");
            context.Out.WriteLine($"  DSPs        {r.Dsps}");
            context.Out.WriteLine($"  block RAMs  {r.BlockRams}");
            if (Verbose) foreach (var (cell, n) in r.Cells) context.Out.WriteLine($"    {cell,-12} {n}");
            return CliApp.Ok;
        });
    }
}

/// <summary><c>computeasic hdl bench</c>: simulation speed side by side with Verilator and GHDL on the emitted HDL.</summary>
[VerbGroup("hdl")]
[VerbExample("computeasic hdl bench --design mul256 --cycles 200000 --peers verilator")]
[Verb("bench", HelpText = "Simulated cycles per second of the C# simulator, Verilator and GHDL (mcode, llvm) on the same design, with ratios.")]
public sealed class HdlBenchCommand : CommandOptions, ICommand
{
    /// <summary>Catalog name of the design.</summary>
    [Option("design", Default = "mul256", HelpText = "Design name (default mul256).")]
    public string Design { get; set; } = "mul256";

    /// <summary>Parameter overrides.</summary>
    [Option("param", HelpText = "Parameter override name=value; repeat for several.")]
    public IEnumerable<string> Params { get; set; } = [];

    /// <summary>Cycles per timed run of the fast simulators.</summary>
    [Option("cycles", Default = 2_000_000L, HelpText = "Cycles per timed run of the C# simulator and Verilator.")]
    public long Cycles { get; set; }

    /// <summary>Cycles of the long GHDL run.</summary>
    [Option("ghdl-cycles", Default = 2_000L, HelpText = "Cycles of the long GHDL run (a run of a fifth of it is subtracted).")]
    public long GhdlCycles { get; set; }

    /// <summary>Timed repeats.</summary>
    [Option("repeats", Default = 5, HelpText = "Timed runs of the fast simulators; the best counts.")]
    public int Repeats { get; set; }

    /// <summary>Peers to run.</summary>
    [Option("peers", Default = "verilator,ghdl-mcode,ghdl-llvm", HelpText = "Comma-separated peers: verilator, ghdl-mcode, ghdl-llvm (or none).")]
    public string Peers { get; set; } = "";

    /// <summary>Where to keep the generated files.</summary>
    [Option("work", HelpText = "Directory for the emitted HDL and builds (default: temporary).")]
    public string? Work { get; set; }

    /// <inheritdoc/>
    public int Execute(CommandContext context)
    {
        if (Cycles < 1 || GhdlCycles < 5 || Repeats < 1) throw new UsageException("--cycles, --ghdl-cycles and --repeats must be positive (--ghdl-cycles at least 5)");
        var entry = HdlDesignOptions.Find(Design);
        var args = entry.Parse(Params);
        var design = new Design(entry.Build(args));
        var peers = Peers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(p => p != "none").ToList();
        foreach (var p in peers)
            if (p is not ("verilator" or "ghdl-mcode" or "ghdl-llvm")) throw new UsageException($"--peers: unknown peer \"{p}\"");
        return HdlDesignOptions.InWorkDir(Work, "computeasic-bench-", dir =>
        {
            context.Out.WriteLine($"design {entry.Name} ({args}): top {design.EntityName(design.Top)}; all simulators on this machine, runs interleaved");
            var fast = new List<SimBenchmark.Runner> { SimBenchmark.PrepareOurs(design, Cycles) };
            if (peers.Contains("verilator")) fast.Add(SimBenchmark.PrepareVerilator(design, Cycles, Path.Combine(dir, "verilator")));
            var slow = peers.Where(p => p.StartsWith("ghdl", StringComparison.Ordinal))
                .Select(p => SimBenchmark.PrepareGhdl(design, GhdlCycles, p["ghdl-".Length..], Path.Combine(dir, p))).ToList();
            // The fast simulators alternate run by run; GHDL (minutes per run on wide designs) runs once after them.
            var figures = SimBenchmark.Interleaved(fast, Repeats).Concat(SimBenchmark.Interleaved(slow, 1)).ToList();
            foreach (var r in fast) r.Dispose();
            foreach (var f in figures)
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {f.Simulator,-12} {f.CyclesPerSecond,14:N0} cycles/s   {f.Note}"));
            var ours = figures[0].CyclesPerSecond;
            foreach (var f in figures.Skip(1))
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  computeasic / {f.Simulator}: {ours / f.CyclesPerSecond:F2}x"));
            return CliApp.Ok;
        });
    }
}
