using System.Numerics;
using ComputeAsic.Hardware.Arithmetic;
using ComputeAsic.Hdl;
using static ComputeAsic.Hardware.Tests.Arithmetic.TestValues;

namespace ComputeAsic.Hardware.Tests.Arithmetic;

/// <summary>The software run of the generic field arithmetic against ComputeAsic.Math, on edge and random inputs.</summary>
public class FieldArithmeticTests
{
    public static TheoryData<string> Fields() => [.. FieldSpec.All.Select(f => f.Id)];

    /// <summary>0, 1, 2, p−2, p−1, and random elements.</summary>
    internal static IEnumerable<BigInteger> Elements(FieldSpec f, int random, int seed)
    {
        var p = f.Modulus;
        BigInteger[] edges = [0, 1, 2, p - 2, p - 1, (p - 1) / 2, (p + 1) / 2];
        var rng = new Random(seed);
        return edges.Concat(Enumerable.Range(0, random).Select(_ => ArithmeticDesigns.Element(rng, p)));
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Add_sub_double_equal_the_math_library(string id)
    {
        var f = FieldSpec.Find(id);
        var xs = Elements(f, 12, 1).ToList();
        foreach (var a in xs)
        {
            foreach (var b in xs)
            {
                var add = ModArith.Add(W, At0(a, f.Bits), At0(b, f.Bits), f.Modulus, "y");
                var sub = ModArith.Sub(W, At0(a, f.Bits), At0(b, f.Bits), f.Modulus, "y");
                Assert.Equal(f.Golden.Add(a, b), add.Value.ToBigInteger());
                Assert.Equal(f.Golden.Sub(a, b), sub.Value.ToBigInteger());
                Assert.Equal((f.Bits, 1), (add.Width, add.Time));
                Assert.Equal((f.Bits, 1), (sub.Width, sub.Time));
            }
            var dbl = ModArith.Double(W, At0(a, f.Bits), f.Modulus, "y");
            Assert.Equal(f.Golden.Add(a, a), dbl.Value.ToBigInteger());
        }
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Multiplication_equals_the_math_library(string id)
    {
        var f = FieldSpec.Find(id);
        var m = FieldMultiplier.For(f);
        var max = (BigInteger.One << f.Bits) - 1;
        // Any n-bit operands are accepted (not only canonical ones): 2^n − 1 is among the edges.
        var xs = Elements(f, 10, 2).Append(max).ToList();
        foreach (var a in xs)
        {
            foreach (var b in xs)
            {
                var y = m.Multiply(W, At0(a, f.Bits), At0(b, f.Bits));
                Assert.True(f.Golden.Mul(a, b) == y.Value.ToBigInteger(), $"{f.Id}: {a} * {b}");
                Assert.Equal((f.Bits, m.Latency), (y.Width, y.Time));
            }
        }
    }

    [Theory]
    [InlineData("bn254_fq", 2)]
    [InlineData("bn254_fq", 5)]
    [InlineData("bls12_381_fq", 1)]
    [InlineData("bls12_377_fq", 4)]
    [InlineData("babybear", 3)]
    public void Every_option_setting_still_multiplies_correctly(string id, int corrections)
    {
        var f = FieldSpec.Find(id);
        var o = new ArithmeticOptions { MaxCorrections = corrections, LevelsPerStage = corrections % 3 + 1, Tile = new(18 + corrections, 16), Karatsuba = corrections % 2 == 0 };
        var m = FieldMultiplier.For(f, o);
        foreach (var a in Elements(f, 8, corrections))
            foreach (var b in Elements(f, 4, corrections + 10))
                Assert.Equal(f.Golden.Mul(a, b), m.Multiply(W, At0(a, f.Bits), At0(b, f.Bits)).Value.ToBigInteger());
    }

    [Fact]
    public void Barrett_error_bound_is_what_the_corrections_cover()
    {
        foreach (var f in FieldSpec.All.Where(f => !f.IsGoldilocks))
        {
            var m = new BarrettMultiplier(f, ArithmeticOptions.Default);
            Assert.InRange(m.Corrections, 1, 3);
            Assert.True(m.RemainderBound >> m.RemainderBits == 0, f.Id);
            // The largest product must still reduce correctly, whatever tiles were dropped.
            var max = (BigInteger.One << f.Bits) - 1;
            Assert.Equal(f.Golden.Mul(max, max), m.Multiply(W, At0(max, f.Bits), At0(max, f.Bits)).Value.ToBigInteger());
        }
    }

    [Fact]
    public void Bn254_base_field_multiplier_stays_within_two_full_products_of_tiles()
    {
        var m = FieldMultiplier.For(FieldSpec.Bn254Fq);
        int fullProduct256 = TileGrid.Full(256, 256, TileShape.Dsp48E2).Tiles;
        Assert.Equal(160, fullProduct256);
        Assert.True(m.Tiles <= 2 * fullProduct256, m.Describe());
    }

    [Theory]
    [InlineData("bn254_fq", 9)]
    [InlineData("bls12_381_fq", 12)]
    [InlineData("bls12_377_fq", 3)]
    [InlineData("goldilocks", 7)]
    [InlineData("bn254_fr", 1)]
    public void Small_constant_multiplication_equals_the_math_library(string id, int k)
    {
        var f = FieldSpec.Find(id);
        foreach (var a in Elements(f, 20, k))
            Assert.Equal(f.Golden.Mul(a, k), ModArith.MulSmall(W, At0(a, f.Bits), k, f.Modulus, 2, "y").Value.ToBigInteger());
    }
}
