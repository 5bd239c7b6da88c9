using System.Numerics;

namespace ComputeAsic.Hardware.Msm;

/// <summary>
/// The shape of an MSM engine job, shared by the netlist, the fast model and the host: window width c, W windows of
/// signed c-bit digits covering the scalar bits plus the carry bit, 2^(c-1) buckets per window, and the bit layout of
/// the input stream and of the bucket memory.
/// </summary>
public sealed class MsmConfig
{
    /// <summary>Smallest window width (one bucket per window below it is meaningless).</summary>
    public const int MinWindow = 2;

    /// <summary>Largest window width: 2^15 buckets per window is URAM-sized already.</summary>
    public const int MaxWindow = 16;

    /// <summary>Describes an engine for scalars of <paramref name="scalarBits"/> bits and coordinates of <paramref name="coordinateBits"/> bits.</summary>
    public MsmConfig(int window, int scalarBits, int coordinateBits, int fifoDepth)
    {
        if (window < MinWindow || window > MaxWindow) throw new ArgumentException($"window {window} is out of range [{MinWindow}, {MaxWindow}]");
        if (scalarBits < 1) throw new ArgumentException($"scalar bits {scalarBits} must be positive");
        if (fifoDepth < 2 || (fifoDepth & (fifoDepth - 1)) != 0) throw new ArgumentException($"fifo depth {fifoDepth} is not a power of two (at least 2)");
        Window = window;
        ScalarBits = scalarBits;
        CoordinateBits = coordinateBits;
        FifoDepth = fifoDepth;
        // Signed digits need one spare bit for the last carry: W = ceil((bits + 1) / c).
        Windows = (scalarBits + 1 + window - 1) / window;
        // Widths differing by at most one (wider ones lowest): with uniform widths the top window would hold a bit or
        // two, so its few buckets would be hit every W cycles and additions there would keep waiting for the adder.
        int total = scalarBits + 1, narrow = total / Windows, wide = total % Windows;
        Widths = [.. Enumerable.Range(0, Windows).Select(w => w < wide ? narrow + 1 : narrow)];
        var offsets = new int[Windows];
        for (int w = 1; w < Windows; w++) offsets[w] = offsets[w - 1] + Widths[w - 1];
        Offsets = offsets;
        WindowIndexBits = System.Math.Max(1, 32 - BitOperations.LeadingZeroCount((uint)(Windows - 1)));
        AddressBits = WindowIndexBits + window - 1;
    }

    /// <summary>The window width c.</summary>
    public int Window { get; }

    /// <summary>Bits of the scalars (of the group order r).</summary>
    public int ScalarBits { get; }

    /// <summary>Bits of a point coordinate.</summary>
    public int CoordinateBits { get; }

    /// <summary>Entries of the parking FIFO for additions whose bucket is in flight.</summary>
    public int FifoDepth { get; }

    /// <summary>W: windows per scalar, each one bucket addition per point (the N·W bound).</summary>
    public int Windows { get; }

    /// <summary>Bits of each window (c or c − 1), window 0 first; they tile scalar bits + 1.</summary>
    public IReadOnlyList<int> Widths { get; }

    /// <summary>Bit offset of each window.</summary>
    public IReadOnlyList<int> Offsets { get; }

    /// <summary>Buckets per window, 2^(c-1): digit ±d goes to bucket d − 1.</summary>
    public int Buckets => 1 << (Window - 1);

    /// <summary>Address bits of the window index.</summary>
    public int WindowIndexBits { get; }

    /// <summary>Address bits of the bucket memory (window index above bucket index).</summary>
    public int AddressBits { get; }

    /// <summary>Bits of one signed digit on the input stream (two's complement, range [−2^(c−1), 2^(c−1)]).</summary>
    public int DigitBits => Window + 1;

    /// <summary>Bits of one input beat: x, y, identity flag, then W digits, window 0 lowest.</summary>
    public int InputBits => 2 * CoordinateBits + 1 + Windows * DigitBits;

    /// <summary>Bits of one bucket word: x, y, z, then a "written" flag (0: the bucket is still the identity).</summary>
    public int BucketBits => 3 * CoordinateBits + 1;

    /// <summary>One input beat: x, y, the identity flag, then the digits (two's complement, c + 1 bits each).</summary>
    public BigInteger Beat(BigInteger x, BigInteger y, bool identity, ReadOnlySpan<int> digits)
    {
        int n = CoordinateBits;
        BigInteger v = identity ? BigInteger.One << (2 * n) : x | (y << n);
        for (int w = 0; w < Windows; w++) v |= new BigInteger(digits[w] & ((1 << DigitBits) - 1)) << (2 * n + 1 + w * DigitBits);
        return v;
    }

    /// <summary>The bucket-memory address of bucket <paramref name="bucket"/> of window <paramref name="window"/>.</summary>
    public int Address(int window, int bucket) => (window << (Window - 1)) | bucket;

    /// <summary>The bound N·W on cycles: one addition per point per window.</summary>
    public long Bound(long points) => points * Windows;

    /// <summary>
    /// The signed digits of <paramref name="scalar"/> (0 ≤ k &lt; 2^bits), window 0 first, with k = Σ d_w·2^(offset_w)
    /// and d_w in [−2^(width_w−1), 2^(width_w−1)]: a window whose value reaches half its range takes value − 2^width
    /// and carries one into the next.
    /// This is done on the host (the hardware takes digits, not scalars).
    /// </summary>
    public int[] Digits(BigInteger scalar)
    {
        if (scalar.Sign < 0 || scalar >> ScalarBits != 0) throw new ArgumentException($"scalar {scalar} does not fit in {ScalarBits} bits");
        var d = new int[Windows];
        int carry = 0;
        for (int w = 0; w < Windows; w++)
        {
            int width = Widths[w];
            int raw = (int)((scalar >> Offsets[w]) & ((1 << width) - 1)) + carry;
            carry = raw >= 1 << (width - 1) && w < Windows - 1 ? 1 : 0;
            d[w] = raw - (carry << width);
        }
        return d;
    }
}
