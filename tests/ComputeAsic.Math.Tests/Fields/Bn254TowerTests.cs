using System.Numerics;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Math.Tests.Fields;

/// <summary>Fq2 against a BigInteger model of (a + bu)(c + du) with u² = −1; Fq6 and Fq12 by field laws and Frobenius = x^q.</summary>
public sealed class Bn254TowerTests
{
    private static readonly BigInteger Q = Bn254FqParams.Modulus;

    private static BigInteger RandomBelowQ(Random rng)
    {
        var b = new byte[40];
        rng.NextBytes(b);
        return new BigInteger(b, isUnsigned: true) % Q;
    }

    private static IEnumerable<BigInteger> Edge() => [0, 1, 2, Q - 1, Q - 2, (Q - 1) / 2, BigInteger.One << 253];

    private static IEnumerable<(BigInteger, BigInteger)> Samples(int seed, int count)
    {
        var rng = new Random(seed);
        foreach (var a in Edge()) foreach (var b in Edge()) yield return (a, b);
        for (int i = 0; i < count; i++) yield return (RandomBelowQ(rng), RandomBelowQ(rng));
    }

    private static Bn254Fq2 E((BigInteger A, BigInteger B) x) => Bn254Fq2.FromBigIntegers(x.A, x.B);

    private static (BigInteger, BigInteger) R(Bn254Fq2 x) => (x.C0.ToBigInteger(), x.C1.ToBigInteger());

    private static BigInteger Mod(BigInteger x) => ((x % Q) + Q) % Q;

    [Fact]
    public void Fq2ArithmeticMatchesTheBigIntegerModel()
    {
        var xs = Samples(1, 40).ToArray();
        var rng = new Random(2);
        foreach (var x in xs)
        {
            var y = xs[rng.Next(xs.Length)];
            var (a, b) = x;
            var (c, d) = y;
            Assert.Equal((Mod(a * c - b * d), Mod(a * d + b * c)), R(E(x) * E(y)));
            Assert.Equal((Mod(a * a - b * b), Mod(2 * a * b)), R(E(x).Square()));
            Assert.Equal((Mod(a + c), Mod(b + d)), R(E(x) + E(y)));
            Assert.Equal((Mod(a - c), Mod(b - d)), R(E(x) - E(y)));
            Assert.Equal((Mod(-a), Mod(-b)), R(-E(x)));
            Assert.Equal((Mod(9 * a - b), Mod(a + 9 * b)), R(E(x).MulByXi()));
            if (!E(x).IsZero) Assert.Equal(Bn254Fq2.One, E(x) * E(x).Inverse());
        }
        Assert.Equal(Bn254Fq2.Zero, Bn254Fq2.Zero.Inverse());
    }

    [Fact]
    public void Fq2SquareRootsRoundTrip()
    {
        int found = 0;
        foreach (var x in Samples(3, 30))
        {
            var s = E(x).Square();
            Assert.True(s.TrySqrt(out var root));
            Assert.Equal(s, root.Square());
            if (E(x).TrySqrt(out var r2))
            {
                Assert.Equal(E(x), r2.Square());
                found++;
            }
        }
        Assert.InRange(found, 5, 1000);
        // u is a non-square times... ξ = 9 + u is a non-square and a non-cube (it builds the tower).
        Assert.False(Bn254Fq2.Xi.TrySqrt(out _));
    }

    private static Bn254Fq6 Random6(Random rng) => new(Rnd2(rng), Rnd2(rng), Rnd2(rng));

    private static Bn254Fq2 Rnd2(Random rng) => Bn254Fq2.FromBigIntegers(RandomBelowQ(rng), RandomBelowQ(rng));

    private static Bn254Fq12 Random12(Random rng) => new(Random6(rng), Random6(rng));

    [Fact]
    public void Fq6AndFq12ObeyTheFieldLaws()
    {
        var rng = new Random(4);
        for (int i = 0; i < 6; i++)
        {
            Bn254Fq6 a = Random6(rng), b = Random6(rng), c = Random6(rng);
            Assert.Equal(a * (b + c), a * b + a * c);
            Assert.Equal((a * b) * c, a * (b * c));
            Assert.Equal(a * b, b * a);
            Assert.Equal(Bn254Fq6.One, a * a.Inverse());
            Assert.Equal(a * a, a.Square());
            // v³ = ξ.
            var v = new Bn254Fq6(Bn254Fq2.Zero, Bn254Fq2.One, Bn254Fq2.Zero);
            Assert.Equal(new Bn254Fq6(Bn254Fq2.Xi, Bn254Fq2.Zero, Bn254Fq2.Zero), v * v * v);
            Assert.Equal(a * v, a.MulByV());

            Bn254Fq12 x = Random12(rng), y = Random12(rng), z = Random12(rng);
            Assert.Equal(x * (y + z), x * y + x * z);
            Assert.Equal((x * y) * z, x * (y * z));
            Assert.Equal(x * y, y * x);
            Assert.Equal(x * x, x.Square());
            Assert.Equal(Bn254Fq12.One, x * x.Inverse());
            // w² = v.
            var w = new Bn254Fq12(Bn254Fq6.Zero, Bn254Fq6.One);
            Assert.Equal(new Bn254Fq12(v, Bn254Fq6.Zero), w * w);
        }
    }

    [Fact]
    public void FrobeniusIsThePowerQ()
    {
        var rng = new Random(5);
        var x = Random12(rng);
        Assert.Equal(FieldMath.Pow(x, Q), x.Frobenius(1));
        Assert.Equal(FieldMath.Pow(x, Q * Q), x.Frobenius(2));
        Assert.Equal(x.Frobenius(1).Frobenius(2), x.Frobenius(3));
        Assert.Equal(x.Conjugate(), x.Frobenius(6));
        var y = x;
        for (int i = 0; i < 12; i++) y = y.Frobenius(1);
        Assert.Equal(x, y);
    }
}
