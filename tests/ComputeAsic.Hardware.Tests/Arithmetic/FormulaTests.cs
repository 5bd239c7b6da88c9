using System.Numerics;
using ComputeAsic.Hardware.Arithmetic;
using ComputeAsic.Hdl;
using static ComputeAsic.Hardware.Tests.Arithmetic.TestValues;

namespace ComputeAsic.Hardware.Tests.Arithmetic;

/// <summary>The software run of the butterflies and the point adder against ComputeAsic.Math.</summary>
public class FormulaTests
{
    public static TheoryData<string> NttFields() => [.. ArithmeticDesigns.NttFields.Select(f => f.Id)];

    public static TheoryData<string, bool> Curves()
    {
        var d = new TheoryData<string, bool>();
        foreach (var c in CurveSpec.All)
        {
            d.Add(c.Id, true);
            d.Add(c.Id, false);
        }
        return d;
    }

    [Theory]
    [MemberData(nameof(NttFields))]
    public void Butterflies_equal_the_math_library(string id)
    {
        var f = FieldSpec.Find(id);
        var g = f.Golden;
        var xs = FieldArithmeticTests.Elements(f, 6, 3).ToList();
        foreach (var a in xs)
        {
            foreach (var b in xs)
            {
                var w = xs[(int)(b % xs.Count)];
                var ops = new PipelinedField<Bits>(f, W);
                var (c0, c1) = Butterfly.CooleyTukey(ops, At0(a, f.Bits), At0(b, f.Bits), At0(w, f.Bits));
                Assert.Equal(g.Add(a, g.Mul(w, b)), c0.Value.ToBigInteger());
                Assert.Equal(g.Sub(a, g.Mul(w, b)), c1.Value.ToBigInteger());
                var (s0, s1) = Butterfly.GentlemanSande(ops, At0(a, f.Bits), At0(b, f.Bits), At0(w, f.Bits));
                Assert.Equal(g.Add(a, b), s0.Value.ToBigInteger());
                Assert.Equal(g.Mul(g.Sub(a, b), w), s1.Value.ToBigInteger());
                Assert.Equal(2, ops.Counts.Multiplications);
                Assert.Equal(4, ops.Counts.Additions);
            }
        }
    }

    /// <summary>Runs the generic formula in software on projective/affine inputs, returning the affine result.</summary>
    private static (AffinePoint Sum, OperationCounts Counts, BigInteger[] Raw) AddInSoftware(CurveSpec c, bool mixed, BigInteger[] p1, BigInteger[] p2)
    {
        int n = c.Field.Bits;
        var ops = new PipelinedField<Bits>(c.Field, W);
        var r = CompleteAddition.Add(ops,
            new(At0(p1[0], n), At0(p1[1], n), At0(p1[2], n)),
            new(At0(p2[0], n), At0(p2[1], n), At0(p2[2], mixed ? 1 : n)), 3 * c.B, mixed);
        var raw = new[] { r.X.Value.ToBigInteger(), r.Y.Value.ToBigInteger(), r.Z.Value.ToBigInteger() };
        return (c.Golden.FromProjective(raw[0], raw[1], raw[2]), ops.Counts, raw);
    }

    private static BigInteger[] Projective(CurveSpec c, AffinePoint p, BigInteger scale)
    {
        var q = c.Field.Modulus;
        return p.IsIdentity ? [0, scale, 0] : [p.X * scale % q, p.Y * scale % q, scale];
    }

    private static BigInteger[] Second(CurveSpec c, bool mixed, AffinePoint p, BigInteger scale) =>
        !mixed ? Projective(c, p, scale) : p.IsIdentity ? [scale, scale + 1, 0] : [p.X, p.Y, 1];

    [Theory]
    [MemberData(nameof(Curves))]
    public void Point_addition_equals_the_math_library_on_every_kind_of_pair(string id, bool mixed)
    {
        var c = CurveSpec.All.Single(x => x.Id == id);
        var g = c.Golden;
        var q = c.Field.Modulus;
        var rng = new Random(id.Length * 7 + (mixed ? 1 : 0));
        AffinePoint Random() => g.Multiple(ArithmeticDesigns.Element(rng, BigInteger.One << 200) + 1);
        var pts = Enumerable.Range(0, 4).Select(_ => Random()).ToList();
        var cases = new List<(AffinePoint, AffinePoint, string)>();
        foreach (var p in pts)
        {
            cases.Add((p, pts[(pts.IndexOf(p) + 1) % pts.Count], "random"));
            cases.Add((p, p, "doubling"));
            cases.Add((p, g.Negate(p), "P + (-P)"));
            cases.Add((p, AffinePoint.Identity, "P + O"));
            cases.Add((AffinePoint.Identity, p, "O + P"));
        }
        cases.Add((AffinePoint.Identity, AffinePoint.Identity, "O + O"));
        var scales = new BigInteger[] { 1, q - 1, ArithmeticDesigns.Element(rng, q - 1) + 1 };
        foreach (var (a, b, what) in cases)
        {
            foreach (var s in scales)
            {
                var want = g.Add(a, b);
                var (got, counts, raw) = AddInSoftware(c, mixed, Projective(c, a, s), Second(c, mixed, b, q - s));
                Assert.True(want == got, $"{id} {what}: {a} + {b} gave {got}, expected {want}");
                Assert.All(raw, v => Assert.InRange(v, BigInteger.Zero, q - 1));
                if (want.IsIdentity) Assert.True(raw[0].IsZero && !raw[1].IsZero, $"{what}: identity must come out as (0 : Y : 0)");
                Assert.Equal(mixed ? 11 : 12, counts.Multiplications);
                Assert.Equal(3, counts.SmallMultiplications);
            }
        }
    }

    [Fact]
    public void Mixed_addition_ignores_the_coordinates_of_a_flagged_identity()
    {
        var c = CurveSpec.Bn254;
        var p = c.Golden.Multiple(5);
        foreach (var junk in new BigInteger[] { 0, 1, 12345, c.Field.Modulus - 1 })
        {
            var (got, _, _) = AddInSoftware(c, true, Projective(c, p, 3), [junk, junk, 0]);
            Assert.Equal(p, got);
        }
    }

    [Fact]
    public void Point_sums_are_accumulated_correctly_over_a_chain()
    {
        // 20 mixed additions of G into an accumulator starting at the identity give 20·G.
        var c = CurveSpec.Bls12377;
        var gen = c.Golden.Multiple(1);
        BigInteger[] acc = [0, 1, 0];
        for (int i = 0; i < 20; i++)
        {
            var (_, _, raw) = AddInSoftware(c, true, acc, [gen.X, gen.Y, 1]);
            acc = raw;
        }
        Assert.Equal(c.Golden.Multiple(20), c.Golden.FromProjective(acc[0], acc[1], acc[2]));
    }
}
