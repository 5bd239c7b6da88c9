using System.Numerics;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Kernels.Ntt;

/// <summary>Iterative radix-2 Cooley-Tukey with a bit-reversal permutation: simple, O(n log n), single-threaded.</summary>
public sealed class Radix2Ntt : INttEngine
{
    /// <inheritdoc/>
    public string Name => "radix2";

    /// <inheritdoc/>
    public void Forward<T>(Span<T> values) where T : struct, IPrimeField<T>
        => Transform(values, NttChecks.Root<T>(values.Length));

    /// <inheritdoc/>
    public void Inverse<T>(Span<T> values) where T : struct, IPrimeField<T>
    {
        Transform(values, NttChecks.Root<T>(values.Length).Inverse());
        T nInv = T.FromInt(values.Length).Inverse();
        for (int i = 0; i < values.Length; i++) values[i] *= nInv;
    }

    private static void Transform<T>(Span<T> a, T omega) where T : struct, IPrimeField<T>
    {
        int n = a.Length;
        if (n == 1) return;
        int log = BitOperations.Log2((uint)n);
        for (int i = 0; i < n; i++)
        {
            int j = (int)(NttChecks.ReverseBits((uint)i) >> (32 - log));
            if (i < j) (a[i], a[j]) = (a[j], a[i]);
        }
        var twiddles = new T[n / 2];
        twiddles[0] = T.One;
        for (int i = 1; i < n / 2; i++) twiddles[i] = twiddles[i - 1] * omega;
        for (int len = 2; len <= n; len <<= 1)
        {
            int half = len >> 1, stride = n / len;
            for (int start = 0; start < n; start += len)
            {
                for (int k = 0; k < half; k++)
                {
                    T u = a[start + k];
                    T v = a[start + k + half] * twiddles[k * stride];
                    a[start + k] = u + v;
                    a[start + k + half] = u - v;
                }
            }
        }
    }
}
