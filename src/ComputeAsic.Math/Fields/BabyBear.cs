using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace ComputeAsic.Math.Fields;

/// <summary>The BabyBear field p = 15·2^27 + 1, held in 32-bit Montgomery form (R = 2^32).</summary>
public readonly struct BabyBear : IPrimeField<BabyBear>
{
    /// <summary>The prime as a word.</summary>
    public const uint P = 15u * (1u << 27) + 1u;
    private const uint NegPInv = 0x77FF_FFFF; // -p^-1 mod 2^32
    private const uint R2 = 1172168163;        // 2^64 mod p

    /// <summary>The Montgomery-form value (x·2^32 mod p).</summary>
    public readonly uint Raw;

    private BabyBear(uint raw) => Raw = raw;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Redc(ulong x)
    {
        uint m = (uint)x * NegPInv;
        uint t = (uint)((x + (ulong)m * P) >> 32); // below 2p
        // Branch-free "t >= p ? t - p : t": t - p is negative as an int exactly when t < p (p < 2^31).
        uint r = t - P;
        return r + (P & (uint)((int)r >> 31));
    }

    /// <summary>Element from a canonical value; throws when not below p.</summary>
    public static BabyBear FromCanonical(uint value)
        => value < P ? new(Redc((ulong)value * R2)) : throw new ArgumentOutOfRangeException(nameof(value), "not below the BabyBear prime");

    /// <summary>The canonical value in [0, p).</summary>
    public uint Value => Redc(Raw);

    /// <inheritdoc/>
    public static BabyBear Zero => default;
    /// <inheritdoc/>
    public static BabyBear One => FromCanonical(1);
    /// <inheritdoc/>
    public static string Name => "babybear";
    /// <inheritdoc/>
    public static BigInteger Modulus => P;
    /// <inheritdoc/>
    public static int Bits => 31;
    /// <inheritdoc/>
    public static int ByteLength => 4;
    /// <inheritdoc/>
    public static int TwoAdicity => 27;
    /// <inheritdoc/>
    public static BabyBear MultiplicativeGenerator => FromCanonical(31);
    /// <inheritdoc/>
    public bool IsZero => Raw == 0;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static BabyBear operator +(BabyBear a, BabyBear b)
    {
        uint r = a.Raw + b.Raw - P; // branch-free: negative as an int exactly when the sum is below p
        return new(r + (P & (uint)((int)r >> 31)));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static BabyBear operator -(BabyBear a, BabyBear b)
    {
        uint d = a.Raw - b.Raw; // branch-free: negative as an int exactly when a < b
        return new(d + (P & (uint)((int)d >> 31)));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static BabyBear operator -(BabyBear a) => new(a.Raw == 0 ? 0 : P - a.Raw);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static BabyBear operator *(BabyBear a, BabyBear b) => new(Redc((ulong)a.Raw * b.Raw));

    /// <inheritdoc/>
    public BabyBear Square() => this * this;
    /// <inheritdoc/>
    public BabyBear Double() => this + this;
    /// <inheritdoc/>
    public BabyBear Inverse() => FieldMath.Pow(this, [P - 2]);
    /// <inheritdoc/>
    public static BabyBear FromInt(long value)
    {
        var r = FromCanonical((uint)((ulong)System.Math.Abs(value) % P));
        return value < 0 ? -r : r;
    }
    /// <inheritdoc/>
    public static BabyBear FromBigInteger(BigInteger value)
        => value.Sign >= 0 && value < P ? FromCanonical((uint)value) : throw new ArgumentOutOfRangeException(nameof(value), "not in [0, p) of babybear");
    /// <inheritdoc/>
    public BigInteger ToBigInteger() => Value;
    /// <inheritdoc/>
    public static bool TryParseDecimal(ReadOnlySpan<byte> utf8Digits, out BabyBear value)
    {
        Span<ulong> l = stackalloc ulong[1];
        bool ok = Limbs.TryParseDecimal(utf8Digits, l) && l[0] < P;
        value = ok ? FromCanonical((uint)l[0]) : default;
        return ok;
    }
    /// <inheritdoc/>
    public int FormatDecimal(Span<byte> utf8Destination) => Limbs.FormatDecimal([Value], utf8Destination);
    /// <inheritdoc/>
    public void WriteLittleEndian(Span<byte> destination) => BinaryPrimitives.WriteUInt32LittleEndian(destination, Value);
    /// <inheritdoc/>
    public static bool TryReadLittleEndian(ReadOnlySpan<byte> source, out BabyBear value)
    {
        uint v = BinaryPrimitives.ReadUInt32LittleEndian(source);
        value = v < P ? FromCanonical(v) : default;
        return v < P;
    }
    /// <inheritdoc/>
    public void WriteCanonicalLimbs(Span<ulong> destination) => destination[0] = Value;
    /// <inheritdoc/>
    public bool TrySqrt(out BabyBear root) => FieldMath.TrySqrt(this, out root);
    /// <inheritdoc/>
    public bool Equals(BabyBear other) => Raw == other.Raw;
    /// <inheritdoc/>
    public static bool operator ==(BabyBear a, BabyBear b) => a.Raw == b.Raw;
    /// <inheritdoc/>
    public static bool operator !=(BabyBear a, BabyBear b) => a.Raw != b.Raw;
    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BabyBear g && Equals(g);
    /// <inheritdoc/>
    public override int GetHashCode() => Raw.GetHashCode();
    /// <summary>The canonical decimal form.</summary>
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
