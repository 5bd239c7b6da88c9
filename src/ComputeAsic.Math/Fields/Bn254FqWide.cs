using System.Runtime.CompilerServices;

namespace ComputeAsic.Math.Fields;

/// <summary>Unreduced 512-bit products and Montgomery reduction for BN254 Fq: lets Fq2 add products before reducing (lazy reduction), the main cost of G2 MSMs and pairings.</summary>
internal static class Bn254FqWide
{
    private static readonly ulong M0, M1, M2, M3;
    private static readonly ulong Inv;

    static Bn254FqWide()
    {
        Span<ulong> m = stackalloc ulong[4];
        Limbs.FromBigInteger(Bn254FqParams.Modulus, m);
        (M0, M1, M2, M3) = (m[0], m[1], m[2], m[3]);
        Inv = Limbs.NegInverse64(M0);
    }

    /// <summary>A 512-bit unsigned value in little-endian limbs.</summary>
    internal struct U512
    {
        public ulong T0, T1, T2, T3, T4, T5, T6, T7;
    }

    /// <summary>Karatsuba Fq2 product: (a0b0 − a1b1) + ((a0+a1)(b0+b1) − a0b0 − a1b1)·u, reduced twice instead of three times.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fq2Mul(in Bn254Fq2 a, in Bn254Fq2 b, out Bn254Fq2 r)
    {
        Mul(a.C0.L0, a.C0.L1, a.C0.L2, a.C0.L3, in b.C0, out U512 v0);
        Mul(a.C1.L0, a.C1.L1, a.C1.L2, a.C1.L3, in b.C1, out U512 v1);
        // Sums of two reduced elements stay below 2q < 2^255: no carry out of 4 limbs.
        ulong c = 0;
        ulong s0 = Limbs.AddC(a.C0.L0, a.C1.L0, ref c);
        ulong s1 = Limbs.AddC(a.C0.L1, a.C1.L1, ref c);
        ulong s2 = Limbs.AddC(a.C0.L2, a.C1.L2, ref c);
        ulong s3 = Limbs.AddC(a.C0.L3, a.C1.L3, ref c);
        c = 0;
        ulong t0 = Limbs.AddC(b.C0.L0, b.C1.L0, ref c);
        ulong t1 = Limbs.AddC(b.C0.L1, b.C1.L1, ref c);
        ulong t2 = Limbs.AddC(b.C0.L2, b.C1.L2, ref c);
        ulong t3 = Limbs.AddC(b.C0.L3, b.C1.L3, ref c);
        var tb = new Bn254Fq(t0, t1, t2, t3);
        Mul(s0, s1, s2, s3, in tb, out U512 v2);
        // v2 − v0 − v1 = a0b1 + a1b0 ≥ 0 and below 2q² < q·2^256.
        Sub(ref v2, in v0);
        Sub(ref v2, in v1);
        // v0 − v1, plus q·2^256 when negative, lies in [0, q·2^256).
        if (Sub(ref v0, in v1)) AddModulusHigh(ref v0);
        r = new Bn254Fq2(Redc(in v0), Redc(in v2));
    }

    /// <summary>Fq2 square: (a0+a1)(a0−a1) + 2a0a1·u with two wide products and two reductions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fq2Square(in Bn254Fq2 a, out Bn254Fq2 r)
    {
        ulong c = 0;
        ulong s0 = Limbs.AddC(a.C0.L0, a.C1.L0, ref c);
        ulong s1 = Limbs.AddC(a.C0.L1, a.C1.L1, ref c);
        ulong s2 = Limbs.AddC(a.C0.L2, a.C1.L2, ref c);
        ulong s3 = Limbs.AddC(a.C0.L3, a.C1.L3, ref c);
        // a0 − a1 + q lies in (0, 2q).
        ulong br = 0;
        ulong d0 = Limbs.SubB(a.C0.L0, a.C1.L0, ref br);
        ulong d1 = Limbs.SubB(a.C0.L1, a.C1.L1, ref br);
        ulong d2 = Limbs.SubB(a.C0.L2, a.C1.L2, ref br);
        ulong d3 = Limbs.SubB(a.C0.L3, a.C1.L3, ref br);
        c = 0;
        d0 = Limbs.AddC(d0, M0, ref c);
        d1 = Limbs.AddC(d1, M1, ref c);
        d2 = Limbs.AddC(d2, M2, ref c);
        d3 = Limbs.AddC(d3, M3, ref c);
        var diff = new Bn254Fq(d0, d1, d2, d3);
        Mul(s0, s1, s2, s3, in diff, out U512 re);
        // 2·a1 < 2q.
        var twoA1 = new Bn254Fq(a.C1.L0 << 1, (a.C1.L1 << 1) | (a.C1.L0 >> 63), (a.C1.L2 << 1) | (a.C1.L1 >> 63), (a.C1.L3 << 1) | (a.C1.L2 >> 63));
        Mul(a.C0.L0, a.C0.L1, a.C0.L2, a.C0.L3, in twoA1, out U512 im);
        r = new Bn254Fq2(Redc(in re), Redc(in im));
    }

    /// <summary>Schoolbook 256×256 → 512-bit product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Mul(ulong a0, ulong a1, ulong a2, ulong a3, in Bn254Fq b, out U512 r)
    {
        ulong b0 = b.L0, b1 = b.L1, b2 = b.L2, b3 = b.L3;
        ulong c, r0, r1, r2, r3, r4, r5, r6, r7;
        c = System.Math.BigMul(a0, b0, out r0);
        c = Limbs.MulAdd(a0, b1, c, out r1);
        c = Limbs.MulAdd(a0, b2, c, out r2);
        r4 = Limbs.MulAdd(a0, b3, c, out r3);

        c = Limbs.MulAdd(a1, b0, r1, out r1);
        c = Limbs.MulAdd2(a1, b1, r2, c, out r2);
        c = Limbs.MulAdd2(a1, b2, r3, c, out r3);
        r5 = Limbs.MulAdd2(a1, b3, r4, c, out r4);

        c = Limbs.MulAdd(a2, b0, r2, out r2);
        c = Limbs.MulAdd2(a2, b1, r3, c, out r3);
        c = Limbs.MulAdd2(a2, b2, r4, c, out r4);
        r6 = Limbs.MulAdd2(a2, b3, r5, c, out r5);

        c = Limbs.MulAdd(a3, b0, r3, out r3);
        c = Limbs.MulAdd2(a3, b1, r4, c, out r4);
        c = Limbs.MulAdd2(a3, b2, r5, c, out r5);
        r7 = Limbs.MulAdd2(a3, b3, r6, c, out r6);
        r = new U512 { T0 = r0, T1 = r1, T2 = r2, T3 = r3, T4 = r4, T5 = r5, T6 = r6, T7 = r7 };
    }

    /// <summary>x −= y; returns whether it borrowed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Sub(ref U512 x, in U512 y)
    {
        ulong br = 0;
        x.T0 = Limbs.SubB(x.T0, y.T0, ref br);
        x.T1 = Limbs.SubB(x.T1, y.T1, ref br);
        x.T2 = Limbs.SubB(x.T2, y.T2, ref br);
        x.T3 = Limbs.SubB(x.T3, y.T3, ref br);
        x.T4 = Limbs.SubB(x.T4, y.T4, ref br);
        x.T5 = Limbs.SubB(x.T5, y.T5, ref br);
        x.T6 = Limbs.SubB(x.T6, y.T6, ref br);
        x.T7 = Limbs.SubB(x.T7, y.T7, ref br);
        return br != 0;
    }

    /// <summary>x += q·2^256 (mod 2^512).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddModulusHigh(ref U512 x)
    {
        ulong c = 0;
        x.T4 = Limbs.AddC(x.T4, M0, ref c);
        x.T5 = Limbs.AddC(x.T5, M1, ref c);
        x.T6 = Limbs.AddC(x.T6, M2, ref c);
        x.T7 = Limbs.AddC(x.T7, M3, ref c);
    }

    /// <summary>Montgomery reduction T·2^-256 mod q for T &lt; q·2^256, fully reduced.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Bn254Fq Redc(in U512 t)
    {
        ulong t0 = t.T0, t1 = t.T1, t2 = t.T2, t3 = t.T3, t4 = t.T4, t5 = t.T5, t6 = t.T6, t7 = t.T7;
        ulong m, c, top = 0;
        m = t0 * Inv;
        c = Limbs.MulAddHigh(m, M0, t0);
        c = Limbs.MulAdd2(m, M1, t1, c, out t1);
        c = Limbs.MulAdd2(m, M2, t2, c, out t2);
        c = Limbs.MulAdd2(m, M3, t3, c, out t3);
        t4 = Limbs.AddC(t4, c, ref top);

        m = t1 * Inv;
        c = Limbs.MulAddHigh(m, M0, t1);
        c = Limbs.MulAdd2(m, M1, t2, c, out t2);
        c = Limbs.MulAdd2(m, M2, t3, c, out t3);
        c = Limbs.MulAdd2(m, M3, t4, c, out t4);
        t5 = Limbs.AddC(t5, c, ref top);

        m = t2 * Inv;
        c = Limbs.MulAddHigh(m, M0, t2);
        c = Limbs.MulAdd2(m, M1, t3, c, out t3);
        c = Limbs.MulAdd2(m, M2, t4, c, out t4);
        c = Limbs.MulAdd2(m, M3, t5, c, out t5);
        t6 = Limbs.AddC(t6, c, ref top);

        m = t3 * Inv;
        c = Limbs.MulAddHigh(m, M0, t3);
        c = Limbs.MulAdd2(m, M1, t4, c, out t4);
        c = Limbs.MulAdd2(m, M2, t5, c, out t5);
        c = Limbs.MulAdd2(m, M3, t6, c, out t6);
        t7 = Limbs.AddC(t7, c, ref top);

        // Result (t4..t7) < 2q: subtract q once if not below it.
        ulong br = 0;
        ulong d0 = Limbs.SubB(t4, M0, ref br);
        ulong d1 = Limbs.SubB(t5, M1, ref br);
        ulong d2 = Limbs.SubB(t6, M2, ref br);
        ulong d3 = Limbs.SubB(t7, M3, ref br);
        ulong keep = 0 - br;
        return new Bn254Fq((t4 & keep) | (d0 & ~keep), (t5 & keep) | (d1 & ~keep), (t6 & keep) | (d2 & ~keep), (t7 & keep) | (d3 & ~keep));
    }
}
