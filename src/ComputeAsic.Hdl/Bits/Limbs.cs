using System.Numerics;
using System.Runtime.CompilerServices;

namespace ComputeAsic.Hdl;

/// <summary>
/// Arithmetic on little-endian 64-bit limb spans of a stated bit width, shared by the software bits type and the
/// simulator so wide values (up to thousands of bits) have exactly one definition of every operation.
/// </summary>
/// <remarks>Every result is masked to its width: bits above the width are always zero.</remarks>
public static class Limbs
{
    /// <summary>Limbs needed for <paramref name="width"/> bits (at least one), so zero-width never needs a special case.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Count(int width) => width <= 64 ? 1 : (width + 63) >> 6;

    /// <summary>Mask of the valid bits of the top limb, so results can be cut back to their width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong TopMask(int width) => (width & 63) == 0 ? (width == 0 ? 0UL : ulong.MaxValue) : (1UL << (width & 63)) - 1;

    /// <summary>Mask of the low <paramref name="width"/> bits of one word (width 0..64).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong WordMask(int width) => width >= 64 ? ulong.MaxValue : (1UL << width) - 1;

    /// <summary>Clears the bits above <paramref name="width"/>.</summary>
    public static void Mask(Span<ulong> x, int width)
    {
        int n = Count(width);
        x[n - 1] &= TopMask(width);
        x[n..].Clear();
    }

    /// <summary>dst = (a + b + carryIn) mod 2^width; returns the carry out of bit width-1 (for widths that fill whole limbs) or the bit at position width.</summary>
    public static ulong Add(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst, int width, ulong carryIn = 0)
    {
        int n = Count(width);
        ulong c = carryIn;
        for (int i = 0; i < n; i++)
        {
            ulong x = a[i], s = x + b[i];
            ulong c1 = s < x ? 1UL : 0UL;
            ulong t = s + c;
            c = c1 | (t < s ? 1UL : 0UL);
            dst[i] = t;
        }
        int rem = width & 63;
        if (rem != 0)
        {
            ulong top = dst[n - 1];
            c = (top >> rem) & 1;
            dst[n - 1] = top & TopMask(width);
        }
        return c;
    }

    /// <summary>dst = (a - b) mod 2^width.</summary>
    public static void Sub(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst, int width)
    {
        int n = Count(width);
        ulong borrow = 0;
        for (int i = 0; i < n; i++)
        {
            ulong x = a[i], y = b[i];
            ulong d = x - y;
            ulong b1 = x < y ? 1UL : 0UL;
            ulong e = d - borrow;
            borrow = b1 | (d < borrow ? 1UL : 0UL);
            dst[i] = e;
        }
        dst[n - 1] &= TopMask(width);
    }

    /// <summary>dst = a · b mod 2^width (schoolbook on limbs); dst must not overlap the operands.</summary>
    public static void Mul(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> dst, int width)
    {
        int n = Count(width);
        dst[..n].Clear();
        for (int i = 0; i < a.Length && i < n; i++)
        {
            ulong ai = a[i];
            if (ai == 0) continue;
            ulong carry = 0;
            for (int j = 0; j < b.Length && i + j < n; j++)
            {
                ulong hi = System.Math.BigMul(ai, b[j], out ulong lo);
                ulong s = lo + carry;
                hi += s < lo ? 1UL : 0UL;
                ulong t = dst[i + j] + s;
                hi += t < s ? 1UL : 0UL;
                dst[i + j] = t;
                carry = hi;
            }
            if (i + b.Length < n) dst[i + b.Length] += carry;
        }
        dst[n - 1] &= TopMask(width);
    }

    /// <summary>-1, 0 or 1 comparing a and b as unsigned numbers of the same limb count.</summary>
    public static int Compare(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        for (int i = a.Length - 1; i >= 0; i--)
            if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
        return 0;
    }

    /// <summary>The 64 bits of <paramref name="src"/> starting at bit <paramref name="lo"/> (zeros beyond the end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Window(ReadOnlySpan<ulong> src, int lo)
    {
        int i = lo >> 6, s = lo & 63;
        ulong w = i < src.Length ? src[i] >> s : 0;
        if (s != 0 && i + 1 < src.Length) w |= src[i + 1] << (64 - s);
        return w;
    }

    /// <summary>dst = src[lo .. lo+width-1] (a bit slice), masked to width.</summary>
    public static void Extract(ReadOnlySpan<ulong> src, int lo, Span<ulong> dst, int width)
    {
        int n = Count(width);
        for (int j = 0; j < n; j++) dst[j] = Window(src, lo + 64 * j);
        dst[n - 1] &= TopMask(width);
    }

    /// <summary>ORs the low <paramref name="width"/> bits of <paramref name="src"/> into <paramref name="dst"/> at bit <paramref name="offset"/>; the target bits must be zero.</summary>
    public static void Deposit(Span<ulong> dst, int offset, ReadOnlySpan<ulong> src, int width)
    {
        if (width == 0) return;
        int n = Count(width);
        int i = offset >> 6, s = offset & 63;
        for (int j = 0; j < n; j++)
        {
            ulong w = src[j];
            if (j == n - 1) w &= TopMask(width);
            if (i + j < dst.Length) dst[i + j] |= w << s;
            if (s != 0 && i + j + 1 < dst.Length) dst[i + j + 1] |= w >> (64 - s);
        }
    }

    /// <summary>Limbs of a non-negative integer below 2^width.</summary>
    public static void FromBigInteger(BigInteger value, Span<ulong> dst)
    {
        dst.Clear();
        if (value.Sign < 0) throw new ArgumentOutOfRangeException(nameof(value), "limbs hold non-negative values");
        int bytes = value.GetByteCount(isUnsigned: true);
        Span<byte> buf = bytes <= 512 ? stackalloc byte[bytes] : new byte[bytes];
        value.TryWriteBytes(buf, out _, isUnsigned: true, isBigEndian: false);
        for (int k = 0; k < bytes; k++)
        {
            int limb = k >> 3;
            if (limb >= dst.Length) throw new ArgumentOutOfRangeException(nameof(value), "value does not fit the limbs");
            dst[limb] |= (ulong)buf[k] << (8 * (k & 7));
        }
    }

    /// <summary>The non-negative integer held by the limbs.</summary>
    public static BigInteger ToBigInteger(ReadOnlySpan<ulong> src)
    {
        Span<byte> buf = src.Length <= 64 ? stackalloc byte[src.Length * 8] : new byte[src.Length * 8];
        for (int i = 0; i < src.Length; i++) BitConverter.TryWriteBytes(buf[(8 * i)..], src[i]);
        return new BigInteger(buf, isUnsigned: true, isBigEndian: false);
    }

    /// <summary>Lowercase hex of exactly ceil(width/4) digits, the form HDL literals and VCD-free reports use.</summary>
    public static string ToHex(ReadOnlySpan<ulong> src, int width)
    {
        int digits = System.Math.Max(1, (width + 3) / 4);
        var chars = new char[digits];
        for (int d = 0; d < digits; d++)
        {
            int bit = 4 * d;
            ulong nib = (Window(src, bit) & 0xF);
            chars[digits - 1 - d] = "0123456789abcdef"[(int)nib];
        }
        return new string(chars);
    }

    /// <summary>Binary digits, most significant first, exactly <paramref name="width"/> of them (VCD values, short HDL literals).</summary>
    public static string ToBinary(ReadOnlySpan<ulong> src, int width)
    {
        var chars = new char[width];
        for (int b = 0; b < width; b++) chars[width - 1 - b] = ((src[b >> 6] >> (b & 63)) & 1) != 0 ? '1' : '0';
        return new string(chars);
    }
}
