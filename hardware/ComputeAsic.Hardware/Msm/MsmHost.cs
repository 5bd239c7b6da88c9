using System.Numerics;
using ComputeAsic.Math;
using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Hardware.Msm;

/// <summary>
/// The host side of an MSM engine job: checks the inputs (points on the curve, scalars below r), splits scalars into
/// the engine's signed digits, packs the input beats, and reduces the buckets read back after the job
/// (Σ i·B_i per window by running sums, windows combined by c doublings each): the bucket reduction is on the host.
/// </summary>
public sealed class MsmJob<F, C> where F : struct, IPrimeField<F> where C : struct, ICurve<F>
{
    /// <summary>Checks and decomposes a job; <paramref name="scalars"/> holds 4 little-endian limbs per point.</summary>
    public MsmJob(MsmConfig config, Affine<F, C>[] points, ulong[] scalars)
    {
        const int limbs = Math.Formats.MsmJson.ScalarLimbs;
        if (scalars.Length != points.Length * limbs) throw new InvalidInputException($"msm job: {points.Length} points need {points.Length * limbs} scalar limbs, got {scalars.Length}");
        Config = config;
        Points = points;
        Identity = new bool[points.Length];
        Digits = new int[points.Length * config.Windows];
        var order = C.Order;
        for (int i = 0; i < points.Length; i++)
        {
            if (!points[i].IsOnCurve) throw new InvalidInputException($"msm job: point {i} is not on the curve {C.Name}");
            Identity[i] = points[i].IsIdentity;
            var k = scalars.AsSpan(i * limbs, limbs);
            if (Compare(k, order) >= 0) throw new InvalidInputException($"msm job: scalar {i} is not below the group order r");
            Decompose(k, Digits.AsSpan(i * config.Windows, config.Windows));
        }
    }

    /// <summary>The engine shape.</summary>
    public MsmConfig Config { get; }

    /// <summary>The points.</summary>
    public Affine<F, C>[] Points { get; }

    /// <summary>Per point: whether it is the identity (the engine skips it).</summary>
    public bool[] Identity { get; }

    /// <summary>W signed digits per point, window 0 first.</summary>
    public int[] Digits { get; }

    private static int Compare(ReadOnlySpan<ulong> k, BigInteger order)
    {
        var v = Math.Fields.Limbs.ToBigInteger(k);
        return v.CompareTo(order);
    }

    /// <summary>The signed digits of one scalar, as <see cref="MsmConfig.Digits"/> computes them, from limbs.</summary>
    private void Decompose(ReadOnlySpan<ulong> k, Span<int> digits)
    {
        int carry = 0;
        for (int w = 0; w < digits.Length; w++)
        {
            int width = Config.Widths[w];
            int raw = (int)(BitsAt(k, Config.Offsets[w]) & ((1UL << width) - 1)) + carry;
            carry = raw >= 1 << (width - 1) && w < digits.Length - 1 ? 1 : 0;
            digits[w] = raw - (carry << width);
        }
    }

    private static ulong BitsAt(ReadOnlySpan<ulong> k, int offset)
    {
        int limb = offset >> 6, shift = offset & 63;
        if (limb >= k.Length) return 0;
        ulong v = k[limb] >> shift;
        if (shift != 0 && limb + 1 < k.Length) v |= k[limb + 1] << (64 - shift);
        return v;
    }

    /// <summary>The input beat of point <paramref name="i"/>: x, y, identity flag, digits (two's complement, c + 1 bits each).</summary>
    public BigInteger Beat(int i)
    {
        var p = Points[i];
        return p.IsIdentity
            ? Config.Beat(0, 0, true, Digits.AsSpan(i * Config.Windows, Config.Windows))
            : Config.Beat(p.X.ToBigInteger(), p.Y.ToBigInteger(), false, Digits.AsSpan(i * Config.Windows, Config.Windows));
    }

    /// <summary>The bucket addresses this job adds into, ascending: what the host reads back.</summary>
    public int[] TouchedAddresses()
    {
        var seen = new bool[1 << Config.AddressBits];
        for (int i = 0; i < Identity.Length; i++)
        {
            if (Identity[i]) continue;
            for (int w = 0; w < Config.Windows; w++)
            {
                int d = Digits[i * Config.Windows + w];
                if (d != 0) seen[Config.Address(w, System.Math.Abs(d) - 1)] = true;
            }
        }
        return [.. Enumerable.Range(0, seen.Length).Where(a => seen[a])];
    }

    /// <summary>Buckets by address computed by adding the issued points in order (the fast model's datapath).</summary>
    public Jacobian<F, C>[] NewBuckets()
    {
        var b = new Jacobian<F, C>[1 << Config.AddressBits];
        Array.Fill(b, Jacobian<F, C>.Identity);
        return b;
    }

    /// <summary>Adds one issued addition into <paramref name="buckets"/>.</summary>
    public void Apply(Jacobian<F, C>[] buckets, MsmIssue op)
    {
        var p = Points[op.Point];
        buckets[op.Address] = buckets[op.Address].AddMixed(op.Negate ? p.Negate() : p);
    }

    /// <summary>Σ_w 2^(offset_w) Σ_j (j + 1)·B_(w,j): the MSM from the buckets (host-side reduction).</summary>
    public static Jacobian<F, C> Reduce(MsmConfig config, Func<int, Jacobian<F, C>> bucket)
    {
        var acc = Jacobian<F, C>.Identity;
        for (int w = config.Windows - 1; w >= 0; w--)
        {
            if (w < config.Windows - 1)
            {
                for (int i = 0; i < config.Widths[w]; i++) acc = acc.Double();
            }
            Jacobian<F, C> running = Jacobian<F, C>.Identity, sum = Jacobian<F, C>.Identity;
            for (int j = config.Buckets - 1; j >= 0; j--)
            {
                running = running.Add(bucket(config.Address(w, j)));
                sum = sum.Add(running);
            }
            acc = acc.Add(sum);
        }
        return acc;
    }

    /// <summary>A bucket word read from the engine (x, y, z projective, written flag) as a point; checks it is on the curve.</summary>
    public static Jacobian<F, C> FromWord(MsmConfig config, BigInteger word)
    {
        int n = config.CoordinateBits;
        var mask = (BigInteger.One << n) - 1;
        if ((word >> (3 * n)).IsZero) return Jacobian<F, C>.Identity;
        var (x, y, z) = (F.FromBigInteger(word & mask), F.FromBigInteger((word >> n) & mask), F.FromBigInteger((word >> (2 * n)) & mask));
        if (z.IsZero) return Jacobian<F, C>.Identity;
        var zi = z.Inverse();
        var a = new Affine<F, C>(x * zi, y * zi);
        if (!a.IsOnCurve) throw new InvalidOperationException($"bucket word {word} is not a point of {C.Name}");
        return a.ToJacobian();
    }
}
