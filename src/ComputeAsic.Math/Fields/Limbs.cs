using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace ComputeAsic.Math.Fields;

/// <summary>Multi-precision helpers on little-endian 64-bit limbs, shared by every fixed-limb field so encodings are written once.</summary>
public static class Limbs
{
    private const ulong TenPow19 = 10_000_000_000_000_000_000UL;

    /// <summary>Parses ASCII decimal digits into limbs; false on a non-digit, an empty string, or overflow of the limb count.</summary>
    /// <remarks>Eight digits at a time with SWAR arithmetic, 16 digits per multiply-accumulate pass over the limbs.</remarks>
    public static bool TryParseDecimal(ReadOnlySpan<byte> digits, Span<ulong> limbs)
    {
        limbs.Clear();
        if (digits.IsEmpty || digits.Length > 20 * limbs.Length) return false;
        int i = digits.Length % 16;
        int used = 0; // limbs that may be non-zero
        if (i != 0)
        {
            ulong head = 0;
            for (int k = 0; k < i; k++)
            {
                uint d = (uint)(digits[k] - (byte)'0');
                if (d > 9) return false;
                head = head * 10 + d;
            }
            limbs[0] = head;
            used = head != 0 ? 1 : 0;
        }
        for (; i < digits.Length; i += 16)
        {
            if (!TryParse8(digits.Slice(i, 8), out ulong hi8) || !TryParse8(digits.Slice(i + 8, 8), out ulong lo8)) return false;
            ulong carry = hi8 * 100_000_000UL + lo8;
            for (int j = 0; j < used; j++)
            {
                ulong h = System.Math.BigMul(limbs[j], TenPow16, out ulong lo);
                lo += carry;
                carry = h + (lo < carry ? 1UL : 0UL);
                limbs[j] = lo;
            }
            if (carry != 0)
            {
                if (used == limbs.Length) return false;
                limbs[used++] = carry;
            }
        }
        return true;
    }

    private const ulong TenPow16 = 10_000_000_000_000_000UL;

    /// <summary>Eight ASCII digits (most significant first) to their value, validating all eight at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParse8(ReadOnlySpan<byte> eight, out ulong value)
    {
        ulong v = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(eight);
        // Every byte in '0'..'9': high nibble 3 and low nibble + 6 does not carry into the high nibble.
        if (((v & 0xF0F0F0F0F0F0F0F0UL) | (((v + 0x0606060606060606UL) & 0xF0F0F0F0F0F0F0F0UL) >> 4)) != 0x3333333333333333UL)
        {
            value = 0;
            return false;
        }
        v -= 0x3030303030303030UL;
        v = v * 10 + (v >> 8);
        value = (((v & 0x000000FF000000FFUL) * (100 + (1_000_000UL << 32))) + (((v >> 16) & 0x000000FF000000FFUL) * (1 + (10_000UL << 32)))) >> 32;
        return true;
    }

    /// <summary>Writes the decimal form of the limbs; returns bytes written. Destination needs 20 bytes per limb.</summary>
    /// <remarks>Base-10^19 conversion by division with a precomputed reciprocal (two multiplications per limb step), then eight digits per step.</remarks>
    public static int FormatDecimal(ReadOnlySpan<ulong> value, Span<byte> destination)
    {
        Span<ulong> v = stackalloc ulong[value.Length];
        value.CopyTo(v);
        Span<ulong> chunks = stackalloc ulong[value.Length * 20 / 19 + 2];
        int n = 0, top = v.Length;
        while (top > 0 && v[top - 1] == 0) top--;
        if (top == 0)
        {
            destination[0] = (byte)'0';
            return 1;
        }
        while (top > 0)
        {
            ulong rem = 0;
            for (int j = top - 1; j >= 0; j--) v[j] = DivRemTenPow19(rem, v[j], out rem);
            chunks[n++] = rem;
            while (top > 0 && v[top - 1] == 0) top--;
        }
        Span<byte> head = stackalloc byte[19];
        Write19(chunks[n - 1], head);
        int skip = 0;
        while (skip < 18 && head[skip] == '0') skip++;
        head[skip..].CopyTo(destination);
        int pos = 19 - skip;
        for (int c = n - 2; c >= 0; c--, pos += 19) Write19(chunks[c], destination[pos..]);
        return pos;
    }

    // floor((2^128 - 1) / 10^19) - 2^64; 10^19 has its top bit set, so it is already normalized (Möller-Granlund 2011).
    private static readonly ulong TenPow19Reciprocal = (ulong)((UInt128.MaxValue / TenPow19) - ((UInt128)1 << 64));

    /// <summary>(hi·2^64 + lo) / 10^19 for hi &lt; 10^19, with the remainder.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong DivRemTenPow19(ulong hi, ulong lo, out ulong rem)
    {
        ulong q1 = System.Math.BigMul(TenPow19Reciprocal, hi, out ulong q0);
        q0 += lo;
        q1 += hi + (q0 < lo ? 1UL : 0UL) + 1;
        ulong r = lo - q1 * TenPow19;
        if (r > q0)
        {
            q1--;
            r += TenPow19;
        }
        if (r >= TenPow19)
        {
            q1++;
            r -= TenPow19;
        }
        rem = r;
        return q1;
    }

    private static ReadOnlySpan<byte> TwoDigits => "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    /// <summary>x &lt; 10^19 as exactly 19 digits, leading zeros included: three digits, then two runs of eight, each built in one register.</summary>
    private static void Write19(ulong x, Span<byte> dst)
    {
        const ulong TenPow8 = 100_000_000UL;
        ulong top = x / TenPow16, rest = x - top * TenPow16;
        ulong hi = rest / TenPow8, lo = rest - hi * TenPow8;
        int t = (int)top, q = t / 100, r = (t - q * 100) * 2;
        dst[0] = (byte)('0' + q);
        dst[1] = TwoDigits[r];
        dst[2] = TwoDigits[r + 1];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(dst[3..], EightDigits(hi));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(dst[11..], EightDigits(lo));
    }

    /// <summary>The eight ASCII digits of x &lt; 10^8 in memory order: split into lanes of 4, 2, then 1 digit inside one register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong EightDigits(ulong x)
    {
        ulong a = x / 10_000, b = x - a * 10_000;
        ulong y = a | (b << 32); // 32-bit lanes of four digits, the leading four first
        ulong q = ((y * 5243) >> 19) & 0x0000_007F_0000_007FUL; // each lane / 100, exact below 10^4
        ulong w = q | ((y - q * 100) << 16); // 16-bit lanes of two digits
        ulong t = ((w * 103) >> 10) & 0x000F_000F_000F_000FUL; // each lane / 10, exact below 100
        return (t | ((w - t * 10) << 8)) + 0x3030_3030_3030_3030UL;
    }

    /// <summary>a &lt; b as unsigned integers of equal limb count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LessThan(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        for (int i = a.Length - 1; i >= 0; i--)
        {
            if (a[i] != b[i]) return a[i] < b[i];
        }
        return false;
    }

    /// <summary>Limbs of a non-negative integer that fits.</summary>
    public static void FromBigInteger(BigInteger value, Span<ulong> limbs)
    {
        if (value.Sign < 0) throw new ArgumentOutOfRangeException(nameof(value), "negative");
        limbs.Clear();
        Span<byte> bytes = stackalloc byte[limbs.Length * 8 + 1];
        if (!value.TryWriteBytes(bytes, out int written, isUnsigned: true, isBigEndian: false) || written > limbs.Length * 8)
            throw new ArgumentOutOfRangeException(nameof(value), "does not fit the limb count");
        for (int i = 0; i < limbs.Length; i++) limbs[i] = BitConverter.ToUInt64(bytes.Slice(i * 8, 8));
    }

    /// <summary>The non-negative integer held by the limbs.</summary>
    public static BigInteger ToBigInteger(ReadOnlySpan<ulong> limbs)
    {
        Span<byte> bytes = stackalloc byte[limbs.Length * 8];
        for (int i = 0; i < limbs.Length; i++) BitConverter.TryWriteBytes(bytes.Slice(i * 8, 8), limbs[i]);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
    }

    /// <summary>-m^-1 mod 2^64 for odd m: the Montgomery reduction factor.</summary>
    public static ulong NegInverse64(ulong m)
    {
        ulong inv = 1;
        for (int i = 0; i < 6; i++) inv *= 2 - m * inv; // Newton: doubles correct bits each step
        return 0 - inv;
    }

    /// <summary>Largest k with 2^k dividing n (n &gt; 0).</summary>
    public static int TwoAdicity(BigInteger n)
    {
        int k = 0;
        while (n.IsEven) { n >>= 1; k++; }
        return k;
    }

    /// <summary>a + b + carry; carry (0 or 1) is updated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong AddC(ulong a, ulong b, ref ulong carry)
    {
        ulong s = a + b;
        ulong r = s + carry;
        carry = (s < a ? 1UL : 0UL) | (r < s ? 1UL : 0UL);
        return r;
    }

    /// <summary>a - b - borrow; borrow (0 or 1) is updated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SubB(ulong a, ulong b, ref ulong borrow)
    {
        ulong d = a - b;
        ulong r = d - borrow;
        borrow = (a < b ? 1UL : 0UL) | (d < borrow ? 1UL : 0UL);
        return r;
    }

    /// <summary>High word of a·b. On x64 with BMI2 a register-only <c>mulx</c>: the JIT's <see cref="System.Math.BigMul(ulong, ulong, out ulong)"/> sends the low word through memory, which sits on every carry chain.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MulHigh(ulong a, ulong b)
        => Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(a, b) : System.Math.BigMul(a, b, out _);

    /// <summary>(hi, lo) = a·b; the low word is a separate <c>imul</c>, cheaper here than a round trip through memory.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mul(ulong a, ulong b, out ulong lo)
    {
        lo = a * b;
        return MulHigh(a, b);
    }

    /// <summary>
    /// (hi, lo) = a·b + c. The carry is a select (<c>lea</c>/<c>cmp</c>/<c>cmov</c>), one instruction fewer than adding a
    /// <c>setb</c> result; hi + 1 cannot overflow because a product's high word is at most 2^64 - 2. RyuJIT makes such
    /// selects <c>cmov</c> only outside loops (inside one they become data-dependent branches), so the multiply-add
    /// helpers belong in loop-free, out-of-line bodies such as the fields' product methods.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MulAdd(ulong a, ulong b, ulong c, out ulong lo)
    {
        ulong l = a * b + c;
        lo = l;
        ulong hi = MulHigh(a, b);
        return l < c ? hi + 1 : hi;
    }

    /// <summary>(hi, lo) = a·b + c + d; cannot overflow 128 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MulAdd2(ulong a, ulong b, ulong c, ulong d, out ulong lo)
    {
        ulong l = a * b + c;
        ulong hi = MulHigh(a, b);
        hi = l < c ? hi + 1 : hi;
        l += d;
        lo = l;
        return l < d ? hi + 1 : hi;
    }

    /// <summary>High word of a·b + c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MulAddHigh(ulong a, ulong b, ulong c)
    {
        ulong hi = MulHigh(a, b);
        return a * b + c < c ? hi + 1 : hi;
    }

    /// <summary>High word of m·q0 + t for the Montgomery factor m = t·(-q0⁻¹): the low word is 0 by construction, so it carries exactly when t is not 0 (saves the low product).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MontgomeryHigh(ulong m, ulong q0, ulong t)
    {
        ulong hi = MulHigh(m, q0);
        return t != 0 ? hi + 1 : hi;
    }
}
