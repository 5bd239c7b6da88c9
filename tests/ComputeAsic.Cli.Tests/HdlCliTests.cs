using ComputeAsic.Cli;

namespace ComputeAsic.Cli.Tests;

/// <summary>The <c>computeasic hdl ...</c> verbs, run in-process.</summary>
public class HdlCliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void ListNamesEveryDesignFirstOnItsLine()
    {
        var (code, o, _) = Run("hdl", "list");
        Assert.Equal(0, code);
        var first = o.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToList();
        Assert.Equal(["counter", "fifo", "adder_tree", "stream_stage", "mul256"], first.Take(5));
    }

    [Theory]
    [InlineData("vhdl", ".vhd")]
    [InlineData("verilog", ".v")]
    public void EmitWritesOneFilePerEntityAndEndsWithTheTopName(string lang, string ext)
    {
        string dir = Directory.CreateTempSubdirectory("cli-emit-").FullName;
        try
        {
            var (code, o, _) = Run("hdl", "emit", "--design", "mul256", "--param", "width=64", "--param", "tile_a=16", "--lang", lang, "--out", dir);
            Assert.Equal(0, code);
            string top = o.TrimEnd().Split('\n')[^1].Split(' ')[^1];
            Assert.Equal("mul64_t16x17", top);
            Assert.Equal(["mul64_sum_t16x17", "mul64_t16x17", "tile_mul_16x17"], Directory.GetFiles(dir).Select(Path.GetFileNameWithoutExtension).Order());
            Assert.All(Directory.GetFiles(dir), f => Assert.EndsWith(ext, f));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("hdl", "emit", "--design", "nosuch", "--out", "x")]
    [InlineData("hdl", "emit", "--design", "fifo", "--param", "depth=12", "--out", "x")]
    [InlineData("hdl", "sim", "--design", "counter", "--param", "bogus=1")]
    [InlineData("hdl", "sim", "--design", "counter", "--param", "width=0")]
    [InlineData("hdl", "cosim", "--design", "counter", "--tool", "modelsim")]
    [InlineData("hdl", "synth", "--design", "counter", "--target", "stratix")]
    public void BadDesignsParametersAndOptionsExitWithTwoAndOneLine(params string[] args)
    {
        var (code, o, e) = Run(args);
        Assert.Equal(2, code);
        Assert.Single(e.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", o);
    }

    [Fact]
    public void SimRunsTheGoldenModelAndWritesAVcd()
    {
        string vcd = Path.Combine(Directory.CreateTempSubdirectory("cli-sim-").FullName, "fifo.vcd");
        try
        {
            var (code, o, _) = Run("hdl", "sim", "--design", "fifo", "--cycles", "300", "--vcd", vcd);
            Assert.Equal(0, code);
            Assert.Contains("simulated 300 cycles", o);
            Assert.Matches(@"golden model: \d+ checks passed", o);
            Assert.StartsWith("$version", File.ReadAllText(vcd));
            var again = Run("hdl", "sim", "--design", "fifo", "--cycles", "300");
            Assert.Equal(o.Replace($"wrote {vcd}\n", ""), again.Out);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(vcd)!, true);
        }
    }

    [Theory]
    [InlineData("ghdl")]
    [InlineData("icarus")]
    public void CosimExitsZeroWhenEveryCycleMatched(string tool)
    {
        var (code, o, e) = Run("hdl", "cosim", "--design", "stream_stage", "--param", "width=12", "--tool", tool, "--cycles", "200");
        Assert.True(code == 0, o + e);
        Assert.Contains("matched the C# simulation on all 200 cycles", o);
    }

    [Fact]
    public void SynthPrintsTheFourResourceCounts()
    {
        var (code, o, e) = Run("hdl", "synth", "--design", "adder_tree", "--param", "count=4", "--param", "width=8", "--target", "ice40");
        Assert.True(code == 0, o + e);
        foreach (var what in new[] { "LUTs", "flip-flops", "DSPs", "block RAMs" }) Assert.Matches($@"  {what} +\d+", o);
    }

    [Fact]
    public void BenchPrintsFiguresAndRatios()
    {
        var (code, o, e) = Run("hdl", "bench", "--design", "adder_tree", "--cycles", "20000", "--ghdl-cycles", "50", "--repeats", "1", "--peers", "ghdl-mcode");
        Assert.True(code == 0, o + e);
        Assert.Matches(@"computeasic +[\d,]+ cycles/s", o);
        Assert.Matches(@"ghdl-mcode +[\d,]+ cycles/s", o);
        Assert.Matches(@"computeasic / ghdl-mcode: [\d.]+x", o);
    }
}
