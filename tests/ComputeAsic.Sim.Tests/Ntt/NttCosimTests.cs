using ComputeAsic.Hardware;
using ComputeAsic.Hdl;
using ComputeAsic.Hdl.Emit;

namespace ComputeAsic.Sim.Tests.Ntt;

/// <summary>
/// The NTT engine's emitted HDL replays recorded runs of whole transforms (the catalog stimulus, checked against the
/// definition first) and matches every output on every cycle: VHDL in GHDL at N = 16, k = 2 for every field, Verilog in
/// Verilator at N = 64 in the suite and N = 2^10 in the long category.
/// </summary>
public class NttCosimTests
{
    private static void Replay(string design, string[] parameters, CosimTool tool, int cycles, TimeSpan? timeout = null)
    {
        var entry = DesignCatalog.Find(design);
        var args = entry.Parse(parameters);
        var d = new Design(entry.Build(args));
        Trace trace;
        using (var sim = new Simulator(d)) trace = Cosimulation.Record(sim, entry.Stimulus(args, 7), cycles);
        var golden = entry.Check!(args, trace);
        Assert.Empty(golden.Failures);
        Assert.True(golden.Checks > 0, "the recorded run finished no transform");
        string dir = CosimTests.WorkDir(design);
        try
        {
            var r = Cosimulation.Run(d, trace, tool, dir, timeout);
            Assert.True(r.Passed, $"{tool}: {string.Join("\n", r.Mismatches.Take(5))}\n{(r.Mismatches.Count == 0 ? r.Log[^System.Math.Min(3000, r.Log.Length)..] : "")}");
            Assert.Equal(cycles, r.Cycles);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("ntt_engine_goldilocks", "inverse=0", "coset=0")]
    [InlineData("ntt_engine_babybear", "inverse=1", "coset=1")]
    [InlineData("ntt_engine_bn254_fr", "inverse=0", "coset=1")]
    public void GhdlMatchesEveryCycleAtN16K2(string design, string inverse, string coset) =>
        Replay(design, ["logn=4", "lanes=2", inverse, coset], CosimTool.Ghdl, 300);

    [Fact]
    public void VerilatorMatchesAtN64() => Replay("ntt_engine_goldilocks", ["logn=6", "lanes=4", "inverse=1"], CosimTool.Verilator, 600);

    /// <summary>The Verilator build of the BN254 Fr engine alone takes about ten minutes on a loaded 2-core machine.</summary>
    [Theory]
    [Trait("Category", "Long")]
    [InlineData("ntt_engine_goldilocks", 4)]
    [InlineData("ntt_engine_bn254_fr", 2)]
    public void VerilatorMatchesAtN1024(string design, int lanes) =>
        Replay(design, ["logn=10", $"lanes={lanes}"], CosimTool.Verilator, 6000, TimeSpan.FromMinutes(40));
}
