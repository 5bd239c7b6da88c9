using System.Numerics;
using System.Text;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Math.Tests.Fields;

/// <summary>Every field checked against System.Numerics.BigInteger on edge and random values.</summary>
public abstract class FieldTests<T> where T : struct, IPrimeField<T>
{
    private static readonly BigInteger P = T.Modulus;
    private const int RandomCases = 400;

    /// <summary>0, 1, p-1, values around every 64-bit limb boundary and around p/2.</summary>
    public static IEnumerable<BigInteger> EdgeValues()
    {
        var set = new SortedSet<BigInteger> { 0, 1, 2, 3, P - 1, P - 2, P >> 1, (P >> 1) + 1 };
        for (int k = 32; k < T.Bits + 64; k += 32)
        {
            var b = BigInteger.One << k;
            foreach (var v in new[] { b - 1, b, b + 1 }) set.Add(v);
        }
        foreach (var v in set.ToArray()) set.Add(P - 1 - (v % P));
        return set.Where(v => v >= 0 && v < P);
    }

    protected static IEnumerable<BigInteger> Values(int seed)
    {
        var rng = new Random(seed);
        foreach (var e in EdgeValues()) yield return e;
        var bytes = new byte[T.ByteLength + 8];
        for (int i = 0; i < RandomCases; i++)
        {
            rng.NextBytes(bytes);
            var v = new BigInteger(bytes, isUnsigned: true) % P;
            // Also values with long runs of all-ones or zero limbs.
            if (i % 5 == 1) v = (v | ((BigInteger.One << 64) - 1)) % P;
            if (i % 5 == 2) v = (v >> 64 << 64) % P;
            yield return v;
        }
    }

    private static BigInteger Mod(BigInteger x) => ((x % P) + P) % P;

    [Fact]
    public void RoundTripsThroughBigInteger()
    {
        foreach (var v in Values(1)) Assert.Equal(v, T.FromBigInteger(v).ToBigInteger());
    }

    [Fact]
    public void RejectsValuesOutsideTheField()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => T.FromBigInteger(P));
        Assert.Throws<ArgumentOutOfRangeException>(() => T.FromBigInteger(-1));
    }

    [Fact]
    public void ArithmeticMatchesBigInteger()
    {
        var xs = Values(2).ToArray();
        var ys = Values(3).Reverse().ToArray();
        for (int i = 0; i < xs.Length; i++)
        {
            var a = xs[i];
            var b = ys[i % ys.Length];
            T fa = T.FromBigInteger(a), fb = T.FromBigInteger(b);
            Assert.Equal(Mod(a + b), (fa + fb).ToBigInteger());
            Assert.Equal(Mod(a - b), (fa - fb).ToBigInteger());
            Assert.Equal(Mod(-a), (-fa).ToBigInteger());
            Assert.Equal(Mod(a * b), (fa * fb).ToBigInteger());
            Assert.Equal(Mod(a * a), fa.Square().ToBigInteger());
            Assert.Equal(Mod(2 * a), fa.Double().ToBigInteger());
            Assert.Equal(a == b, fa == fb);
            Assert.Equal(a.IsZero, fa.IsZero);
        }
    }

    [Fact]
    public void InverseAndPowMatchBigInteger()
    {
        foreach (var a in Values(4).Take(120))
        {
            T fa = T.FromBigInteger(a);
            var expected = a.IsZero ? BigInteger.Zero : BigInteger.ModPow(a, P - 2, P);
            Assert.Equal(expected, fa.Inverse().ToBigInteger());
            if (!a.IsZero) Assert.Equal(T.One, fa * fa.Inverse());
            var e = (a * 7919 + 12345) % (P * 3);
            Assert.Equal(BigInteger.ModPow(a, e, P), FieldMath.Pow(fa, e).ToBigInteger());
        }
    }

    [Fact]
    public void SmallIntegersAreExact()
    {
        foreach (long v in new long[] { 0, 1, 2, 7, -1, -5, long.MaxValue, long.MinValue + 1 })
            Assert.Equal(Mod(v), T.FromInt(v).ToBigInteger());
    }

    [Fact]
    public void SquareRootsOfSquaresAndNonResidues()
    {
        int nonResidues = 0;
        foreach (var a in Values(5).Take(80))
        {
            T fa = T.FromBigInteger(a);
            T sq = fa.Square();
            Assert.True(sq.TrySqrt(out T r));
            Assert.Equal(sq, r.Square());
            bool isSquare = a.IsZero || BigInteger.ModPow(a, (P - 1) / 2, P).IsOne;
            Assert.Equal(isSquare, fa.TrySqrt(out T r2));
            if (isSquare) Assert.Equal(fa, r2.Square());
            else nonResidues++;
        }
        Assert.True(nonResidues > 10);
    }

    [Fact]
    public void BatchInverseMatchesSingleInverses()
    {
        var values = Values(6).Take(64).Select(T.FromBigInteger).ToArray();
        var copy = values.ToArray();
        FieldMath.BatchInverse<T>(copy);
        for (int i = 0; i < values.Length; i++) Assert.Equal(values[i].Inverse(), copy[i]);
    }

    [Fact]
    public void DecimalRoundTripAndRejection()
    {
        Span<byte> buf = stackalloc byte[200];
        foreach (var v in Values(7))
        {
            var f = T.FromBigInteger(v);
            string s = v.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(s, f.ToString());
            int n = f.FormatDecimal(buf);
            Assert.Equal(s, Encoding.ASCII.GetString(buf[..n]));
            Assert.True(T.TryParseDecimal(Encoding.ASCII.GetBytes(s), out var back));
            Assert.Equal(f, back);
        }
        foreach (string bad in new[] { "", "-1", "+1", "1a", " 1", "0x10", "1.0", P.ToString(), (P * 10).ToString(), new string('9', 200) })
            Assert.False(T.TryParseDecimal(Encoding.ASCII.GetBytes(bad), out _), bad);
        Assert.True(T.TryParseDecimal("007"u8, out var seven));
        Assert.Equal(T.FromInt(7), seven);
    }

    [Fact]
    public void LittleEndianBytesRoundTrip()
    {
        var buf = new byte[T.ByteLength];
        foreach (var v in Values(8))
        {
            T.FromBigInteger(v).WriteLittleEndian(buf);
            Assert.Equal(v, new BigInteger(buf, isUnsigned: true));
            Assert.True(T.TryReadLittleEndian(buf, out var back));
            Assert.Equal(v, back.ToBigInteger());
        }
        var pBytes = new byte[T.ByteLength];
        P.TryWriteBytes(pBytes, out _, isUnsigned: true);
        Assert.False(T.TryReadLittleEndian(pBytes, out _));
    }

    [Fact]
    public void CanonicalLimbsMatchTheInteger()
    {
        var limbs = new ulong[(T.Bits + 63) / 64];
        foreach (var v in Values(9).Take(50))
        {
            T.FromBigInteger(v).WriteCanonicalLimbs(limbs);
            Assert.Equal(v, Limbs.ToBigInteger(limbs));
        }
    }

    [Fact]
    public void RootsOfUnityHaveExactOrder()
    {
        Assert.Equal(BigInteger.Zero, (P - 1) % (BigInteger.One << T.TwoAdicity));
        Assert.False(((P - 1) >> T.TwoAdicity).IsEven);
        foreach (int k in new[] { 1, 2, 5, T.TwoAdicity }.Where(k => k <= T.TwoAdicity))
        {
            T w = FieldMath.RootOfUnity<T>(k);
            Assert.Equal(T.One, FieldMath.Pow(w, BigInteger.One << k));
            Assert.Equal(-T.One, FieldMath.Pow(w, BigInteger.One << (k - 1)));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => FieldMath.RootOfUnity<T>(T.TwoAdicity + 1));
    }

    [Fact]
    public void GeneratorIsANonResidue()
    {
        Assert.False(FieldMath.IsSquare(T.MultiplicativeGenerator));
    }
}

public sealed class Bn254FqTests : FieldTests<Bn254Fq>
{
    [Fact]
    public void ModulusIsThePublishedPrime()
        => Assert.Equal(BigInteger.Parse("21888242871839275222246405745257275088696311157297823662689037894645226208583"), Bn254Fq.Modulus);
}

public sealed class Bn254FrTests : FieldTests<Bn254Fr>
{
    [Fact]
    public void ModulusIsThePublishedPrime()
        => Assert.Equal(BigInteger.Parse("21888242871839275222246405745257275088548364400416034343698204186575808495617"), Bn254Fr.Modulus);

    [Fact]
    public void TwoAdicityIs28AsSnarkjsUses() => Assert.Equal(28, Bn254Fr.TwoAdicity);
}

public sealed class Bls12381FqTests : FieldTests<Bls12381Fq>;

public sealed class Bls12381FrTests : FieldTests<Bls12381Fr>
{
    [Fact]
    public void TwoAdicityIs32() => Assert.Equal(32, Bls12381Fr.TwoAdicity);
}

public sealed class Bls12377FqTests : FieldTests<Bls12377Fq>
{
    [Fact]
    public void TwoAdicityIs46() => Assert.Equal(46, Bls12377Fq.TwoAdicity);
}

public sealed class Bls12377FrTests : FieldTests<Bls12377Fr>
{
    [Fact]
    public void TwoAdicityIs47() => Assert.Equal(47, Bls12377Fr.TwoAdicity);
}

public sealed class GoldilocksTests : FieldTests<Goldilocks>
{
    [Fact]
    public void ModulusIs2To64Minus2To32Plus1()
        => Assert.Equal((BigInteger.One << 64) - (BigInteger.One << 32) + 1, Goldilocks.Modulus);

    [Fact]
    public void ReducesEveryProductOfExtremes()
    {
        ulong[] xs = [0, 1, Goldilocks.P - 1, Goldilocks.P - 2, 0xFFFF_FFFF, 0x1_0000_0000, 0xFFFF_FFFF_0000_0000];
        foreach (var a in xs)
            foreach (var b in xs)
                Assert.Equal((BigInteger)a * b % Goldilocks.P, (Goldilocks.FromCanonical(a) * Goldilocks.FromCanonical(b)).ToBigInteger());
    }
}

public sealed class BabyBearTests : FieldTests<BabyBear>
{
    [Fact]
    public void ModulusIs15Times2To27Plus1() => Assert.Equal(15 * (BigInteger.One << 27) + 1, BabyBear.Modulus);
}
