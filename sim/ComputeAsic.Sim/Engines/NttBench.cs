using System.Globalization;
using ComputeAsic.Hardware;
using ComputeAsic.Hardware.Ntt;
using ComputeAsic.Math;

namespace ComputeAsic.Sim.Engines;

/// <summary><c>hdl sim</c> for the NTT engines: whole random transforms on the netlist, each checked against <c>CpuKernels.Ntt</c>, with cycles against the bound.</summary>
public sealed class NttBench : IEngineBench
{
    /// <inheritdoc/>
    public bool Handles(string design) => NttDesigns.Fields.Any(f => NttDesigns.NameOf(f) == design);

    /// <inheritdoc/>
    public IReadOnlyList<string> Models { get; } = ["netlist"];

    /// <inheritdoc/>
    public EngineRunReport Run(DesignEntry entry, DesignArguments args, EngineRunOptions options)
    {
        if (options.Model != "netlist") throw new InvalidInputException($"--model {options.Model}: the NTT engine offers netlist only");
        var engine = (NttEngine)entry.Build(args);
        var c = engine.Config;
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            string.Create(inv, $"design {entry.Name} ({args}): N = {c.N}, k = {c.Lanes}, butterfly latency {engine.ButterflyLatency}, step read-to-write {engine.WriteLatency} cycles, stage gaps [{string.Join(",", engine.Gaps)}]"),
        };
        options.Progress?.Invoke($"compiling {entry.Name} ({args})");
        using var run = new NttRunner(engine);
        var rng = new Random(options.Seed);
        bool all = true;
        NttCycles last = default;
        int jobs = System.Math.Max(1, options.Jobs);
        for (int job = 0; job < jobs; job++)
        {
            options.Progress?.Invoke($"transform {job + 1} of {jobs}");
            var x = NttRunner.RandomInput(c, rng);
            var got = run.Transform(x, out last);
            var want = NttRunner.Reference(c, x);
            int bad = Enumerable.Range(0, c.N).Count(i => got[i] != want[i]);
            all &= bad == 0;
            if (bad != 0) lines.Add(string.Create(inv, $"transform {job + 1}: {bad} of {c.N} values differ from the CPU kernel (first at {Enumerable.Range(0, c.N).First(i => got[i] != want[i])})"));
        }
        long bound = c.Bound;
        lines.Add(string.Create(inv, $"end to end: {last.EndToEnd} cycles per transform (load {c.Rows}, compute {last.Compute}, drain {c.Rows} beats plus pipeline), {100.0 * bound / last.EndToEnd:F1}% of the compute bound"));
        lines.Add(string.Create(inv, $"{entry.Name}: {c.N} values, {last.Compute} cycles, bound {bound}, {100.0 * bound / last.Compute:F1}% of bound, {(all ? "matches CPU" : "DIFFERS from CPU")}"));
        return new EngineRunReport(lines, all);
    }
}
