using System.Numerics;
using ComputeAsic.Hardware.Arithmetic;
using ComputeAsic.Hdl.Emit;
using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;
using ComputeAsic.Math.Formats;

namespace ComputeAsic.Hardware.Msm;

/// <summary>A job as the engine sees it (per-point identity flags, digits, packed beats) and the buckets to read back.</summary>
/// <param name="Config">Engine shape.</param>
/// <param name="Latency">Adder latency.</param>
/// <param name="Identity">Per point: identity flag.</param>
/// <param name="Digits">W digits per point.</param>
/// <param name="Beats">Input beat per point.</param>
/// <param name="Reads">Bucket addresses read back after the job.</param>
public sealed record MsmEngineJob(MsmConfig Config, int Latency, bool[] Identity, int[] Digits, BigInteger[] Beats, int[] Reads)
{
    /// <summary>From a checked curve job.</summary>
    public static MsmEngineJob Of<F, C>(MsmJob<F, C> job, int latency) where F : struct, IPrimeField<F> where C : struct, ICurve<F> =>
        new(job.Config, latency, job.Identity, job.Digits, [.. Enumerable.Range(0, job.Points.Length).Select(job.Beat)], job.TouchedAddresses());
}

/// <summary>
/// Inputs of a recorded engine run for co-simulation: one reset cycle, then the job exactly as the host bench feeds it
/// (the accept cycles come from the cycle-exact <see cref="MsmScheduleModel"/>), then the bucket read-back.
/// </summary>
public sealed class MsmStimulus : Stimulus
{
    private readonly MsmEngineJob _job;
    private readonly int[] _presented;

    /// <summary>Plans the run of <paramref name="job"/>.</summary>
    public MsmStimulus(MsmEngineJob job)
    {
        _job = job;
        var accepts = new List<long>();
        long next = 0;
        Cycles = MsmScheduleModel.Run(job.Config, job.Latency, job.Identity, job.Digits, onAccept: t => accepts.Add(t));
        _presented = new int[Cycles];
        int k = 0;
        for (long t = 0; t < Cycles; t++)
        {
            _presented[t] = (int)next;
            if (k < accepts.Count && accepts[k] == t) { next++; k++; }
        }
    }

    /// <summary>Job cycles (after the reset cycle, before the read-back).</summary>
    public long Cycles { get; }

    /// <summary>Cycle of the trace at which read-back starts.</summary>
    public long ReadStart => Cycles + 1;

    /// <summary>Trace cycles that cover the whole run: reset, job, read-back and the last word out.</summary>
    public long End => ReadStart + _job.Reads.Length + 1;

    /// <inheritdoc/>
    public override BigInteger Value(long cycle, int index, TracePort port)
    {
        if (port.Name == "rst") return cycle == 0 ? 1 : 0;
        if (cycle == 0) return 0;
        long t = cycle - 1;
        int n = _job.Beats.Length;
        if (t < Cycles)
        {
            int p = _presented[t];
            return port.Name switch
            {
                "in_valid" => p < n ? 1 : 0,
                "in_data" => p < n ? _job.Beats[p] : 0,
                _ => 0,
            };
        }
        long j = t - Cycles;
        if (j >= _job.Reads.Length) return 0;
        return port.Name switch
        {
            "rd_en" => 1,
            "rd_addr" => _job.Reads[j],
            _ => 0,
        };
    }
}

/// <summary>The MSM engine designs in the catalog: one per curve, with the complete adder.</summary>
public static class MsmDesigns
{
    /// <summary>Default window width of the catalog designs.</summary>
    public const int DefaultWindow = 8;

    /// <summary>The parameters of every MSM design.</summary>
    public static IReadOnlyList<DesignParameter> Parameters { get; } =
    [
        new("window", DefaultWindow, MsmConfig.MinWindow, MsmConfig.MaxWindow, "window width c: W = ceil((scalar bits + 1) / c) windows of 2^(c-1) buckets"),
        new("points", 4096, 1, 1 << 24, "points of the random job hdl sim runs"),
        new("fifo_depth", 32, 2, 4096, "entries of the parking FIFO (a power of two)"),
        new("scalars", 0, 0, 2, "scalars of the random job: 0 uniform, 1 all equal, 2 digits 1 or 2 in every window (two buckets per window)"),
    ];

    /// <summary>Catalog name of the engine on <paramref name="curve"/>.</summary>
    public static string Name(CurveSpec curve) => $"msm_{curve.Id}";

    /// <summary>The curve of a catalog name, or null.</summary>
    public static CurveSpec? CurveOf(string design) => CurveSpec.All.FirstOrDefault(c => Name(c) == design);

    /// <summary>The engine shape of a build.</summary>
    public static MsmConfig Config(CurveSpec curve, DesignArguments a) =>
        new(a["window"], (int)curve.Order.GetBitLength(), curve.Field.Bits, a["fifo_depth"]);

    /// <summary>Builds the engine for <paramref name="curve"/>.</summary>
    public static MsmEngine Build(CurveSpec curve, DesignArguments a) => new(Config(curve, a), new CompleteBucketAdder(curve));

    /// <summary>A random job of <paramref name="n"/> points from <paramref name="seed"/>.</summary>
    public static MsmJob<F, C> RandomJob<F, S, C>(MsmConfig config, int n, int seed, int distribution = 0)
        where F : struct, IPrimeField<F> where S : struct, IPrimeField<S> where C : struct, ICurve<F> =>
        new(config, Samples.Points<F, S, C>(n, seed), RandomScalars<S>(config, n, seed, distribution));

    /// <summary>Scalars of a random job: 0 uniform, 1 all equal (one bucket per window), 2 digits 1 or 2 (two buckets per window).</summary>
    public static ulong[] RandomScalars<S>(MsmConfig config, int n, int seed, int distribution) where S : struct, IPrimeField<S>
    {
        var s = Samples.Scalars<S>(n, seed);
        const int L = MsmJson.ScalarLimbs;
        if (distribution == 1)
        {
            for (int i = 1; i < n; i++) s.AsSpan(0, L).CopyTo(s.AsSpan(i * L, L));
        }
        else if (distribution == 2)
        {
            var rng = new Random(seed);
            for (int i = 0; i < n; i++)
            {
                BigInteger k = 0;
                for (int w = 0; w < config.Windows - 1; w++) k += new BigInteger(1 + rng.Next(2)) << config.Offsets[w];
                Math.Fields.Limbs.FromBigInteger(k, s.AsSpan(i * L, L));
            }
        }
        return s;
    }

    /// <summary>Runs <paramref name="action"/> with the Math types of <paramref name="curve"/>.</summary>
    public static R With<R>(CurveSpec curve, IMsmCurveAction<R> action) => curve.Id switch
    {
        "bn254" => action.Run<Bn254Fq, Bn254Fr, Bn254G1>(),
        "bls12_381" => action.Run<Bls12381Fq, Bls12381Fr, Bls12381G1>(),
        "bls12_377" => action.Run<Bls12377Fq, Bls12377Fr, Bls12377G1>(),
        _ => throw new ArgumentException($"no MSM types for curve {curve.Id}"),
    };

    /// <summary>Adds the engines to <see cref="DesignCatalog"/>.</summary>
    public static void RegisterAll()
    {
        DesignCatalog.Register(StandIn());
        foreach (var curve in CurveSpec.All)
        {
            DesignCatalog.Register(new DesignEntry(Name(curve),
                $"MSM engine on {curve.Id} G1: Pippenger buckets, one addition per cycle into the complete adder, parking FIFO for busy buckets",
                Parameters, a => Build(curve, a))
            {
                Stimulus = (a, seed) => new MsmStimulus(With(curve, new RandomEngineJob(curve, a, seed))),
                CosimCycles = 300,
                Large = true,
            });
        }
    }

    /// <summary>
    /// The engine around the stand-in adder (<c>msm_standin</c>): the scheduler, FIFO and bucket memory at a chosen
    /// coordinate width without the point adder, so they can be synthesized and co-simulated on their own quickly.
    /// </summary>
    public static DesignEntry StandIn() => new("msm_standin",
        "MSM engine scheduler, parking FIFO and bucket memory around a stand-in adder (coordinate sums, fixed latency) instead of the point adder",
        [
            new("window", 4, MsmConfig.MinWindow, MsmConfig.MaxWindow, "window width c"),
            new("scalar_bits", 16, 1, 384, "bits of the scalars"),
            new("bits", 16, 2, 384, "bits of a coordinate"),
            new("latency", 8, 1, 512, "adder latency L"),
            new("fifo_depth", 8, 2, 4096, "entries of the parking FIFO (a power of two)"),
        ],
        a => new MsmEngine(new MsmConfig(a["window"], a["scalar_bits"], a["bits"], a["fifo_depth"]), new StandInBucketAdder(a["bits"], a["latency"])))
    {
        CosimCycles = 400,
        Large = true,   // verified by MsmSchedulerTests, not by the catalog sweeps' random stimulus
    };

    private sealed class RandomEngineJob(CurveSpec curve, DesignArguments a, int seed) : IMsmCurveAction<MsmEngineJob>
    {
        public MsmEngineJob Run<F, S, C>() where F : struct, IPrimeField<F> where S : struct, IPrimeField<S> where C : struct, ICurve<F>
        {
            var config = Config(curve, a);
            int latency = new CompleteBucketAdder(curve).Latency;
            return MsmEngineJob.Of(RandomJob<F, S, C>(config, a["points"], seed, a["scalars"]), latency);
        }
    }
}

/// <summary>A computation generic over a curve's base field, scalar field and curve types.</summary>
public interface IMsmCurveAction<out R>
{
    /// <summary>Runs with the types.</summary>
    R Run<F, S, C>() where F : struct, IPrimeField<F> where S : struct, IPrimeField<S> where C : struct, ICurve<F>;
}
