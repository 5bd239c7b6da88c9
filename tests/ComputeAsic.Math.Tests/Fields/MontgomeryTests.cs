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
    {
        // The subtraction runs with probability about p/4R, so search for inputs that need it.
        var rng = new Random(11);
        var bytes = new byte[8 * Limbs + 8];
        int needed = 0, tried = 0;
        while (needed < 60 && tried < 200_000)
        {
            tried++;
            rng.NextBytes(bytes);
            var a = new BigInteger(bytes, isUnsigned: true) % P;
            rng.NextBytes(bytes);
            var b = new BigInteger(bytes, isUnsigned: true) % P;
            var t = Unreduced(a, b);
            Assert.True(t < 2 * P);
            var product = RawInteger(FromRawInteger(a) * FromRawInteger(b));
            Assert.Equal(t >= P ? t - P : t, product);
            if (t >= P) needed++;
        }
        Assert.True(needed >= 60, $"only {needed} of {tried} products needed the subtraction");
    }

    [Fact]
    public void SquaresThatNeedTheFinalSubtractionAreReduced()
    {
        var rng = new Random(12);
        var bytes = new byte[8 * Limbs + 8];
        int needed = 0, tried = 0;
        while (needed < 60 && tried < 200_000)
        {
            tried++;
            rng.NextBytes(bytes);
            var a = new BigInteger(bytes, isUnsigned: true) % P;
            var t = Unreduced(a, a);
            var square = RawInteger(FromRawInteger(a).Square());
            Assert.Equal(t >= P ? t - P : t, square);
            if (t >= P) needed++;
        }
        Assert.True(needed >= 60, $"only {needed} of {tried} squares needed the subtraction");
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

public sealed class Bn254FqMontgomeryTests : MontgomeryTests<Bn254Fq>
{
    protected override Bn254Fq FromRaw(ulong[] limbs) => Bn254Fq.TryFromMontgomeryLimbs(limbs, out var v) ? v : throw new ArgumentException("not below p");
    protected override ulong[] Raw(Bn254Fq v) => [v.L0, v.L1, v.L2, v.L3];
}

public sealed class Bn254FrMontgomeryTests : MontgomeryTests<Bn254Fr>
{
    protected override Bn254Fr FromRaw(ulong[] limbs) => Bn254Fr.TryFromMontgomeryLimbs(limbs, out var v) ? v : throw new ArgumentException("not below p");
    protected override ulong[] Raw(Bn254Fr v) => [v.L0, v.L1, v.L2, v.L3];
}

public sealed class Bls12381FrMontgomeryTests : MontgomeryTests<Bls12381Fr>
{
    protected override Bls12381Fr FromRaw(ulong[] limbs) => Bls12381Fr.TryFromMontgomeryLimbs(limbs, out var v) ? v : throw new ArgumentException("not below p");
    protected override ulong[] Raw(Bls12381Fr v) => [v.L0, v.L1, v.L2, v.L3];
}

public sealed class Bls12381FqMontgomeryTests : MontgomeryTests<Bls12381Fq>
{
    protected override Bls12381Fq FromRaw(ulong[] limbs) => Bls12381Fq.TryFromMontgomeryLimbs(limbs, out var v) ? v : throw new ArgumentException("not below p");
    protected override ulong[] Raw(Bls12381Fq v) => [v.L0, v.L1, v.L2, v.L3, v.L4, v.L5];
}

public sealed class Bls12377FqMontgomeryTests : MontgomeryTests<Bls12377Fq>
{
    protected override Bls12377Fq FromRaw(ulong[] limbs) => Bls12377Fq.TryFromMontgomeryLimbs(limbs, out var v) ? v : throw new ArgumentException("not below p");
    protected override ulong[] Raw(Bls12377Fq v) => [v.L0, v.L1, v.L2, v.L3, v.L4, v.L5];
}
