using System.Numerics;
using ComputeAsic.Hardware.Arithmetic;
using ComputeAsic.Hardware.Msm;
using ComputeAsic.Hdl;
using ComputeAsic.Math;
using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;
using ComputeAsic.Math.Formats;
using ComputeAsic.Sim;
using ComputeAsic.Sim.Engines;

namespace ComputeAsic.Hardware.Tests.Msm;

/// <summary>
/// The MSM engine: its netlist against <c>CpuKernels.Msm</c> for every curve on random and edge-case jobs, the fast
/// model against the netlist in buckets and cycles, the host's digits, and bad parameters and inputs.
/// </summary>
public sealed class MsmEngineTests
{
    public static TheoryData<string> Curves() => new(CurveSpec.All.Select(c => c.Id));

    private static CurveSpec Curve(string id) => CurveSpec.All.Single(c => c.Id == id);

    private static DesignArguments Args(CurveSpec curve, params string[] a) => DesignCatalog.Find(MsmDesigns.Name(curve)).Parse(a);

    [Fact]
    public void DigitsAreSignedWindowsThatSumToTheScalar()
    {
        var rng = new Random(5);
        foreach (var curve in CurveSpec.All)
        {
            int bits = (int)curve.Order.GetBitLength();
            foreach (int c in new[] { 2, 3, 5, 8, 13, 16 })
            {
                var config = new MsmConfig(c, bits, curve.Field.Bits, 8);
                foreach (var k in new[] { BigInteger.Zero, BigInteger.One, curve.Order - 1, (BigInteger.One << (bits - 1)) - 1 }
                    .Concat(Enumerable.Range(0, 50).Select(_ => ArithmeticDesigns.Element(rng, curve.Order))))
                {
                    var d = config.Digits(k);
                    Assert.Equal(config.Windows, d.Length);
                    Assert.All(d, x => Assert.InRange(x, -(1 << (c - 1)), 1 << (c - 1)));
                    BigInteger sum = 0;
                    for (int w = 0; w < d.Length; w++) sum += new BigInteger(d[w]) << config.Offsets[w];
                    Assert.Equal(k, sum);
                }
            }
        }
    }

    /// <summary>Random and edge-case jobs on the netlist of each curve: the sum equals the CPU kernel, the buckets and cycles equal the fast model's.</summary>
    [Theory]
    [MemberData(nameof(Curves))]
    public void NetlistEqualsTheCpuKernelAndTheFastModel(string id)
    {
        var curve = Curve(id);
        var args = Args(curve, "window=5", "fifo_depth=8");
        var engine = MsmDesigns.Build(curve, args);
        using var sim = new Simulator(engine);
        foreach (int n in new[] { 1, 7, 60 })
            Assert.True(Ok(MsmBench.RunRandom(curve, engine.Config, engine.Adder.Latency, n, n * 3 + 1, sim)), $"{id} random n={n}");
        MsmDesigns.With(curve, new EdgeJobs(engine.Config, engine.Adder.Latency, sim));
    }

    /// <summary>The fast model alone against the CPU kernel on a larger random job and on the edge cases.</summary>
    [Theory]
    [MemberData(nameof(Curves))]
    public void FastModelMatchesTheCpuKernel(string id)
    {
        var curve = Curve(id);
        var config = MsmDesigns.Config(curve, Args(curve, "window=9"));
        int latency = new CompleteBucketAdder(curve).Latency;
        var r = MsmBench.RunRandom(curve, config, latency, 3000, 9, null);
        Assert.True(r.MatchesCpu);
        Assert.InRange(r.Utilisation, 95, 100);
        MsmDesigns.With(curve, new EdgeJobs(config, latency, null));
    }

    private static bool Ok(MsmRunResult r) => r.MatchesCpu && r.BucketsEqual && r.Cycles == r.ModelCycles;

    /// <summary>Zero scalars, r − 1, identity points, one point many times, P and −P, all scalars equal, all scalars small.</summary>
    private sealed class EdgeJobs(MsmConfig config, int latency, Simulator? sim) : IMsmCurveAction<int>
    {
        public int Run<F, S, C>() where F : struct, IPrimeField<F> where S : struct, IPrimeField<S> where C : struct, ICurve<F>
        {
            const int L = MsmJson.ScalarLimbs;
            var pts = Samples.Points<F, S, C>(24, 77);
            var rm1 = C.Order - 1;
            ulong[] Scalars(IEnumerable<BigInteger> ks)
            {
                var list = ks.ToList();
                var s = new ulong[list.Count * L];
                for (int i = 0; i < list.Count; i++) ComputeAsic.Math.Fields.Limbs.FromBigInteger(list[i], s.AsSpan(i * L, L));
                return s;
            }
            var rng = new Random(3);
            BigInteger Rand() => ArithmeticDesigns.Element(rng, C.Order);
            var jobs = new List<(string Name, Affine<F, C>[] Points, ulong[] Scalars)>
            {
                ("zero scalars", pts[..6], Scalars(Enumerable.Repeat(BigInteger.Zero, 6))),
                ("r-1 and 1", pts[..4], Scalars([rm1, rm1, BigInteger.One, rm1])),
                ("identity points", [Affine<F, C>.Identity, pts[1], Affine<F, C>.Identity, pts[3]], Scalars([Rand(), Rand(), Rand(), rm1])),
                ("same point many times", [.. Enumerable.Repeat(pts[5], 20)], Scalars(Enumerable.Range(0, 20).Select(_ => Rand()))),
                ("P and -P", [pts[6], pts[6].Negate(), pts[7], pts[7].Negate()], Scalars([rm1, rm1, Rand(), Rand()])),
                ("all scalars equal", pts, Scalars(Enumerable.Repeat(Rand(), pts.Length))),
                ("same point, same scalar", [.. Enumerable.Repeat(pts[8], 16)], Scalars(Enumerable.Repeat(rm1, 16))),
                ("small scalars", pts, Scalars(Enumerable.Range(0, pts.Length).Select(i => new BigInteger(i % 9)))),
            };
            foreach (var (name, points, scalars) in jobs)
            {
                var r = MsmBench.RunJob(config, latency, points, scalars, sim);
                Assert.True(Ok(r), $"{C.Name} {name}: cpu {r.MatchesCpu}, buckets {r.BucketsEqual}, cycles {r.Cycles} vs model {r.ModelCycles}");
            }
            return jobs.Count;
        }
    }

    [Fact]
    public void BadParametersAndInputsAreClearErrors()
    {
        var entry = DesignCatalog.Find("msm_bn254");
        Assert.Contains("window must be in [2, 16]", Assert.Throws<InvalidInputException>(() => entry.Parse(["window=1"])).Message);
        Assert.Contains("window must be in [2, 16]", Assert.Throws<InvalidInputException>(() => entry.Parse(["window=17"])).Message);
        Assert.Contains("not a power of two", Assert.Throws<InvalidInputException>(() => entry.Build(entry.Parse(["fifo_depth=12"]))).Message);
        var config = MsmDesigns.Config(CurveSpec.Bn254, entry.Parse([]));
        var pts = Samples.Points<Bn254Fq, Bn254Fr, Bn254G1>(2, 1);
        var offCurve = new Affine<Bn254Fq, Bn254G1>(pts[0].X, pts[0].Y + Bn254Fq.One);
        var s = Samples.Scalars<Bn254Fr>(2, 1);
        Assert.Contains("point 1 is not on the curve", Assert.Throws<InvalidInputException>(() => new MsmJob<Bn254Fq, Bn254G1>(config, [pts[0], offCurve], s)).Message);
        var big = (ulong[])s.Clone();
        ComputeAsic.Math.Fields.Limbs.FromBigInteger(Bn254G1.Order, big.AsSpan(MsmJson.ScalarLimbs, MsmJson.ScalarLimbs));
        Assert.Contains("scalar 1 is not below", Assert.Throws<InvalidInputException>(() => new MsmJob<Bn254Fq, Bn254G1>(config, pts, big)).Message);
        Assert.Contains("need 8 scalar limbs", Assert.Throws<InvalidInputException>(() => new MsmJob<Bn254Fq, Bn254G1>(config, pts, s[..4])).Message);
    }

    /// <summary>The issue's goal: at least 98% of the N·W bound for 2^16 random points (c = 13); adversarial jobs correct.</summary>
    [Theory]
    [Trait("Category", "Long")]
    [MemberData(nameof(Curves))]
    public void FastModelReaches98PercentAt65536Points(string id)
    {
        var curve = Curve(id);
        var config = MsmDesigns.Config(curve, Args(curve, "window=13"));
        int latency = new CompleteBucketAdder(curve).Latency;
        var r = MsmBench.RunRandom(curve, config, latency, 1 << 16, 2, null);
        Assert.True(r.MatchesCpu);
        Assert.True(r.Utilisation >= 98, $"{r.Utilisation}");
        Assert.True(MsmBench.RunRandom(curve, config, latency, 1 << 12, 2, null, distribution: 1).MatchesCpu);
        Assert.True(MsmBench.RunRandom(curve, config, latency, 1 << 12, 2, null, distribution: 2).MatchesCpu);
    }

    [Theory]
    [Trait("Category", "Long")]
    [MemberData(nameof(Curves))]
    public void NetlistEqualsTheCpuKernelAt4096Points(string id)
    {
        var curve = Curve(id);
        var engine = MsmDesigns.Build(curve, Args(curve));
        using var sim = new Simulator(engine);
        var r = MsmBench.RunRandom(curve, engine.Config, engine.Adder.Latency, 4096, 12, sim);
        Assert.True(Ok(r));
        Assert.True(r.Utilisation > 98, $"{r.Utilisation}");
    }
}

/// <summary>The bench behind <c>hdl sim</c> and the real engine's emitted HDL in GHDL and Verilator.</summary>
public sealed class MsmEngineToolTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("msm-tools-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void BenchReportEndsWithTheSummaryLineForBothModels()
    {
        var entry = DesignCatalog.Find("msm_bn254");
        var args = entry.Parse(["points=50", "window=6"]);
        var bench = EngineBenches.Find(entry.Name)!;
        Assert.Equal(["netlist", "fast"], bench.Models);
        var cycles = new List<string>();
        foreach (var model in bench.Models)
        {
            var report = bench.Run(entry, args, new EngineRunOptions(Seed: 4, Model: model));
            Assert.True(report.Matches);
            var m = System.Text.RegularExpressions.Regex.Match(report.Lines[^1], @"^msm_bn254: 50 points, (\d+) cycles, bound 2150, (\d+\.\d+)% of bound, matches CPU$");
            Assert.True(m.Success, report.Lines[^1]);
            cycles.Add(m.Groups[1].Value);
        }
        Assert.Equal(cycles[0], cycles[1]);
        Assert.Null(EngineBenches.Find("ec_add_mixed_bn254"));
    }

    [Theory]
    [Trait("Category", "Long")]
    [InlineData(CosimTool.Ghdl, "msm_bn254", 4, 2)]
    [InlineData(CosimTool.Verilator, "msm_bn254", 6, 40)]
    [InlineData(CosimTool.Verilator, "msm_bls12_377", 6, 8)]
    public void HdlToolsReplayARecordedJobCycleByCycle(CosimTool tool, string name, int window, int points)
    {
        var entry = DesignCatalog.Find(name);
        var args = entry.Parse([$"window={window}", $"points={points}"]);
        var stimulus = (MsmStimulus)entry.Stimulus(args, 3);
        var design = new Design(entry.Build(args));
        using var sim = new Simulator(design);
        var trace = Cosimulation.Record(sim, stimulus, (int)stimulus.End);
        var r = Cosimulation.Run(design, trace, tool, Path.Combine(_dir.FullName, name), TimeSpan.FromMinutes(60));
        Assert.True(r.Passed, string.Join("\n", r.Mismatches.Take(5)) + (r.Log.Length > 3000 ? r.Log[^3000..] : r.Log));
    }
}
