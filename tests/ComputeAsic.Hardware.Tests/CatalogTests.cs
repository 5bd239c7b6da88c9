using System.Numerics;
using ComputeAsic.Hardware.Library;
using ComputeAsic.Hdl;
using ComputeAsic.Hdl.Emit;
using ComputeAsic.Math;
using ComputeAsic.Sim;

namespace ComputeAsic.Hardware.Tests;

/// <summary>The design catalog: lookup, parameters, and every design against its golden model.</summary>
public class CatalogTests
{
    [Fact]
    public void ShipsTheExamplesAndTheMultiplier()
    {
        var names = DesignCatalog.All.Select(e => e.Name).ToList();
        Assert.Equal(names.Distinct(), names);
        Assert.Subset(names.ToHashSet(), new HashSet<string> { "counter", "fifo", "adder_tree", "stream_stage", "mul256" });
    }

    [Fact]
    public void BadNamesAndParametersAreInputErrorsNamingTheProblem()
    {
        Assert.Contains("unknown design", Assert.Throws<InvalidInputException>(() => DesignCatalog.Find("mul257")).Message);
        var fifo = DesignCatalog.Find("fifo");
        Assert.Contains("has no parameter 'size'", Assert.Throws<InvalidInputException>(() => fifo.Parse(["size=3"])).Message);
        Assert.Contains("expected depth=<integer>", Assert.Throws<InvalidInputException>(() => fifo.Parse(["depth=x"])).Message);
        Assert.Contains("expected depth=<integer>", Assert.Throws<InvalidInputException>(() => fifo.Parse(["depth"])).Message);
        Assert.Contains("must be in [2, 65536]", Assert.Throws<InvalidInputException>(() => fifo.Parse(["depth=1"])).Message);
        var e = Assert.Throws<InvalidInputException>(() => fifo.Build(fifo.Parse(["depth=12"])));
        Assert.Contains("not a power of two", e.Message);
        Assert.Equal(12, fifo.Parse(["depth=12", "width=3"])["depth"]);
        Assert.Throws<ArgumentException>(() => DesignCatalog.Register(new DesignEntry("fifo", "again", [], _ => new Module("x"))));
    }

    public static TheoryData<string, string[]> Configurations() => new()
    {
        { "counter", [] }, { "counter", ["width=1"] }, { "counter", ["width=70"] },
        { "fifo", [] }, { "fifo", ["width=100", "depth=2"] },
        { "adder_tree", [] }, { "adder_tree", ["count=5", "width=100"] }, { "adder_tree", ["count=2", "width=1"] },
        { "stream_stage", [] }, { "stream_stage", ["width=1"] },
        { "mul256", [] }, { "mul256", ["width=100", "tile_a=24", "tile_b=18", "levels_per_stage=2"] }, { "mul256", ["width=17", "tile_a=17", "tile_b=17"] },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void EveryDesignPassesItsGoldenModel(string name, string[] parameters)
    {
        var entry = DesignCatalog.Find(name);
        var args = entry.Parse(parameters);
        using var sim = new Simulator(entry.Build(args));
        var trace = Cosimulation.Record(sim, entry.Stimulus(args, 21), 500);
        var g = entry.Check!(args, trace);
        Assert.True(g.Failures.Count == 0, string.Join("\n", g.Failures.Take(5)));
        Assert.True(g.Checks > 20, $"only {g.Checks} checks");
    }

    [Theory]
    [InlineData("counter", "count")]
    [InlineData("fifo", "out_data")]
    [InlineData("adder_tree", "sum")]
    [InlineData("mul256", "p")]
    public void GoldenModelsCatchAWrongOutput(string name, string port)
    {
        var entry = DesignCatalog.Find(name);
        var args = entry.Parse(null);
        using var sim = new Simulator(entry.Build(args));
        var trace = Cosimulation.Record(sim, entry.Stimulus(args, 2), 300);
        for (int c = 40; c < trace.Cycles; c++) trace.SetOutput(c, port, trace.Output(c, port) ^ 1);
        Assert.NotEmpty(entry.Check!(args, trace).Failures);
    }

    [Fact]
    public void ShiftedSumAddsTermsOfAnyWeight()
    {
        var rng = new Random(3);
        for (int k = 0; k < 20; k++)
        {
            int n = 1 + rng.Next(12), width = 64 + rng.Next(200);
            var m = new Module($"shifted_sum_{k}");
            var terms = new List<Term>();
            var widths = new List<(int W, int Off)>();
            for (int i = 0; i < n; i++)
            {
                int w = 1 + rng.Next(70), off = rng.Next(width);
                widths.Add((w, off));
                terms.Add(new Term(m.Input($"t{i}", w), off));
            }
            var (sum, latency) = ShiftedSum.Build(m, terms, width, 1 + rng.Next(3));
            m.Output("sum", sum);
            m.Latency = latency;
            using var sim = new Simulator(m);
            var mod = BigInteger.One << width;
            BigInteger expect = 0;
            for (int i = 0; i < n; i++)
            {
                var v = new BigInteger(rng.NextInt64()) & ((BigInteger.One << widths[i].W) - 1);
                sim.Set($"t{i}", v);
                expect += v << widths[i].Off;
            }
            sim.Step(latency);
            Assert.Equal(expect % mod, sim.Get("sum"));
        }
    }

    [Fact]
    public void MultiplierReusesOneTileEntity()
    {
        var design = new Design(new TiledMultiplier(256));
        Assert.Equal(["tile_mul_26x17", "mul256_sum_t26x17", "mul256_t26x17"], design.Circuits.Select(design.EntityName));
        Assert.Equal(160, design.Top.Instances.Count(i => i.Definition.Name == "tile_mul_26x17"));
        Assert.Equal(10, design.Top.Latency);
        using var sim = new Simulator(design);
        Assert.True(sim.NodeCount > 2000, $"{sim.NodeCount} nodes");
    }
}
