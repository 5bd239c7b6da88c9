using System.Runtime.CompilerServices;
using ComputeAsic.Math.Formats;

namespace ComputeAsic.Kernels.Msm;

/// <summary>Signed c-bit window digits of 4-limb scalars, each computable on its own (no carry pass), so windows can run on different cores.</summary>
public static class SignedDigits
{
    /// <summary>Highest set bit position + 1 over all scalars: the windows needed, whatever the caller's field.</summary>
    public static int MaxBits(ReadOnlySpan<ulong> scalars)
    {
        Span<ulong> or = stackalloc ulong[MsmJson.ScalarLimbs];
        for (int i = 0; i < scalars.Length; i += MsmJson.ScalarLimbs)
        {
            for (int l = 0; l < MsmJson.ScalarLimbs; l++) or[l] |= scalars[i + l];
        }
        for (int l = MsmJson.ScalarLimbs - 1; l >= 0; l--)
        {
            if (or[l] != 0) return 64 * l + 64 - System.Numerics.BitOperations.LeadingZeroCount(or[l]);
        }
        return 0;
    }

    /// <summary>Windows of c bits that cover scalars of <paramref name="bits"/> bits with signed digits (one spare bit absorbs the last carry).</summary>
    public static int WindowCount(int bits, int c) => (bits + 1 + c - 1) / c;

    /// <summary>
    /// <paramref name="windows"/> windows covering scalars of <paramref name="bits"/> bits plus the spare carry bit, widths
    /// differing by at most one (the wider ones lowest): with uniform widths the top window is often mostly empty yet
    /// costs a full pass of additions.
    /// </summary>
    public static int[] Widths(int bits, int windows)
    {
        int total = bits + 1, narrow = total / windows, wide = total % windows;
        var widths = new int[windows];
        for (int w = 0; w < windows; w++) widths[w] = w < wide ? narrow + 1 : narrow;
        return widths;
    }

    /// <summary>
    /// The signed digit d in [-2^(c-1), 2^(c-1)] of the c-bit window at bit <paramref name="offset"/> of one scalar, with
    /// k = Σ d_w·2^(offset_w) over windows that tile the bits (any widths). The carry into a window is the bit below it
    /// (set exactly when the window below took a negative digit), so no sequential pass over lower windows is needed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Digit(ReadOnlySpan<ulong> scalar, int offset, int c)
    {
        int raw = (int)(Bits(scalar, offset) & ((1UL << c) - 1));
        int carry = offset == 0 ? 0 : (int)(Bits(scalar, offset - 1) & 1);
        return raw + carry - ((raw >> (c - 1)) << c);
    }

    /// <summary>The 64 bits of the scalar starting at bit <paramref name="offset"/> (zeros past the top).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Bits(ReadOnlySpan<ulong> scalar, int offset)
    {
        int limb = offset >> 6, shift = offset & 63;
        if (limb >= scalar.Length) return 0;
        ulong v = scalar[limb] >> shift;
        if (shift != 0 && limb + 1 < scalar.Length) v |= scalar[limb + 1] << (64 - shift);
        return v;
    }
}
