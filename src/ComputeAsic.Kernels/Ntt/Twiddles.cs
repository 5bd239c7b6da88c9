using ComputeAsic.Math.Fields;

namespace ComputeAsic.Kernels.Ntt;

/// <summary>
/// Cached roots of unity per field, laid out by butterfly span: table[h + k] = ω_(2h)^k for k &lt; h, h a power of two.
/// One table serves every transform size up to its length, and each stage reads its twiddles contiguously.
/// </summary>
public static class Twiddles<T> where T : struct, IPrimeField<T>
{
    private static T[] table = [];
    private static readonly object Gate = new();

    /// <summary>A table valid for transforms of length up to <paramref name="n"/> (a power of two); built or grown on first use.</summary>
    public static T[] For(int n)
    {
        var t = Volatile.Read(ref table);
        if (t.Length >= n) return t;
        lock (Gate)
        {
            if (table.Length < n) Volatile.Write(ref table, Build(n));
            return table;
        }
    }

    private static T[] Build(int n)
    {
        var t = GC.AllocateUninitializedArray<T>(System.Math.Max(n, 2));
        ComputeAsic.Math.Memory.Pages.Prefault(t, 0, t.Length); // every entry is written below
        int top = t.Length / 2; // ω_n^k for k < n/2 at t[n/2 + k]
        T w = FieldMath.RootOfUnity<T>(System.Numerics.BitOperations.Log2((uint)t.Length));
        Pinned.ForRanges(top, top >= 1 << 14 ? Environment.ProcessorCount * 4 : 1, (lo, hi) =>
        {
            T x = FieldMath.Pow(w, new System.Numerics.BigInteger(lo));
            for (int k = lo; k < hi; k++)
            {
                t[top + k] = x;
                x *= w;
            }
        });
        // ω_(2h)^k = ω_(4h)^(2k): each lower level is every other entry of the one above.
        for (int h = top / 2; h >= 1; h /= 2)
        {
            for (int k = 0; k < h; k++) t[h + k] = t[2 * h + 2 * k];
        }
        t[0] = T.One;
        return t;
    }
}
