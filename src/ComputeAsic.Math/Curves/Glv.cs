using System.Numerics;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Math.Curves;

/// <summary>A scalar k split as k ≡ k1 + k2·λ (mod r), each half given as sign and magnitude below 2^127.</summary>
/// <param name="K1">|k1|.</param>
/// <param name="Negative1">Whether k1 is negative.</param>
/// <param name="K2">|k2|.</param>
/// <param name="Negative2">Whether k2 is negative.</param>
public readonly record struct GlvSplit(UInt128 K1, bool Negative1, UInt128 K2, bool Negative2);

/// <summary>
/// The Gallant–Lambert–Vanstone endomorphism of a curve y² = x³ + b: φ(x, y) = (β·x, y) with β a cube root of unity acts
/// on the order-r subgroup as multiplication by λ, a cube root of unity mod r. Splitting each scalar into two halves of
/// about 128 bits (<see cref="Split"/>) turns an MSM over 254-bit scalars into one over twice the points with half the
/// windows. Valid for points in the order-r subgroup only.
/// </summary>
public sealed class GlvEndomorphism<F> where F : struct, IField<F>
{
    // The rounding constants carry Shift fractional bits: their own rounding error is below 2^-120 of a unit, so each
    // rounded coefficient is within 1/2 + 2^-120 of the exact one.
    private const int Shift = 384;
    private readonly BigInteger order;
    private readonly UInt128 a1, b1, a2, b2; // the short basis, two's complement mod 2^128
    private readonly ulong[] g1 = new ulong[6], g2 = new ulong[6]; // |round(2^Shift·b2/det)|, |round(-2^Shift·b1/det)|
    private readonly bool g1Negative, g2Negative;

    /// <summary>Sets up the split for φ(x, y) = (β·x, y) acting as λ on the subgroup of order r; throws if the basis found is too long.</summary>
    public GlvEndomorphism(F beta, BigInteger lambda, BigInteger order)
    {
        Beta = beta;
        Lambda = lambda;
        this.order = order;
        var (v1, v2) = ShortBasis(lambda, order);
        BigInteger det = v1.A * v2.B - v2.A * v1.B; // ±r
        // |k1| ≤ (|a1| + |a2|)·(1/2 + 2^-120) and |k2| likewise with the b's: both must stay below 2^127 for the signed 128-bit arithmetic.
        var limit = (BigInteger.One << 128) - (BigInteger.One << 100);
        if (BigInteger.Abs(v1.A) + BigInteger.Abs(v2.A) >= limit || BigInteger.Abs(v1.B) + BigInteger.Abs(v2.B) >= limit)
            throw new InvalidOperationException($"GLV basis too long for r = {order}");
        a1 = Wrap(v1.A);
        b1 = Wrap(v1.B);
        a2 = Wrap(v2.A);
        b2 = Wrap(v2.B);
        var one = BigInteger.One << Shift;
        var c1 = RoundDiv(one * v2.B, det);
        var c2 = RoundDiv(-one * v1.B, det);
        g1Negative = c1.Sign < 0;
        g2Negative = c2.Sign < 0;
        Limbs.FromBigInteger(BigInteger.Abs(c1), g1);
        Limbs.FromBigInteger(BigInteger.Abs(c2), g2);
    }

    /// <summary>The cube root of unity in the base field: φ(x, y) = (β·x, y).</summary>
    public F Beta { get; }

    /// <summary>The eigenvalue: φ(P) = λ·P for P in the subgroup.</summary>
    public BigInteger Lambda { get; }

    /// <summary>φ(P): one field multiplication.</summary>
    public Affine<F, C> Apply<C>(in Affine<F, C> p) where C : struct, ICurve<F>
        => p.IsIdentity ? p : new Affine<F, C>(Beta * p.X, p.Y);

    /// <summary>Splits a scalar k &lt; 2^256 (canonical or not) given as 4 little-endian limbs: k ≡ k1 + k2·λ (mod r), |k1|, |k2| &lt; 2^127.</summary>
    public GlvSplit Split(ReadOnlySpan<ulong> k)
    {
        UInt128 c1 = RoundedProduct(k, g1, g1Negative), c2 = RoundedProduct(k, g2, g2Negative);
        UInt128 low = new(k[1], k[0]);
        UInt128 k1 = low - c1 * a1 - c2 * a2; // exact mod 2^128, and the true value is below 2^127 in size
        UInt128 k2 = UInt128.Zero - c1 * b1 - c2 * b2;
        bool n1 = (long)(ulong)(k1 >> 64) < 0, n2 = (long)(ulong)(k2 >> 64) < 0;
        return new GlvSplit(n1 ? UInt128.Zero - k1 : k1, n1, n2 ? UInt128.Zero - k2 : k2, n2);
    }

    /// <summary>sign·round(k·g / 2^Shift) mod 2^128, for k of 4 limbs and g of 6.</summary>
    private static UInt128 RoundedProduct(ReadOnlySpan<ulong> k, ulong[] g, bool negative)
    {
        Span<ulong> p = stackalloc ulong[10];
        for (int i = 0; i < 4; i++)
        {
            ulong carry = 0;
            for (int j = 0; j < 6; j++)
            {
                UInt128 t = (UInt128)k[i] * g[j] + p[i + j] + carry;
                p[i + j] = (ulong)t;
                carry = (ulong)(t >> 64);
            }
            p[i + 6] = carry;
        }
        // Add one half (bit Shift-1 = bit 63 of limb 5), then keep limbs 6 and 7 (the quotient is below 2^128).
        ulong before = p[5];
        p[5] += 1UL << 63;
        if (p[5] < before && ++p[6] == 0) p[7]++;
        UInt128 q = new(p[7], p[6]);
        return negative ? UInt128.Zero - q : q;
    }

    private static UInt128 Wrap(BigInteger v)
    {
        var m = v & ((BigInteger.One << 128) - 1); // two's complement residue mod 2^128
        return new UInt128((ulong)(m >> 64), (ulong)(m & ulong.MaxValue));
    }

    private static BigInteger RoundDiv(BigInteger n, BigInteger d)
    {
        if (d.Sign < 0)
        {
            n = -n;
            d = -d;
        }
        var q = BigInteger.DivRem(n, d, out var rem);
        if (rem.Sign < 0)
        {
            q -= 1;
            rem += d;
        }
        return 2 * rem >= d ? q + 1 : q;
    }

    /// <summary>Two short vectors (a, b) with a + b·λ ≡ 0 (mod r), from the extended Euclidean algorithm on (r, λ) (GLV §4).</summary>
    private static ((BigInteger A, BigInteger B), (BigInteger A, BigInteger B)) ShortBasis(BigInteger lambda, BigInteger r)
    {
        // Invariant: r_i = s_i·r + t_i·λ, so (r_i, -t_i) is in the lattice.
        var sqrt = Sqrt(r);
        BigInteger r0 = r, t0 = 0, r1 = lambda, t1 = 1;
        while (r1 >= sqrt)
        {
            var q = r0 / r1;
            (r0, r1) = (r1, r0 - q * r1);
            (t0, t1) = (t1, t0 - q * t1);
        }
        // Now r0 ≥ √r > r1: v1 = (r1, -t1); v2 is the shorter of (r0, -t0) and the next remainder's vector.
        var q2 = r0 / r1;
        BigInteger r2 = r0 - q2 * r1, t2 = t0 - q2 * t1;
        var v1 = (r1, -t1);
        var v2 = r0 * r0 + t0 * t0 <= r2 * r2 + t2 * t2 ? (r0, -t0) : (r2, -t2);
        return (v1, v2);
    }

    private static BigInteger Sqrt(BigInteger n)
    {
        var x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2);
        while (true)
        {
            var y = (x + n / x) / 2;
            if (y >= x) return x;
            x = y;
        }
    }
}
