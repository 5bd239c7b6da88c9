using System.Numerics;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Kernels.Ntt;

/// <summary>
/// Iterative radix-2 Cooley-Tukey in place on all cores: bit reversal, cache-sized blocks for the short stages,
/// split butterflies for the long ones, cached twiddles. The inverse reuses the forward twiddles (X_(-k) reversal) and
/// folds 1/n into its last pass; coset shifts are one parallel scaling pass.
/// </summary>
public sealed class FastNtt : INttEngine
{
    private const int BlockLog = 12;      // 2^12 elements of 32 bytes = 128 KiB, within L2
    private const int ParallelLog = 12;   // below 2^12 one thread is faster than scheduling
    private readonly int threads;

    /// <summary>An engine using <paramref name="threads"/> workers (all cores by default).</summary>
    public FastNtt(int? threads = null) => this.threads = System.Math.Max(1, threads ?? Environment.ProcessorCount);

    /// <inheritdoc/>
    public string Name => "radix2-parallel";

    /// <inheritdoc/>
    public void Forward<T>(Span<T> values) where T : struct, IPrimeField<T>
    {
        NttChecks.Root<T>(values.Length);
        Pinned.With(values, v =>
        {
            Transform<T>(v);
            return 0;
        });
    }

    /// <inheritdoc/>
    public void Inverse<T>(Span<T> values) where T : struct, IPrimeField<T>
    {
        NttChecks.Root<T>(values.Length);
        T nInv = T.FromInt(values.Length).Inverse();
        Pinned.With(values, v =>
        {
            Transform<T>(v);
            ReverseAndScale(v, nInv, T.One);
            return 0;
        });
    }

    /// <inheritdoc/>
    public void ForwardCoset<T>(Span<T> values, T shift) where T : struct, IPrimeField<T>
    {
        NttChecks.Root<T>(values.Length);
        Pinned.With(values, v =>
        {
            ScalePowers(v, T.One, shift);
            Transform<T>(v);
            return 0;
        });
    }

    /// <inheritdoc/>
    public void InverseCoset<T>(Span<T> values, T shift) where T : struct, IPrimeField<T>
    {
        NttChecks.Root<T>(values.Length);
        T nInv = T.FromInt(values.Length).Inverse();
        Pinned.With(values, v =>
        {
            Transform<T>(v);
            ReverseAndScale(v, nInv, shift.Inverse());
            return 0;
        });
    }

    private int Parts(int n) => n >= 1 << ParallelLog ? threads * 4 : 1;

    /// <summary>v[j] ← v[j]·c·s^j.</summary>
    private void ScalePowers<T>(PinnedSpan<T> v, T c, T s) where T : struct, IPrimeField<T>
    {
        int n = v.Length;
        Pinned.ForRanges(n, Parts(n), (lo, hi) =>
        {
            var a = v.Span;
            T x = c * FieldMath.Pow(s, new BigInteger(lo));
            for (int j = lo; j < hi; j++)
            {
                a[j] *= x;
                x *= s;
            }
        });
    }

    /// <summary>After a forward transform of X: v[j] ← c·s^j·v[(n-j) mod n], i.e. the inverse transform, optionally coset-scaled.</summary>
    private void ReverseAndScale<T>(PinnedSpan<T> v, T c, T s) where T : struct, IPrimeField<T>
    {
        int n = v.Length;
        var a0 = v.Span;
        a0[0] *= c;
        if (n == 1) return;
        // Swap pairs (j, n-j) for 1 ≤ j < n/2; j = n/2 maps to itself.
        bool plain = s == T.One;
        Pinned.ForRanges(n / 2, Parts(n), (lo, hi) =>
        {
            var a = v.Span;
            lo = System.Math.Max(lo, 1);
            T x = plain ? c : c * FieldMath.Pow(s, new BigInteger(lo));
            T y = plain ? c : c * FieldMath.Pow(s, new BigInteger(n - lo));
            T sInv = plain ? T.One : s.Inverse();
            for (int j = lo; j < hi; j++)
            {
                T t = a[j];
                a[j] = a[n - j] * x;
                a[n - j] = t * y;
                if (!plain)
                {
                    x *= s;
                    y *= sInv;
                }
            }
        });
        T mid = plain ? c : c * FieldMath.Pow(s, new BigInteger(n / 2));
        v.Span[n / 2] *= mid;
    }

    private void Transform<T>(PinnedSpan<T> v) where T : struct, IPrimeField<T>
    {
        int n = v.Length;
        if (n == 1) return;
        int log = BitOperations.Log2((uint)n);
        T[] tw = Twiddles<T>.For(n);
        BitReverse(v, log);
        int blockLog = System.Math.Min(BlockLog, log);
        int block = 1 << blockLog;
        // Short stages: every block of 2^blockLog elements is independent.
        Pinned.ForRanges(n / block, n >= 2 * block ? System.Math.Min(n / block, threads * 4) : 1, (lo, hi) =>
        {
            var a = v.Span;
            for (int bk = lo; bk < hi; bk++)
            {
                var blk = a.Slice(bk * block, block);
                for (int h = 1; h < block; h <<= 1)
                {
                    for (int st = 0; st < block; st += 2 * h) Butterflies(blk.Slice(st, 2 * h), tw.AsSpan(h, h));
                }
            }
        });
        // Long stages: split each stage's n/2 butterflies into contiguous ranges of k within each group.
        for (int h = block; h < n; h <<= 1)
        {
            int groups = n / (2 * h), half = h;
            int parts = Parts(n);
            Pinned.ForRanges(groups * parts, parts, (lo, hi) =>
            {
                var a = v.Span;
                for (int id = lo; id < hi; id++)
                {
                    int g = id / parts, p = id % parts;
                    int k0 = (int)((long)half * p / parts), k1 = (int)((long)half * (p + 1) / parts);
                    var grp = a.Slice(g * 2 * half, 2 * half);
                    Butterflies(grp[k0..], tw.AsSpan(half + k0, k1 - k0), half);
                }
            });
        }
    }

    /// <summary>Radix-2 butterflies (u, v) → (u + w·v, u - w·v) with v at distance <paramref name="half"/> (default: tw.Length).</summary>
    private static void Butterflies<T>(Span<T> a, ReadOnlySpan<T> tw, int half = -1) where T : struct, IPrimeField<T>
    {
        if (half < 0) half = tw.Length;
        for (int k = 0; k < tw.Length; k++)
        {
            T u = a[k];
            T x = a[k + half] * tw[k];
            a[k] = u + x;
            a[k + half] = u - x;
        }
    }

    private void BitReverse<T>(PinnedSpan<T> v, int log) where T : struct, IPrimeField<T>
    {
        int n = v.Length;
        Pinned.ForRanges(n, Parts(n), (lo, hi) =>
        {
            var a = v.Span;
            for (int i = lo; i < hi; i++)
            {
                int j = (int)(NttChecks.ReverseBits((uint)i) >> (32 - log));
                if (i < j) (a[i], a[j]) = (a[j], a[i]);
            }
        });
    }
}
