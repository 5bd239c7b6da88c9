using System.Numerics;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Math.Tests.Fields;

/// <summary>
/// White-box checks of the fixed-limb Montgomery code paths against a BigInteger model of the same algorithm:
/// the rare final subtraction, the dedicated square, and raw limbs at 64-bit word boundaries.
/// </summary>
public abstract class MontgomeryTests<T> where T : struct, IPrimeField<T>
{
    private static readonly BigInteger P = T.Modulus;
    private static readonly int Limbs = (T.Bits + 63) / 64;
    private static readonly BigInteger R = BigInteger.One << (64 * Limbs);
    private static readonly BigInteger NegPInv = R - BigInteger.ModPow(P, Phi2(64 * Limbs) - 1, R);

    // phi(2^k) = 2^(k-1): P^(phi-1) is P's inverse modulo 2^k.
    private static BigInteger Phi2(int k) => BigInteger.One << (k - 1);

    /// <summary>Element from raw Montgomery limbs (the struct's storage).</summary>
    protected abstract T FromRaw(ulong[] limbs);

    /// <summary>The raw Montgomery limbs of an element.</summary>
    protected abstract ulong[] Raw(T value);

    private T FromRawInteger(BigInteger raw)
    {
        var l = new ulong[Limbs];
        ComputeAsic.Math.Fields.Limbs.FromBigInteger(raw, l);
        return FromRaw(l);
    }

    private BigInteger RawInteger(T value) => ComputeAsic.Math.Fields.Limbs.ToBigInteger(Raw(value));

    /// <summary>The Montgomery product before its final subtraction: (ab + mp) / R with m = ab·(-p⁻¹) mod R.</summary>
    private static BigInteger Unreduced(BigInteger a, BigInteger b)
    {
        var ab = a * b;
        var m = (ab % R) * NegPInv % R;
        return (ab + m * P) / R;
    }

    /// <summary>Raw values below p with long runs of all-ones and zero words, and values next to p and to word boundaries.</summary>
    private static IEnumerable<BigInteger> RawValues(int seed, int count)
    {
        var rng = new Random(seed);
        var bytes = new byte[8 * Limbs + 8];
        for (int k = 0; k < 64 * Limbs; k += 64)
        {
            var b = BigInteger.One << k;
            foreach (var v in new[] { b - 1, b, b + 1, P - b, P - 1 - (b - 1) })
                if (v >= 0 && v < P) yield return v;
        }
        yield return P - 1;
        for (int i = 0; i < count; i++)
        {
            rng.NextBytes(bytes);
            var v = new BigInteger(bytes, isUnsigned: true) % P;
            int word = rng.Next(Limbs);
            if (i % 4 == 1) v |= ((BigInteger.One << 64) - 1) << (64 * word);
            if (i % 4 == 2) v &= ~(((BigInteger.One << 64) - 1) << (64 * word));
            yield return v % P;
        }
    }

    [Fact]
    public void ProductsThatNeedTheFinalSubtractionAreReduced()
        => CheckFinalSubtraction(11, square: false);

    [Fact]
    public void SquaresThatNeedTheFinalSubtractionAreReduced()
        => CheckFinalSubtraction(12, square: true);

    /// <summary>
    /// The final subtraction runs with probability about p/4R, so this searches random operands until 60 of them
    /// needed it, checking every result against the model on the way.
    /// </summary>
    private void CheckFinalSubtraction(int seed, bool square)
    {
        var rng = new Random(seed);
        var bytes = new byte[8 * Limbs + 8];
        BigInteger Next()
        {
            rng.NextBytes(bytes);
            return new BigInteger(bytes, isUnsigned: true) % P;
        }
        int needed = 0, tried = 0;
        while (needed < 60 && tried < 200_000)
        {
            tried++;
            var a = Next();
            var b = square ? a : Next();
            var t = Unreduced(a, b);
            Assert.True(t < 2 * P);
            var result = square ? FromRawInteger(a).Square() : FromRawInteger(a) * FromRawInteger(b);
            Assert.Equal(t >= P ? t - P : t, RawInteger(result));
            if (t >= P) needed++;
        }
        Assert.True(needed >= 60, $"only {needed} of {tried} operands needed the subtraction");
    }

    [Fact]
    public void SquareEqualsProductWithItselfOnWordBoundaries()
    {
        foreach (var a in RawValues(13, 600))
        {
            var x = FromRawInteger(a);
            var t = Unreduced(a, a);
            Assert.Equal(t >= P ? t - P : t, RawInteger(x.Square()));
            Assert.Equal(x * x, x.Square());
        }
    }

    [Fact]
    public void AdditiveOperationsPropagateCarriesAcrossWords()
    {
        // Montgomery form is linear, so raw limbs add and subtract like the residues. Pairs that share
        // words (borrow passes through equal words) and all-ones words (carry passes through) are the
        // cases the carry lookahead must get right.
        var values = RawValues(16, 200).ToArray();
        var pairs = new List<(BigInteger, BigInteger)>();
        var mask = (BigInteger.One << 64) - 1;
        foreach (var a in values)
        {
            pairs.Add((a, values[(int)(a % values.Length)]));
            for (int w = 0; w < Limbs; w++)
            {
                var bump = BigInteger.One << (64 * w);
                pairs.Add((a, (a + bump) % P));
                pairs.Add((a, (a + P - bump) % P));
                pairs.Add((a, (a & ~(mask << (64 * w))) % P));
                pairs.Add((a, (P - 1 - a + bump) % P));
            }
        }
        foreach (var (a, b) in pairs)
        {
            var x = FromRawInteger(a);
            var y = FromRawInteger(b);
            Assert.Equal((a + b) % P, RawInteger(x + y));
            Assert.Equal((a - b + P) % P, RawInteger(x - y));
            Assert.Equal((b - a + P) % P, RawInteger(y - x));
            Assert.Equal((P - a) % P, RawInteger(-x));
            Assert.Equal(2 * a % P, RawInteger(x.Double()));
        }
    }

    [Fact]
    public void SafeGcdInverseMatchesFermatAndBigInteger()
    {
        foreach (var a in RawValues(17, 300).Where(v => !v.IsZero))
        {
            var x = FromRawInteger(a);
            var inverse = x.Inverse();
            Assert.Equal(InverseByFermat(x), inverse);
            Assert.Equal(BigInteger.ModPow(x.ToBigInteger(), P - 2, P), inverse.ToBigInteger());
        }
        Assert.True(T.Zero.Inverse().IsZero);
    }

    /// <summary>The struct's Fermat inverse, the reference for safegcd.</summary>
    protected abstract T InverseByFermat(T value);

    [Fact]
    public void ProductsOnWordBoundariesMatchTheModel()
    {
        var xs = RawValues(14, 300).ToArray();
        var ys = RawValues(15, 300).Reverse().ToArray();
        for (int i = 0; i < xs.Length; i++)
        {
            var a = xs[i];
            var b = ys[i % ys.Length];
            var t = Unreduced(a, b);
            var x = FromRawInteger(a);
            var y = FromRawInteger(b);
            Assert.Equal(t >= P ? t - P : t, RawInteger(x * y));
            Assert.Equal(x * y, y * x);
        }
    }
}

public sealed class SafeGcdTests
{
    [Theory]
    [InlineData(63, 1)]
    [InlineData(65, 2)]
    [InlineData(127, 2)]
    [InlineData(192, 3)]
    [InlineData(254, 4)]
    [InlineData(256, 4)]
    [InlineData(318, 5)]
    [InlineData(381, 6)]
    [InlineData(384, 6)]
    public void InvertsModuloAnyOddModulus(int bits, int words)
    {
        // Odd moduli that need not be prime: every x coprime to m has an inverse, and x·x⁻¹ ≡ 1 checks it.
        var rng = new Random(bits);
        var bytes = new byte[8 * words + 1];
        Span<ulong> xw = stackalloc ulong[words], yw = stackalloc ulong[words];
        for (int trial = 0; trial < 40; trial++)
        {
            rng.NextBytes(bytes);
            var m = (new BigInteger(bytes, isUnsigned: true) % (BigInteger.One << bits)) | (BigInteger.One << (bits - 1)) | 1;
            if (trial % 4 == 0) m = (BigInteger.One << bits) - 1 - 2 * (trial % 8); // all-ones words
            var modulus = new SafeGcd.Modulus(m, words);
            for (int k = 0; k < 10; k++)
            {
                rng.NextBytes(bytes);
                var x = new BigInteger(bytes, isUnsigned: true) % m;
                if (k == 0) x = 1;
                if (k == 1) x = m - 1;
                if (x.IsZero || !BigInteger.GreatestCommonDivisor(x, m).IsOne) continue;
                Limbs.FromBigInteger(x, xw);
                SafeGcd.Invert(xw, modulus, yw);
                var y = Limbs.ToBigInteger(yw);
                Assert.True(y < m, "inverse not reduced");
                Assert.Equal(BigInteger.One, x * y % m);
            }
        }
    }
}

public sealed class Bn254FqMontgomeryTests : MontgomeryTests<Bn254Fq>
{
    protected override Bn254Fq FromRaw(ulong[] limbs) => Bn254Fq.TryFromMontgomeryLimbs(limbs, out var v) ? v : throw new ArgumentException("not below p");
    protected override ulong[] Raw(Bn254Fq v) => [v.L0, v.L1, v.L2, v.L3];
    protected override Bn254Fq InverseByFermat(Bn254Fq v) => v.InverseByFermat();
}

public sealed class Bn254FrMontgomeryTests : MontgomeryTests<Bn254Fr>
{
    protected override Bn254Fr FromRaw(ulong[] limbs) => Bn254Fr.TryFromMontgomeryLimbs(limbs, out var v) ? v : throw new ArgumentException("not below p");
    protected override ulong[] Raw(Bn254Fr v) => [v.L0, v.L1, v.L2, v.L3];
    protected override Bn254Fr InverseByFermat(Bn254Fr v) => v.InverseByFermat();
}

public sealed class Bls12381FrMontgomeryTests : MontgomeryTests<Bls12381Fr>
{
    protected override Bls12381Fr FromRaw(ulong[] limbs) => Bls12381Fr.TryFromMontgomeryLimbs(limbs, out var v) ? v : throw new ArgumentException("not below p");
    protected override ulong[] Raw(Bls12381Fr v) => [v.L0, v.L1, v.L2, v.L3];
    protected override Bls12381Fr InverseByFermat(Bls12381Fr v) => v.InverseByFermat();
}

public sealed class Bls12381FqMontgomeryTests : MontgomeryTests<Bls12381Fq>
{
    protected override Bls12381Fq FromRaw(ulong[] limbs) => Bls12381Fq.TryFromMontgomeryLimbs(limbs, out var v) ? v : throw new ArgumentException("not below p");
    protected override ulong[] Raw(Bls12381Fq v) => [v.L0, v.L1, v.L2, v.L3, v.L4, v.L5];
    protected override Bls12381Fq InverseByFermat(Bls12381Fq v) => v.InverseByFermat();
}

public sealed class Bls12377FqMontgomeryTests : MontgomeryTests<Bls12377Fq>
{
    protected override Bls12377Fq FromRaw(ulong[] limbs) => Bls12377Fq.TryFromMontgomeryLimbs(limbs, out var v) ? v : throw new ArgumentException("not below p");
    protected override ulong[] Raw(Bls12377Fq v) => [v.L0, v.L1, v.L2, v.L3, v.L4, v.L5];
    protected override Bls12377Fq InverseByFermat(Bls12377Fq v) => v.InverseByFermat();
}
