using System.Numerics;
using ComputeAsic.Hardware;
using ComputeAsic.Hardware.Arithmetic;
using ComputeAsic.Hardware.Ntt;
using ComputeAsic.Math;
using ComputeAsic.Sim.Engines;

namespace ComputeAsic.Sim.Tests.Ntt;

/// <summary>
/// The NTT engine's netlist in the simulator against <c>CpuKernels.Ntt</c> and the O(N²) definition, for every field,
/// forward and inverse, plain and coset, several N and k, on random and edge inputs, back to back and with stalls on
/// both streams; its cycle count against the bound; and its parameter checks.
/// </summary>
public class NttEngineTests
{
    private static FieldSpec Field(string id) => FieldSpec.Find(id);

    /// <summary>Random input, then the edge inputs: all zero, all p − 1, a single one, alternating 0 / p − 1.</summary>
    private static IEnumerable<BigInteger[]> Inputs(NttConfig c, int seed)
    {
        var p = c.Field.Modulus;
        yield return NttRunner.RandomInput(c, new Random(seed));
        yield return new BigInteger[c.N];
        yield return Enumerable.Repeat(p - 1, c.N).ToArray();
        var one = new BigInteger[c.N];
        one[seed % c.N] = 1;
        yield return one;
        yield return Enumerable.Range(0, c.N).Select(i => i % 2 == 0 ? BigInteger.Zero : p - 1).ToArray();
    }

    public static TheoryData<string, int, int, bool, bool, int> Configurations()
    {
        var d = new TheoryData<string, int, int, bool, bool, int>();
        foreach (var f in new[] { "goldilocks", "babybear", "bn254_fr" })
        {
            d.Add(f, 4, 1, false, false, 2);
            d.Add(f, 5, 2, true, false, 1);
            d.Add(f, 6, 8, false, false, 2);
            d.Add(f, 6, 4, true, false, 3);
            d.Add(f, 5, 4, false, true, 2);
            d.Add(f, 6, 2, true, true, 2);
        }
        d.Add("goldilocks", 8, 16, false, false, 2);
        d.Add("babybear", 9, 8, true, false, 1);
        return d;
    }

    /// <summary>The five inputs streamed back to back (overlapping in the buffers), once without and once with random stalls on both streams.</summary>
    [Theory]
    [MemberData(nameof(Configurations))]
    public void NetlistEqualsTheCpuKernelBackToBack(string field, int logN, int lanes, bool inverse, bool coset, int buffers)
    {
        var f = Field(field);
        var c = new NttConfig(f, logN, lanes, inverse, coset ? f.Generator : null, buffers: buffers);
        using var run = new NttRunner(new NttEngine(c));
        var xs = Inputs(c, logN * 31 + lanes).ToArray();
        foreach (var stalls in new[] { null, new Random(logN) })
        {
            var got = run.TransformAll(xs, out var cycles, stalls);
            for (int i = 0; i < xs.Length; i++)
            {
                Assert.Equal(NttRunner.Reference(c, xs[i]), got[i]);
                if (logN <= 6) Assert.Equal(NttReference.Transform(c, xs[i]), got[i]);   // the definition, independent of the kernel
            }
            Assert.True(cycles.Compute >= c.Bound, $"compute {cycles.Compute} below the bound {c.Bound}");
        }
    }

    [Theory]
    [InlineData("goldilocks", 4, 5, false, false)]
    [InlineData("goldilocks", 5, 4, true, true)]
    [InlineData("babybear", 4, 4, true, false)]
    [InlineData("bn254_fr", 4, 4, false, true)]
    public void FourStepOnTheEngineEqualsTheCpuKernelOfTheWholeSize(string field, int log1, int log2, bool inverse, bool coset)
    {
        var f = Field(field);
        var whole = new NttConfig(f, log1 + log2, 1, inverse, coset ? f.Generator : null);
        using var columns = new NttRunner(new NttEngine(new NttConfig(f, log1, 2, inverse)));
        using var other = log1 == log2 ? null : new NttRunner(new NttEngine(new NttConfig(f, log2, 2, inverse)));
        var x = NttRunner.RandomInput(whole, new Random(log1 * 7 + log2));
        var got = NttFourStep.Transform(columns, other ?? columns, whole, x, out long cycles);
        Assert.Equal(NttRunner.Reference(whole, x), got);
        Assert.True(cycles > 0);
    }

    [Fact]
    public void FourStepRejectsEnginesThatDoNotFit()
    {
        var f = FieldSpec.Goldilocks;
        using var e = new NttRunner(new NttEngine(new NttConfig(f, 4, 2)));
        var whole = new NttConfig(f, 9, 1);
        var ex = Assert.Throws<ArgumentException>(() => NttFourStep.Transform(e, e, whole, new BigInteger[512], out _));
        Assert.Contains("do not multiply", ex.Message);
    }

    [Fact]
    public void AnyCosetShiftIsHonoured()
    {
        var f = FieldSpec.Bn254Fr;
        var c = new NttConfig(f, 5, 2, inverse: false, shift: 12345);
        using var run = new NttRunner(new NttEngine(c));
        var x = NttRunner.RandomInput(c, new Random(3));
        Assert.Equal(NttRunner.Reference(c, x), run.Transform(x, out _));
    }

    [Theory]
    [InlineData("goldilocks")]
    [InlineData("bn254_fr")]
    public void ComputePhaseIsAtLeast92PercentOfTheBoundAt4096(string field)
    {
        var c = new NttConfig(Field(field), 12, 4);
        using var run = new NttRunner(new NttEngine(c));
        var x = NttRunner.RandomInput(c, new Random(1));
        var got = run.Transform(x, out var cycles);
        Assert.Equal(NttRunner.Reference(c, x), got);
        Assert.True(100.0 * c.Bound / cycles.Compute >= 92, $"{cycles.Compute} cycles for bound {c.Bound}");
        Assert.True(cycles.EndToEnd > cycles.Compute + 2 * c.Rows - 1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TwoBuffersHideLoadAndDrainBehindTheCompute(int buffers)
    {
        var c = new NttConfig(FieldSpec.Goldilocks, 10, 4, buffers: buffers);
        using var run = new NttRunner(new NttEngine(c));
        var rng = new Random(2);
        var xs = Enumerable.Range(0, 3).Select(_ => NttRunner.RandomInput(c, rng)).ToArray();
        var got = run.TransformAll(xs, out var cycles);
        for (int i = 0; i < xs.Length; i++) Assert.Equal(NttRunner.Reference(c, xs[i]), got[i]);
        if (buffers == 1) Assert.True(cycles.Interval >= cycles.Compute + 2 * c.Rows, $"one buffer: {cycles.Interval} per transform");
        else Assert.True(cycles.Interval <= cycles.Compute + 8, $"two buffers: {cycles.Interval} per transform for {cycles.Compute} of compute");
    }

    [Theory]
    [InlineData(3, 1, "2^4 to 2^32")]
    [InlineData(33, 1, "two-adicity")]
    [InlineData(10, 3, "power of two")]
    [InlineData(4, 16, "N/2")]
    [InlineData(5, 8, "lanes^2")]
    [InlineData(5, 2, "buffers", 4)]
    public void BadParametersAreClearErrors(int logN, int lanes, string says, int buffers = 2)
    {
        var e = Assert.Throws<ArgumentException>(() => new NttConfig(FieldSpec.Goldilocks, logN, lanes, buffers: buffers));
        Assert.Contains(says, e.Message);
    }

    [Fact]
    public void BabyBearSizesStopAtItsTwoAdicity()
    {
        var e = Assert.Throws<ArgumentException>(() => new NttConfig(FieldSpec.BabyBear, 28, 4));
        Assert.Contains("2^27", e.Message);
    }

    [Fact]
    public void CatalogBuildTurnsBadParametersIntoInvalidInput()
    {
        var entry = DesignCatalog.Find("ntt_engine_bn254_fr");
        var e = Assert.Throws<InvalidInputException>(() => entry.Build(entry.Parse(["logn=29"])));
        Assert.Contains("logn=29", e.Message);
        Assert.Throws<InvalidInputException>(() => entry.Build(entry.Parse(["lanes=6"])));
    }

    [Fact]
    public void CatalogHasOneEnginePerField()
    {
        foreach (var id in new[] { "goldilocks", "babybear", "bn254_fr" })
        {
            var e = DesignCatalog.All.Single(d => d.Name.Contains("ntt", StringComparison.Ordinal) && d.Name.Contains(id, StringComparison.Ordinal) && d.Parameters.Any(p => p.Name == "logn"));
            Assert.Contains(e.Parameters, p => p.Name == "lanes");
        }
    }

    [Fact]
    public void BenchReportEndsWithTheSummaryLine()
    {
        var entry = DesignCatalog.Find("ntt_engine_goldilocks");
        var bench = EngineBenches.Find(entry.Name)!;
        var report = bench.Run(entry, entry.Parse(["logn=8", "lanes=2"]), new EngineRunOptions(Jobs: 2));
        Assert.True(report.Matches);
        Assert.Matches(@"^ntt_engine_goldilocks: 256 values, \d+ cycles, bound 512, \d+\.\d% of bound, matches CPU$", report.Lines[^1]);
    }

    [Fact]
    public void CatalogStimulusRunsWholeTransformsThatTheTraceCheckAccepts()
    {
        var entry = DesignCatalog.Find("ntt_engine_babybear");
        var args = entry.Parse(["logn=4", "lanes=2"]);
        using var sim = new Simulator(entry.Build(args));
        var trace = Cosimulation.Record(sim, entry.Stimulus(args, 5), 400);
        var g = entry.Check!(args, trace);
        Assert.Empty(g.Failures);
        Assert.True(g.Checks >= 3 * 16, $"only {g.Checks} values checked");
        // and a wrong reference is caught
        var bad = NttDesigns.CheckTrace(NttDesigns.Config(FieldSpec.BabyBear, args), trace, (c, x) => NttReference.Transform(c, x).Reverse().ToArray());
        Assert.NotEmpty(bad.Failures);
    }
}
