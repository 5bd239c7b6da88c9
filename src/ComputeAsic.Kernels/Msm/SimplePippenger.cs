using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;
using ComputeAsic.Math.Formats;

namespace ComputeAsic.Kernels.Msm;

/// <summary>Textbook Pippenger: unsigned c-bit windows, Jacobian buckets, running-sum reduction; single-threaded.</summary>
public sealed class SimplePippenger : IMsmEngine
{
    /// <inheritdoc/>
    public string Name => "pippenger-simple";

    /// <inheritdoc/>
    public Jacobian<F, C> Msm<F, C>(ReadOnlySpan<Affine<F, C>> points, ReadOnlySpan<ulong> scalars)
        where F : struct, IField<F> where C : struct, ICurve<F>
    {
        MsmChecks.RequireLengths(points.Length, scalars.Length);
        int n = points.Length;
        if (n == 0) return Jacobian<F, C>.Identity;
        int c = n < 32 ? 3 : (int)System.Math.Ceiling(System.Math.Log2(n) * 0.7) + 1;
        int bits = 64 * MsmJson.ScalarLimbs;
        int windows = (bits + c - 1) / c;
        var buckets = new Jacobian<F, C>[1 << c];
        var total = Jacobian<F, C>.Identity;
        for (int w = windows - 1; w >= 0; w--)
        {
            for (int k = 0; k < c; k++) total = total.Double();
            Array.Fill(buckets, Jacobian<F, C>.Identity);
            for (int i = 0; i < n; i++)
            {
                int digit = Digit(scalars.Slice(i * MsmJson.ScalarLimbs, MsmJson.ScalarLimbs), w * c, c);
                if (digit != 0) buckets[digit] = buckets[digit].AddMixed(points[i]);
            }
            var running = Jacobian<F, C>.Identity;
            var sum = Jacobian<F, C>.Identity;
            for (int b = buckets.Length - 1; b >= 1; b--)
            {
                running = running.Add(buckets[b]);
                sum = sum.Add(running);
            }
            total = total.Add(sum);
        }
        return total;
    }

    private static int Digit(ReadOnlySpan<ulong> k, int offset, int c)
    {
        int limb = offset >> 6, shift = offset & 63;
        if (limb >= k.Length) return 0;
        ulong v = k[limb] >> shift;
        if (shift + c > 64 && limb + 1 < k.Length) v |= k[limb + 1] << (64 - shift);
        return (int)(v & ((1UL << c) - 1));
    }
}
