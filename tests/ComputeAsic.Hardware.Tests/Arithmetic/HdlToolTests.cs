using ComputeAsic.Hardware.Arithmetic;
using ComputeAsic.Hdl;
using ComputeAsic.Hdl.Emit;
using ComputeAsic.Hdl.Tools;
using ComputeAsic.Sim;

namespace ComputeAsic.Hardware.Tests.Arithmetic;

/// <summary>
/// The emitted HDL of the arithmetic blocks in real tools: GHDL replays the simulated vectors (a new input every cycle,
/// outputs checked every cycle), Verilator lints the Verilog with every warning on, and Yosys synthesizes for
/// UltraScale+. Wide blocks replay short runs: GHDL evaluates numeric_std products bit by bit.
/// </summary>
public sealed class HdlToolTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hw-arith-");

    public void Dispose() => _dir.Delete(recursive: true);

    /// <summary>GHDL co-simulations in the normal suite, with the cycles past the latency each replays.</summary>
    public static TheoryData<string, int> QuickCosim() => new()
    {
        { "mod_add_bn254_fq", 60 }, { "mod_sub_bls12_381_fq", 60 }, { "mod_double_babybear", 100 }, { "mod_sub_goldilocks", 100 },
        { "mod_mul_goldilocks", 150 }, { "mod_mul_babybear", 150 }, { "mod_mul_bn254_fq", 40 },
        { "ntt_ct_goldilocks", 150 }, { "ntt_gs_goldilocks", 150 }, { "ntt_gs_bn254_fr", 24 },
        { "ec_add_mixed_bn254", 12 },
    };

    public static TheoryData<string> AllDesigns() => [.. ArithmeticDesigns.Entries().Select(e => e.Name)];

    private void Cosim(string name, int extra)
    {
        var (entry, args, design) = PipelineTests.Load(name);
        var (trace, _) = PipelineTests.Record(name, design, entry, args, extra, seed: 11);
        // GHDL spends about a second of CPU per cycle on a 381-bit point adder; allow for a loaded machine.
        var r = Cosimulation.Run(design, trace, CosimTool.Ghdl, Path.Combine(_dir.FullName, name), TimeSpan.FromMinutes(45));
        Assert.True(r.Passed, $"{name}: {string.Join("\n", r.Mismatches.Take(5))}\n{(r.Log.Length > 3000 ? r.Log[^3000..] : r.Log)}");
        Assert.Equal(trace.Cycles, r.Cycles);
    }

    [Theory]
    [MemberData(nameof(QuickCosim))]
    public void Ghdl_replays_the_simulation_cycle_by_cycle(string name, int extra) => Cosim(name, extra);

    [Theory]
    [Trait("Category", "Long")]
    [MemberData(nameof(AllDesigns))]
    public void Ghdl_replays_every_design(string name) => Cosim(name, DesignCatalog.Find(name).CosimCycles);

    [Fact]
    public void Ghdl_bench_fails_when_an_expected_output_is_wrong()
    {
        const string name = "mod_mul_goldilocks";
        var (entry, args, design) = PipelineTests.Load(name);
        var (trace, latency) = PipelineTests.Record(name, design, entry, args, 10);
        trace.SetOutput(latency + 3, "y", trace.Output(latency + 3, "y") ^ 4);
        var r = Cosimulation.Run(design, trace, CosimTool.Ghdl, Path.Combine(_dir.FullName, "bad"));
        Assert.False(r.Passed);
        Assert.Single(r.Mismatches);
    }

    [Theory]
    [MemberData(nameof(PipelineTests.QuickDesigns), MemberType = typeof(PipelineTests))]
    public void Verilator_lints_the_verilog_without_warnings(string name) => Lint(name);

    [Theory]
    [Trait("Category", "Long")]
    [MemberData(nameof(PipelineTests.OtherDesigns), MemberType = typeof(PipelineTests))]
    public void Verilator_lints_the_other_designs(string name) => Lint(name);

    private void Lint(string name)
    {
        var (_, _, design) = PipelineTests.Load(name);
        string dir = Path.Combine(_dir.FullName, name);
        var files = new VerilogEmitter().WriteTo(design, dir).Select(Path.GetFileName).ToList();
        var r = ToolRunner.Run("verilator", ["--lint-only", "-Wall", "--top-module", design.EntityName(design.Top), .. files!], dir, TimeSpan.FromMinutes(5));
        Assert.True(r.ExitCode == 0 && !r.Output.Contains("%Warning", StringComparison.Ordinal), r.Output);
    }

    [Fact]
    public void Emitted_hdl_is_the_same_on_every_build_with_one_multiplier_entity()
    {
        string Emit(HdlLanguage lang) => string.Concat(Emitter.For(lang).Emit(PipelineTests.Load("ec_add_mixed_bn254").Design).Select(f => f.FileName + f.Text));
        Assert.Equal(Emit(HdlLanguage.Vhdl), Emit(HdlLanguage.Vhdl));
        Assert.Equal(Emit(HdlLanguage.Verilog), Emit(HdlLanguage.Verilog));
        var files = Emitter.For(HdlLanguage.Vhdl).Emit(PipelineTests.Load("ec_add_mixed_bn254").Design).Select(f => f.FileName).ToList();
        Assert.Single(files, f => f.StartsWith("mod_mul_", StringComparison.Ordinal));
    }

    [Fact]
    public void Yosys_maps_each_tile_to_one_dsp()
    {
        var m = new ModMulModule(FieldSpec.Goldilocks);
        var r = Yosys.Synthesize(new Design(m), SynthTarget.Xcup, Path.Combine(_dir.FullName, "synth_gl"));
        Assert.Equal(m.Multiplier.Tiles, r.Dsps);
        Assert.InRange(r.Luts, 100, 2000);
        Assert.InRange(r.FlipFlops, 100, 3000);
        var add = Yosys.Synthesize(new Design(new ModAddModule(FieldSpec.Bn254Fq)), SynthTarget.Xcup, Path.Combine(_dir.FullName, "synth_add"));
        Assert.Equal(0, add.Dsps);
        Assert.Equal(254, add.FlipFlops);
    }

    [Fact]
    [Trait("Category", "Long")]
    public void Yosys_counts_at_most_two_full_products_of_dsps_for_the_bn254_multiplier()
    {
        var m = new ModMulModule(FieldSpec.Bn254Fq);
        var r = Yosys.Synthesize(new Design(m), SynthTarget.Xcup, Path.Combine(_dir.FullName, "synth_bn254"));
        Assert.InRange(r.Dsps, m.Multiplier.Tiles - 8, 2 * TileGrid.Full(256, 256, TileShape.Dsp48E2).Tiles);
    }
}
