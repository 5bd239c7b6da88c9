using System.Numerics;

namespace ComputeAsic.Math.Fields;

/// <summary>
/// Modular inversion by Bernstein–Yang divsteps ("safegcd"), 62 divsteps per batch: several times faster than
/// Fermat's a^(p-2), which costs a multiplication per exponent bit. Variable time (it stops when done), which is
/// fine for public data such as MSM points. The fixed-limb fields call it on their raw limbs.
/// </summary>
/// <remarks>
/// A divstep maps (δ, f, g) with f odd to (1 - δ, g, (g - f)/2) when δ &gt; 0 and g is odd, to (1 + δ, f, (g + f)/2)
/// when g is odd otherwise, and to (1 + δ, f, g/2) when g is even. From f = p, g = x it reaches g = 0, f = ±1.
/// Each batch runs 62 divsteps on the low 64 bits of f and g alone (enough to decide every step), recording the
/// transition matrix [u v; q r] with 2^62·(f', g') = (u·f + v·g, q·f + r·g); then applies it to the full f, g and
/// to d, e, which keep d·x ≡ f and e·x ≡ g (mod p), dividing by 2^62 modulo p. At the end x⁻¹ = ±d.
/// Big values are held as signed 62-bit limbs (all but the top one in [0, 2^62)), so a 62-bit factor times a limb
/// plus carries fits an <see cref="Int128"/>.
/// </remarks>
public static class SafeGcd
{
    private const int Batch = 62;
    private const long Mask62 = (1L << 62) - 1;

    /// <summary>A modulus prepared for inversion: its 62-bit limbs and its inverse modulo 2^62.</summary>
    public sealed class Modulus
    {
        internal readonly long[] P;
        internal readonly ulong PInv62;
        internal readonly int Words;
        internal readonly int MaxBatches;

        /// <summary>Prepares an odd modulus that fits <paramref name="words"/> 64-bit words.</summary>
        public Modulus(BigInteger p, int words)
        {
            if (p.Sign <= 0 || p.IsEven) throw new ArgumentException("modulus must be odd and positive", nameof(p));
            long bits = p.GetBitLength();
            if (bits > 64 * words) throw new ArgumentException("modulus does not fit the word count", nameof(p));
            Words = words;
            // f, g and the unnormalized d, e stay below 2^(bits+1) in magnitude: room for them and a sign.
            P = new long[(int)((bits + 2 + 61) / 62)];
            var rest = p;
            for (int i = 0; i < P.Length; i++)
            {
                P[i] = (long)(ulong)(rest & Mask62);
                rest >>= 62;
            }
            ulong p0 = (ulong)(p & ulong.MaxValue), inv = 1;
            for (int i = 0; i < 6; i++) inv *= 2 - p0 * inv; // Newton: doubles the correct low bits each step
            PInv62 = inv & Mask62;
            // Bernstein–Yang bound on divsteps, (49·b + 57)/17 for b-bit inputs, plus slack.
            MaxBatches = (int)((49 * bits + 57) / 17 / Batch) + 2;
        }
    }

    /// <summary>Writes x⁻¹ mod p for 0 &lt; x &lt; p (little-endian 64-bit words) into <paramref name="result"/>.</summary>
    public static void Invert(ReadOnlySpan<ulong> x, Modulus m, Span<ulong> result)
    {
        int n = m.P.Length;
        Span<long> f = stackalloc long[n], g = stackalloc long[n], d = stackalloc long[n], e = stackalloc long[n];
        m.P.CopyTo(f);
        ToLimbs62(x, g);
        d.Clear();
        e.Clear();
        e[0] = 1;
        long delta = 1;
        for (int batch = 0; ; batch++)
        {
            if (batch == m.MaxBatches) throw new InvalidOperationException("safegcd did not converge; the input was not below the modulus or the modulus is not prime");
            ulong fLow = (ulong)f[0] | ((ulong)f[1] << 62);
            ulong gLow = (ulong)g[0] | ((ulong)g[1] << 62);
            Divsteps(ref delta, fLow, gLow, out long u, out long v, out long q, out long r);
            UpdateFG(f, g, u, v, q, r);
            UpdateDE(d, e, u, v, q, r, m.P, m.PInv62);
            if (IsZero(g)) break;
        }
        // f = ±1 now (x is invertible), and d·x ≡ f.
        if (f[n - 1] < 0)
        {
            // d := -d, then back into [0, p)
            long carry = 0;
            for (int i = 0; i < n - 1; i++)
            {
                long t = carry - d[i];
                d[i] = t & Mask62;
                carry = t >> 62;
            }
            d[n - 1] = carry - d[n - 1];
            Normalize(d, m.P);
        }
        FromLimbs62(d, result[..m.Words]);
    }

    /// <summary>62 branch-free divsteps on the low 64 bits of f and g; returns the transition matrix scaled by 2^62.</summary>
    private static void Divsteps(ref long delta, ulong f, ulong g, out long u, out long v, out long q, out long r)
    {
        long uu = 1, vv = 0, qq = 0, rr = 1, dl = delta;
        for (int i = 0; i < Batch; i++)
        {
            // When g is odd and δ > 0: swap the roles, (δ, f, g) := (-δ, g, -f); then the odd case below gives (g - f)/2.
            ulong odd = 0 - (g & 1);
            ulong swap = odd & (ulong)(-dl >> 63);
            long s = (long)swap, o = (long)odd;
            dl = (dl ^ s) - s;
            ulong t = (f ^ g) & swap;
            f ^= t;
            g ^= t;
            g = (g ^ swap) - swap;
            long tu = (uu ^ qq) & s;
            uu ^= tu;
            qq ^= tu;
            qq = (qq ^ s) - s;
            long tv = (vv ^ rr) & s;
            vv ^= tv;
            rr ^= tv;
            rr = (rr ^ s) - s;
            // g odd: g := g + f (now even). Then halve g; the f row doubles to keep the common scale 2^(i+1).
            g += f & odd;
            qq += uu & o;
            rr += vv & o;
            g >>= 1;
            dl++;
            uu <<= 1;
            vv <<= 1;
        }
        delta = dl;
        u = uu;
        v = vv;
        q = qq;
        r = rr;
    }

    /// <summary>(f, g) := ((u·f + v·g) / 2^62, (q·f + r·g) / 2^62); the divisions are exact.</summary>
    private static void UpdateFG(Span<long> f, Span<long> g, long u, long v, long q, long r)
        => Combine(f, g, u, v, q, r, p: null, pInv62: 0);

    /// <summary>(d, e) := ((u·d + v·e) / 2^62, (q·d + r·e) / 2^62) mod p, kept in [0, p).</summary>
    private static void UpdateDE(Span<long> d, Span<long> e, long u, long v, long q, long r, long[] p, ulong pInv62)
    {
        Combine(d, e, u, v, q, r, p, pInv62);
        Normalize(d, p);
        Normalize(e, p);
    }

    /// <summary>
    /// (a, b) := ((u·a + v·b + ma·p) / 2^62, (q·a + r·b + mb·p) / 2^62) on 62-bit limbs. Without p the sums are
    /// multiples of 2^62 already (ma = mb = 0). With p, m = -(sum)·p⁻¹ mod 2^62 makes them so, which divides by
    /// 2^62 modulo p; for a, b in [0, p) the quotients then lie in (-p, 2p).
    /// </summary>
    private static void Combine(Span<long> a, Span<long> b, long u, long v, long q, long r, long[]? p, ulong pInv62)
    {
        int n = a.Length;
        Int128 ca = System.Math.BigMul(u, a[0]) + System.Math.BigMul(v, b[0]);
        Int128 cb = System.Math.BigMul(q, a[0]) + System.Math.BigMul(r, b[0]);
        long ma = 0, mb = 0;
        if (p is not null)
        {
            ma = (long)((0 - (ulong)(long)ca) * pInv62 & Mask62);
            mb = (long)((0 - (ulong)(long)cb) * pInv62 & Mask62);
            ca += System.Math.BigMul(ma, p[0]);
            cb += System.Math.BigMul(mb, p[0]);
        }
        ca >>= 62;
        cb >>= 62;
        for (int i = 1; i < n; i++)
        {
            ca += System.Math.BigMul(u, a[i]) + System.Math.BigMul(v, b[i]);
            cb += System.Math.BigMul(q, a[i]) + System.Math.BigMul(r, b[i]);
            if (p is not null)
            {
                ca += System.Math.BigMul(ma, p[i]);
                cb += System.Math.BigMul(mb, p[i]);
            }
            a[i - 1] = (long)ca & Mask62;
            b[i - 1] = (long)cb & Mask62;
            ca >>= 62;
            cb >>= 62;
        }
        a[n - 1] = (long)ca;
        b[n - 1] = (long)cb;
    }

    /// <summary>Brings a value in (-p, 2p) into [0, p).</summary>
    private static void Normalize(Span<long> a, long[] p)
    {
        int n = a.Length;
        if (a[n - 1] < 0) AddSigned(a, p, 1);
        else if (!LessThan(a, p)) AddSigned(a, p, -1);
    }

    /// <summary>a += sign·p on 62-bit limbs.</summary>
    private static void AddSigned(Span<long> a, long[] p, long sign)
    {
        int n = a.Length;
        long carry = 0;
        for (int i = 0; i < n - 1; i++)
        {
            long t = a[i] + sign * p[i] + carry;
            a[i] = t & Mask62;
            carry = t >> 62;
        }
        a[n - 1] += sign * p[n - 1] + carry;
    }

    private static bool LessThan(ReadOnlySpan<long> a, long[] p)
    {
        for (int i = a.Length - 1; i >= 0; i--)
        {
            if (a[i] != p[i]) return a[i] < p[i];
        }
        return false;
    }

    private static bool IsZero(ReadOnlySpan<long> a)
    {
        long any = 0;
        foreach (long l in a) any |= l;
        return any == 0;
    }

    /// <summary>Little-endian 64-bit words to 62-bit limbs.</summary>
    private static void ToLimbs62(ReadOnlySpan<ulong> words, Span<long> limbs)
    {
        for (int i = 0; i < limbs.Length; i++)
        {
            int bit = 62 * i, w = bit >> 6, off = bit & 63;
            ulong lo = w < words.Length ? words[w] >> off : 0;
            ulong hi = off > 2 && w + 1 < words.Length ? words[w + 1] << (64 - off) : 0;
            limbs[i] = (long)((lo | hi) & Mask62);
        }
    }

    /// <summary>Non-negative 62-bit limbs to little-endian 64-bit words (as many as fit the destination).</summary>
    private static void FromLimbs62(ReadOnlySpan<long> limbs, Span<ulong> words)
    {
        for (int w = 0; w < words.Length; w++)
        {
            int bit = 64 * w, l = bit / 62, off = bit % 62;
            ulong value = (ulong)limbs[l] >> off;
            int have = 62 - off;
            for (int k = l + 1; have < 64 && k < limbs.Length; k++, have += 62) value |= (ulong)limbs[k] << have;
            words[w] = value;
        }
    }
}
