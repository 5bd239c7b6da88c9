using System.Numerics;
using ComputeAsic.Hardware.Arithmetic;
using ComputeAsic.Hdl;
using ComputeAsic.Hdl.Emit;
using ComputeAsic.Sim;

namespace ComputeAsic.Hardware.Tests.Arithmetic;

/// <summary>
/// Every arithmetic block as a simulated netlist fed a new input every cycle: its outputs equal the software run of
/// the same generic code exactly Latency cycles later (and not one cycle earlier or later), and the golden check
/// against ComputeAsic.Math passes.
/// </summary>
public class PipelineTests
{
    /// <summary>Designs whose netlists are simulated in the normal suite: every block kind, every field's multiplier and each curve.</summary>
    public static readonly string[] Quick =
    [
        "mod_add_bn254_fq", "mod_sub_bls12_381_fq", "mod_double_goldilocks", "mod_add_babybear", "mod_sub_bls12_377_fr",
        "mod_mul_bn254_fq", "mod_mul_bn254_fr", "mod_mul_bls12_381_fq", "mod_mul_bls12_377_fq", "mod_mul_goldilocks", "mod_mul_babybear",
        "wide_mul", "ntt_ct_goldilocks", "ntt_gs_goldilocks", "ntt_ct_bn254_fr", "ntt_gs_bn254_fr",
        "ec_add_mixed_bn254", "ec_add_bn254", "ec_add_mixed_bls12_381", "ec_add_bls12_377",
    ];

    public static TheoryData<string> QuickDesigns() => [.. Quick];

    public static TheoryData<string> OtherDesigns() => [.. ArithmeticDesigns.Entries().Select(e => e.Name).Except(Quick)];

    internal static (DesignEntry Entry, DesignArguments Args, Design Design) Load(string name)
    {
        var entry = DesignCatalog.Find(name);
        var args = entry.Parse([]);
        return (entry, args, new Design(entry.Build(args)));
    }

    /// <summary>Records a run of <paramref name="extra"/> cycles past the latency with the design's own stimulus.</summary>
    internal static (Trace Trace, int Latency) Record(string name, Design design, DesignEntry entry, DesignArguments args, int extra, int seed = 7)
    {
        int latency = design.Top.Latency!.Value;
        using var sim = new Simulator(design);
        return (Cosimulation.Record(sim, entry.Stimulus(args, seed), latency + extra), latency);
    }

    [Theory]
    [MemberData(nameof(QuickDesigns))]
    public void Netlist_equals_software_exactly_latency_cycles_later(string name) => Check(name, 40);

    [Theory]
    [Trait("Category", "Long")]
    [MemberData(nameof(OtherDesigns))]
    public void Netlist_equals_software_for_the_other_designs(string name) => Check(name, 60);

    private static void Check(string name, int extra)
    {
        var (entry, args, design) = Load(name);
        Assert.Empty(design.Warnings);
        var (trace, latency) = Record(name, design, entry, args, extra);
        int matchEarly = 0, matchLate = 0;
        for (int c = latency; c < trace.Cycles; c++)
        {
            var (want, time) = SoftwareModel.Run(name, args, (port, _) => trace.Input(c - latency, port));
            Assert.Equal(latency, time);
            foreach (var (port, value) in want)
                Assert.True(value == trace.Output(c, port), $"{name} cycle {c}: {port} = {trace.Output(c, port)}, software run of the inputs of cycle {c - latency} gives {value}");
            // The same outputs one cycle off must not match: the latency is exact, not merely sufficient.
            if (c + 1 < trace.Cycles && Same(want, p => trace.Output(c + 1, p))) matchLate++;
            if (c > latency && Same(want, p => trace.Output(c - 1, p))) matchEarly++;
        }
        Assert.True(matchEarly + matchLate < extra / 4, $"{name}: outputs also match one cycle off ({matchEarly} early, {matchLate} late)");
        var golden = entry.Check!(args, trace);
        Assert.Empty(golden.Failures);
        Assert.Equal(extra, golden.Checks);
    }

    private static bool Same(Dictionary<string, BigInteger> want, Func<string, BigInteger> got) => want.All(kv => got(kv.Key) == kv.Value);

    [Theory]
    [InlineData("mod_mul_bn254_fq", "y")]
    [InlineData("ntt_gs_goldilocks", "y1")]
    [InlineData("ec_add_mixed_bn254", "z3")]
    public void Golden_check_catches_a_wrong_output(string name, string port)
    {
        var (entry, args, design) = Load(name);
        var (trace, latency) = Record(name, design, entry, args, 5);
        int c = latency + 2;
        trace.SetOutput(c, port, trace.Output(c, port) ^ 1);
        var golden = entry.Check!(args, trace);
        Assert.Single(golden.Failures);
        Assert.Contains($"cycle {c}", golden.Failures[0]);
    }

    [Fact]
    public void Point_adder_counts_and_latency_are_as_documented()
    {
        var mixed = new PointAdderModule(CurveSpec.Bn254, mixed: true);
        var full = new PointAdderModule(CurveSpec.Bn254, mixed: false);
        Assert.Equal(11, mixed.Counts.Multiplications);
        Assert.Equal(12, full.Counts.Multiplications);
        Assert.Equal(3, mixed.Counts.SmallMultiplications);
        // Two multiplications deep, plus additions and the 3b multiplication between them.
        int lm = FieldMultiplier.For(CurveSpec.Bn254.Field).Latency;
        Assert.InRange(mixed.Latency!.Value, 2 * lm, 2 * lm + 8);
        Assert.InRange(full.Latency!.Value, mixed.Latency!.Value, 2 * lm + 8);
    }
}
