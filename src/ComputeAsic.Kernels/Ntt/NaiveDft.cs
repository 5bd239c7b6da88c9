using ComputeAsic.Math.Fields;

namespace ComputeAsic.Kernels.Ntt;

/// <summary>The O(n²) DFT straight from the definition: the oracle for the fast transforms.</summary>
public sealed class NaiveDft : INttEngine
{
    /// <inheritdoc/>
    public string Name => "naive";

    /// <inheritdoc/>
    public void Forward<T>(Span<T> values) where T : struct, IPrimeField<T>
        => Transform(values, NttChecks.Root<T>(values.Length), scale: T.One);

    /// <inheritdoc/>
    public void Inverse<T>(Span<T> values) where T : struct, IPrimeField<T>
        => Transform(values, NttChecks.Root<T>(values.Length).Inverse(), T.FromInt(values.Length).Inverse());

    private static void Transform<T>(Span<T> values, T omega, T scale) where T : struct, IPrimeField<T>
    {
        int n = values.Length;
        var input = values.ToArray();
        T wk = T.One; // ω^k
        for (int k = 0; k < n; k++)
        {
            T sum = T.Zero, w = T.One;
            for (int j = 0; j < n; j++)
            {
                sum += input[j] * w;
                w *= wk;
            }
            values[k] = sum * scale;
            wk *= omega;
        }
    }
}

/// <summary>Size checks and roots shared by the NTT engines.</summary>
public static class NttChecks
{
    /// <summary>The primitive n-th root ω = g^((p-1)/n); n must be a power of two within the two-adicity.</summary>
    public static T Root<T>(int n) where T : struct, IPrimeField<T>
    {
        if (n <= 0 || (n & (n - 1)) != 0) throw new ArgumentException($"NTT length {n} is not a power of two");
        return FieldMath.RootOfUnity<T>(System.Numerics.BitOperations.Log2((uint)n));
    }

    /// <summary>The 32 bits of x in reverse order (shift right by 32 - log n for an n-point bit reversal).</summary>
    public static uint ReverseBits(uint x)
    {
        x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
        x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
        x = ((x >> 4) & 0x0F0F0F0Fu) | ((x & 0x0F0F0F0Fu) << 4);
        x = ((x >> 8) & 0x00FF00FFu) | ((x & 0x00FF00FFu) << 8);
        return (x >> 16) | (x << 16);
    }
}
