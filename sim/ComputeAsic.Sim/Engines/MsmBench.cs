using System.Diagnostics;
using System.Globalization;
using ComputeAsic.Hardware;
using ComputeAsic.Hardware.Arithmetic;
using ComputeAsic.Hardware.Msm;
using ComputeAsic.Kernels;
using ComputeAsic.Math;
using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Sim.Engines;

/// <summary>What one MSM engine run measured.</summary>
/// <param name="Points">Points in the job.</param>
/// <param name="Cycles">Cycles from the first beat to idle.</param>
/// <param name="Bound">N·W.</param>
/// <param name="ModelCycles">The fast model's cycles for the same job.</param>
/// <param name="BucketsEqual">Whether the netlist's buckets equal the fast model's (true for the fast model itself).</param>
/// <param name="MatchesCpu">Whether the host-reduced sum equals <c>CpuKernels.Msm</c>.</param>
/// <param name="Seconds">Wall time of the engine run.</param>
public sealed record MsmRunResult(int Points, long Cycles, long Bound, long ModelCycles, bool BucketsEqual, bool MatchesCpu, double Seconds)
{
    /// <summary>100·N·W / cycles.</summary>
    public double Utilisation => Cycles == 0 ? 100 : 100.0 * Bound / Cycles;
}

/// <summary>
/// Runs MSM jobs on <c>msm_*</c> designs: the netlist in the cycle-accurate simulator (the reference; its buckets and
/// cycle count are checked against the fast model's) or the cycle-exact fast model alone; buckets are reduced on the
/// host and the sum checked against <see cref="CpuKernels.Msm"/>.
/// </summary>
public sealed class MsmBench : IEngineBench
{
    /// <inheritdoc/>
    public bool Handles(string design) => MsmDesigns.CurveOf(design) != null;

    /// <inheritdoc/>
    public IReadOnlyList<string> Models { get; } = ["netlist", "fast"];

    /// <inheritdoc/>
    public EngineRunReport Run(DesignEntry entry, DesignArguments args, EngineRunOptions options)
    {
        var curve = MsmDesigns.CurveOf(entry.Name) ?? throw new InvalidInputException($"design '{entry.Name}' is not an MSM engine");
        MsmConfig config;
        try
        {
            config = MsmDesigns.Config(curve, args);
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException($"design '{entry.Name}' ({args}): {e.Message}", e);
        }
        var lines = new List<string>
        {
            $"design {entry.Name} ({args}): W = {config.Windows} windows of {config.Buckets} buckets, digits on the host, buckets reduced on the host, model {options.Model}",
        };
        bool all = true;
        MsmEngine? engine = options.Model == "netlist" ? (MsmEngine)entry.Build(args) : null;
        using var sim = engine == null ? null : new Simulator(engine);
        int latency = engine?.Adder.Latency ?? new CompleteBucketAdder(curve).Latency;
        MsmRunResult? last = null;
        for (int j = 0; j < options.Jobs; j++)
        {
            var r = MsmDesigns.With(curve, new Job(config, latency, args["points"], options.Seed + j, args["scalars"], sim, options.Progress));
            last = r;
            all &= r.MatchesCpu && r.BucketsEqual && r.Cycles == r.ModelCycles;
            string rate = r.Seconds > 0 ? (r.Cycles / r.Seconds).ToString("N0", CultureInfo.InvariantCulture) : "-";
            lines.Add($"job {j + 1}: adder latency {latency}, {r.Cycles} cycles in {r.Seconds:F1} s ({rate} cycles/s)"
                + (sim != null ? $"; fast model {r.ModelCycles} cycles ({(r.Cycles == r.ModelCycles ? "equal" : "DIFFERENT")}), buckets {(r.BucketsEqual ? "equal" : "DIFFERENT")}" : ""));
        }
        lines.Add(Summary(entry.Name, last!));
        return new EngineRunReport(lines, all);
    }

    /// <summary>The summary line: <c>D: N points, C cycles, bound B, U% of bound, matches CPU</c>.</summary>
    public static string Summary(string design, MsmRunResult r) =>
        string.Create(CultureInfo.InvariantCulture, $"{design}: {r.Points} points, {r.Cycles} cycles, bound {r.Bound}, {r.Utilisation:F2}% of bound, ")
        + (r.MatchesCpu ? "matches CPU" : "DOES NOT match CPU");

    /// <summary>Runs one random job of <paramref name="n"/> points on <paramref name="sim"/> (or the fast model when null).</summary>
    public static MsmRunResult RunRandom(CurveSpec curve, MsmConfig config, int latency, int n, int seed, Simulator? sim, int distribution = 0) =>
        MsmDesigns.With(curve, new Job(config, latency, n, seed, distribution, sim, null));

    /// <summary>Runs a given job (points and scalar limbs) on <paramref name="sim"/> (or the fast model when null).</summary>
    public static MsmRunResult RunJob<F, C>(MsmConfig config, int latency, Affine<F, C>[] points, ulong[] scalars, Simulator? sim, Action<string>? progress = null)
        where F : struct, IPrimeField<F> where C : struct, ICurve<F>
    {
        var job = new MsmJob<F, C>(config, points, scalars);
        var expected = CpuKernels.Msm.Msm<F, C>(points, scalars);
        var sw = Stopwatch.StartNew();
        var buckets = job.NewBuckets();
        long model = MsmScheduleModel.Run(config, latency, job.Identity, job.Digits, op => job.Apply(buckets, op));
        if (sim == null)
        {
            var sum = MsmJob<F, C>.Reduce(config, a => buckets[a]);
            double s = sw.Elapsed.TotalSeconds;
            return new(points.Length, model, config.Bound(points.Length), model, true, sum == expected, s);
        }
        sw.Restart();
        var (cycles, words) = Drive(sim, MsmEngineJob.Of(job, latency), progress);
        double seconds = sw.Elapsed.TotalSeconds;
        var read = job.NewBuckets();
        bool equal = true;
        foreach (var (addr, word) in words)
        {
            read[addr] = MsmJob<F, C>.FromWord(config, word);
            equal &= read[addr] == buckets[addr];
        }
        var total = MsmJob<F, C>.Reduce(config, a => read[a]);
        return new(points.Length, cycles, config.Bound(points.Length), model, equal, total == expected, seconds);
    }

    /// <summary>
    /// Feeds the job to the netlist (in_valid high until every beat is taken, watching in_ready), counts cycles until
    /// idle, then reads back (and clears) the touched buckets; returns the cycles and the words read.
    /// </summary>
    public static (long Cycles, List<(int Address, System.Numerics.BigInteger Word)> Words) Drive(Simulator sim, MsmEngineJob job, Action<string>? progress = null)
    {
        sim.Reset(1);
        var (inValid, inReady, idle, rdEn, rdAddr, rdData) =
            (sim.Port("in_valid"), sim.Port("in_ready"), sim.Port("idle"), sim.Port("rd_en"), sim.Port("rd_addr"), sim.Port("rd_data"));
        var inData = sim.Port("in_data");
        int n = job.Beats.Length, next = 0;
        long t = 0, limit = 64L * (job.Config.Bound(n) + n + job.Latency + 16);
        rdEn.Set(0);
        if (n > 0) sim.Set(inData.Name, job.Beats[0]);
        var sw = Stopwatch.StartNew();
        while (true)
        {
            inValid.Set(next < n ? 1UL : 0UL);
            if (next == n && idle.Value == 1) break;
            bool fire = next < n && inReady.Value == 1;
            sim.Step();
            t++;
            if (fire && ++next < n) sim.Set(inData.Name, job.Beats[next]);
            if (t > limit) throw new TimeoutException($"MSM engine not idle after {t} cycles ({next} of {n} points taken)");
            if (progress != null && (t & 0xFFFF) == 0 && sw.ElapsedMilliseconds > 2000)
            {
                progress($"  cycle {t}, {next} of {n} points");
                sw.Restart();
            }
        }
        var words = new List<(int, System.Numerics.BigInteger)>(job.Reads.Length);
        for (int i = 0; i < job.Reads.Length; i++)
        {
            rdEn.Set(1);
            rdAddr.Set((ulong)job.Reads[i]);
            sim.Step();
            words.Add((job.Reads[i], rdData.Big));
        }
        rdEn.Set(0);
        sim.Step();
        return (t, words);
    }

    private sealed class Job(MsmConfig config, int latency, int n, int seed, int distribution, Simulator? sim, Action<string>? progress) : IMsmCurveAction<MsmRunResult>
    {
        public MsmRunResult Run<F, S, C>() where F : struct, IPrimeField<F> where S : struct, IPrimeField<S> where C : struct, ICurve<F> =>
            RunJob(config, latency, Math.Formats.Samples.Points<F, S, C>(n, seed), MsmDesigns.RandomScalars<S>(config, n, seed, distribution), sim, progress);
    }
}
