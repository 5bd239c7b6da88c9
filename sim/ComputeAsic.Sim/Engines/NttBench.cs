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
        int jobs = System.Math.Max(3, options.Jobs);   // back to back, so the overlap of load, compute and drain shows
        options.Progress?.Invoke($"{jobs} transforms back to back");
        var xs = Enumerable.Range(0, jobs).Select(_ => NttRunner.RandomInput(c, rng)).ToArray();
        var got = run.TransformAll(xs, out var cycles);
        bool all = true;
        for (int job = 0; job < jobs; job++)
        {
            var want = NttRunner.Reference(c, xs[job]);
            int bad = Enumerable.Range(0, c.N).Count(i => got[job][i] != want[i]);
            all &= bad == 0;
            if (bad != 0) lines.Add(string.Create(inv, $"transform {job + 1}: {bad} of {c.N} values differ from the CPU kernel (first at {Enumerable.Range(0, c.N).First(i => got[job][i] != want[i])})"));
        }
        long bound = c.Bound;
        lines.Add(string.Create(inv, $"end to end: {cycles.EndToEnd} cycles for one transform (load {c.Rows} beats, compute, drain {c.Rows} beats); {jobs} back to back with {c.Buffers} buffer(s): one every {cycles.Interval} cycles, {100.0 * bound / cycles.Interval:F1}% of the compute bound"));
        lines.Add(string.Create(inv, $"{entry.Name}: {c.N} values, {cycles.Compute} cycles, bound {bound}, {100.0 * bound / cycles.Compute:F1}% of bound, {(all ? "matches CPU" : "DIFFERS from CPU")}"));
        return new EngineRunReport(lines, all);
    }
}
