using System.Numerics;
using ComputeAsic.Hardware;
using ComputeAsic.Hdl;
using ComputeAsic.Hdl.Emit;

namespace ComputeAsic.Sim.Tests;

/// <summary>
/// Co-simulation: recorded C# simulation runs replayed against the emitted HDL in GHDL, Icarus and Verilator, for
/// every catalog design and for random designs; and a wrong expectation must make it fail.
/// </summary>
public class CosimTests
{
    internal static string WorkDir(string name) => Directory.CreateTempSubdirectory($"cosim-{name}-").FullName;

    internal static Trace RecordCatalog(string name, int seed, out Design design, int? cycles = null)
    {
        var entry = DesignCatalog.Find(name);
        var args = entry.Parse(null);
        design = new Design(entry.Build(args));
        using var sim = new Simulator(design);
        return Cosimulation.Record(sim, entry.Stimulus(args, seed), cycles ?? entry.CosimCycles);
    }

    private static void Pass(Design design, Trace trace, CosimTool tool, string name)
    {
        string dir = WorkDir(name);
        try
        {
            var r = Cosimulation.Run(design, trace, tool, dir);
            Assert.True(r.Passed, $"{tool} on {name}: {string.Join("\n", r.Mismatches.Take(5))}\n{(r.Mismatches.Count == 0 ? r.Log[^System.Math.Min(3000, r.Log.Length)..] : "")}");
            Assert.Equal(trace.Cycles, r.Cycles);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    public static TheoryData<string, CosimTool> CatalogAndTools()
    {
        var data = new TheoryData<string, CosimTool>();
        foreach (var e in DesignCatalog.All.Where(e => !e.Large))
        {
            data.Add(e.Name, CosimTool.Ghdl);
            data.Add(e.Name, CosimTool.Icarus);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CatalogAndTools))]
    public void EveryCatalogDesignMatchesInGhdlAndIcarus(string name, CosimTool tool)
    {
        var trace = RecordCatalog(name, 1, out var design);
        Pass(design, trace, tool, name);
    }

    [Theory]
    [InlineData("counter")]
    public void VerilatorMatches(string name)
    {
        var trace = RecordCatalog(name, 2, out var design, 200);
        Pass(design, trace, CosimTool.Verilator, name);
    }

    [Theory]
    [Trait("Category", "Long")]
    [InlineData("fifo")]
    [InlineData("adder_tree")]
    [InlineData("stream_stage")]
    [InlineData("mul256")]
    public void VerilatorMatchesTheOtherDesigns(string name)
    {
        var trace = RecordCatalog(name, 2, out var design);
        Pass(design, trace, CosimTool.Verilator, name);
    }

    public static TheoryData<int, CosimTool> RandomAndTools() => new()
    {
        { 1, CosimTool.Ghdl }, { 2, CosimTool.Ghdl }, { 3, CosimTool.Ghdl },
        { 1, CosimTool.Icarus }, { 2, CosimTool.Icarus }, { 3, CosimTool.Icarus }, { 4, CosimTool.Icarus }, { 5, CosimTool.Icarus },
    };

    /// <summary>Random designs reach corners of the emitters (odd widths, wide selects, rings, memories, all reset styles).</summary>
    [Theory]
    [MemberData(nameof(RandomAndTools))]
    public void RandomDesignsMatch(int seed, CosimTool tool)
    {
        var clock = new ClockDomain("clk", "rst", AsyncReset: seed % 2 == 0, ResetActiveLow: seed % 3 == 0);
        var design = new Design(RandomDesigns.Build(seed, clock: clock));
        using var sim = new Simulator(design);
        var trace = Cosimulation.Record(sim, new RandomStimulus(seed, resetOneIn: 13), 120);
        Pass(design, trace, tool, $"fuzz{seed}");
    }

    [Theory]
    [InlineData(CosimTool.Ghdl)]
    [InlineData(CosimTool.Icarus)]
    public void AWrongExpectationFailsWithCyclePortExpectedAndActual(CosimTool tool) => WrongExpectation(tool);

    [Fact]
    [Trait("Category", "Long")]
    public void AWrongExpectationFailsInVerilatorToo() => WrongExpectation(CosimTool.Verilator);

    private static void WrongExpectation(CosimTool tool)
    {
        var trace = RecordCatalog("counter", 3, out var design, 40);
        var good = trace.Output(17, "count");
        trace.SetOutput(17, "count", good ^ 4);
        string dir = WorkDir("broken");
        try
        {
            var r = Cosimulation.Run(design, trace, tool, dir);
            Assert.False(r.Passed);
            var line = Assert.Single(r.Mismatches);
            string hex(BigInteger v) => v.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)[^2..];
            Assert.StartsWith("MISMATCH cycle 17 port count expected ", line);
            Assert.Contains(hex(good ^ 4), line.ToLowerInvariant());
            Assert.EndsWith(hex(good), line.ToLowerInvariant());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
