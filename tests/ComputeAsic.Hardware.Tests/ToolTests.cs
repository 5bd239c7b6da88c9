using ComputeAsic.Hdl;
using ComputeAsic.Hdl.Emit;
using ComputeAsic.Hdl.Tools;

namespace ComputeAsic.Hardware.Tests;

/// <summary>The real tools accept the emitted text of every design: GHDL analysis and elaboration, Verilator -Wall lint, Yosys synthesis.</summary>
public class ToolTests
{
    public static TheoryData<string> Designs() => new(DesignCatalog.All.Where(e => !e.Large).Select(e => e.Name));

    private static (Design Design, string Dir) Emit(string name, HdlLanguage lang, params string[] parameters)
    {
        var e = DesignCatalog.Find(name);
        var design = new Design(e.Build(e.Parse(parameters)));
        string dir = Directory.CreateTempSubdirectory($"tools-{name}-").FullName;
        Emitter.For(lang).WriteTo(design, dir);
        return (design, dir);
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void GhdlAnalysesAndElaboratesTheVhdl(string name)
    {
        var (design, dir) = Emit(name, HdlLanguage.Vhdl);
        try
        {
            var files = design.Circuits.Select(c => design.EntityName(c) + ".vhd");
            var a = ToolRunner.Run("ghdl", ["-a", "--std=08", .. files], dir, TimeSpan.FromMinutes(5));
            Assert.True(a.ExitCode == 0, a.Output);
            var e = ToolRunner.Run("ghdl", ["-e", "--std=08", design.EntityName(design.Top)], dir, TimeSpan.FromMinutes(5));
            Assert.True(e.ExitCode == 0, e.Output);
            Assert.DoesNotContain("warning", a.Output + e.Output, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void VerilatorLintWithAllWarningsIsClean(string name)
    {
        var (design, dir) = Emit(name, HdlLanguage.Verilog);
        try
        {
            var files = design.Circuits.Select(c => design.EntityName(c) + ".v");
            var r = ToolRunner.Run("verilator", ["--lint-only", "-Wall", "--top-module", design.EntityName(design.Top), .. files], dir, TimeSpan.FromMinutes(5));
            Assert.True(r.ExitCode == 0 && !r.Output.Contains("%Warning", StringComparison.Ordinal), r.Output);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void BrokenVhdlIsRejectedByGhdl()
    {
        var (design, dir) = Emit("counter", HdlLanguage.Vhdl);
        try
        {
            string f = Path.Combine(dir, design.EntityName(design.Top) + ".vhd");
            File.WriteAllText(f, File.ReadAllText(f).Replace("end architecture rtl;", "end architecture;\nbroken", StringComparison.Ordinal));
            Assert.NotEqual(0, ToolRunner.Run("ghdl", ["-a", "--std=08", Path.GetFileName(f)], dir, TimeSpan.FromMinutes(1)).ExitCode);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("counter", SynthTarget.Xcup)]
    [InlineData("counter", SynthTarget.Ice40)]
    [InlineData("fifo", SynthTarget.Ice40)]
    public void YosysSynthesizes(string name, SynthTarget target) => Synthesizes(name, target);

    [Theory]
    [Trait("Category", "Long")]
    [InlineData("stream_stage", SynthTarget.Xcup)]
    [InlineData("adder_tree", SynthTarget.Xcup)]
    [InlineData("stream_stage", SynthTarget.Ice40)]
    public void YosysSynthesizesTheOthers(string name, SynthTarget target) => Synthesizes(name, target);

    private static void Synthesizes(string name, SynthTarget target)
    {
        var e = DesignCatalog.Find(name);
        var design = new Design(e.Build(e.Parse(null)));
        string dir = Directory.CreateTempSubdirectory("yosys-").FullName;
        try
        {
            var r = Yosys.Synthesize(design, target, dir);
            Assert.True(r.FlipFlops > 0, string.Join(", ", r.Cells));
            if (name == "counter") Assert.Equal(8, r.FlipFlops);   // an 8-bit counter: its adder may map to carry cells only
            else Assert.True(r.Luts > 0, string.Join(", ", r.Cells));
            if (name == "fifo") Assert.Equal(1, r.BlockRams);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void YosysMapsMemoryToBlockRamAndTileProductsToDspsOnIce40()
    {
        var e = DesignCatalog.Find("fifo");
        var fifo = new Design(e.Build(e.Parse(["depth=512"])));
        // Yosys 0.23 packs a 33-bit post-adder into SB_MAC16 and then fails ("CO connected to constants"),
        // so on iCE40 the DSP check is on one tile product; the whole multiplier is checked on UltraScale+.
        var tile = new Design(new Library.TileProduct(16, 16));
        string dir = Directory.CreateTempSubdirectory("yosys-").FullName;
        try
        {
            Assert.Equal(1, Yosys.Synthesize(fifo, SynthTarget.Ice40, Path.Combine(dir, "fifo")).BlockRams);
            Assert.Equal(1, Yosys.Synthesize(tile, SynthTarget.Ice40, Path.Combine(dir, "tile")).Dsps);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    [Trait("Category", "Long")]
    public void YosysMapsMemoryToBlockRamAndProductsToDspsOnUltraScale()
    {
        var e = DesignCatalog.Find("fifo");
        var fifo = new Design(e.Build(e.Parse(["depth=512"])));
        var m = DesignCatalog.Find("mul256");
        var mul = new Design(m.Build(m.Parse(["width=32", "tile_a=16", "tile_b=16"])));
        string dir = Directory.CreateTempSubdirectory("yosys-").FullName;
        try
        {
            Assert.Equal(1, Yosys.Synthesize(fifo, SynthTarget.Xcup, Path.Combine(dir, "fifo")).BlockRams);
            Assert.Equal(4, Yosys.Synthesize(mul, SynthTarget.Xcup, Path.Combine(dir, "mul")).Dsps);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
