using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace ComputeAsic.Math.Fields;

/// <summary>The Goldilocks field p = 2^64 - 2^32 + 1, held canonically in one word; reduction uses 2^64 ≡ 2^32 - 1 instead of Montgomery.</summary>
public readonly struct Goldilocks : IPrimeField<Goldilocks>
{
    /// <summary>The prime as a word.</summary>
    public const ulong P = 0xFFFF_FFFF_0000_0001UL;
    private const ulong Epsilon = 0xFFFF_FFFFUL; // 2^64 mod p

    /// <summary>The canonical value in [0, p).</summary>
    public readonly ulong Value;

    private Goldilocks(ulong canonical) => Value = canonical;

    /// <summary>Element from a canonical word; throws when not below p.</summary>
    public static Goldilocks FromCanonical(ulong value)
        => value < P ? new Goldilocks(value) : throw new ArgumentOutOfRangeException(nameof(value), "not below the Goldilocks prime");

    /// <summary>Element from any word, reduced mod p.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Goldilocks FromWord(ulong value) => new(value >= P ? value - P : value);

    /// <inheritdoc/>
    public static Goldilocks Zero => default;
    /// <inheritdoc/>
    public static Goldilocks One => new(1);
    /// <inheritdoc/>
    public static string Name => "goldilocks";
    /// <inheritdoc/>
    public static BigInteger Modulus => P;
    /// <inheritdoc/>
    public static int Bits => 64;
    /// <inheritdoc/>
    public static int ByteLength => 8;
    /// <inheritdoc/>
    public static int TwoAdicity => 32;
    /// <inheritdoc/>
    public static Goldilocks MultiplicativeGenerator => new(7);
    /// <inheritdoc/>
    public bool IsZero => Value == 0;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Goldilocks operator +(Goldilocks a, Goldilocks b)
    {
        ulong s = a.Value + b.Value;
        // On carry, 2^64 ≡ Epsilon; the sum then is below p. Branch-free, as in Reduce128.
        s += Epsilon & (0 - (s < a.Value ? 1UL : 0UL));
        return new(s + (Epsilon & (0 - (s >= P ? 1UL : 0UL))));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Goldilocks operator -(Goldilocks a, Goldilocks b)
    {
        ulong d = a.Value - b.Value;
        d -= Epsilon & (0 - (a.Value < b.Value ? 1UL : 0UL)); // on borrow add p = 2^64 - Epsilon
        return new(d);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Goldilocks operator -(Goldilocks a) => new(a.Value == 0 ? 0 : P - a.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Goldilocks operator *(Goldilocks a, Goldilocks b)
    {
        ulong hi = System.Math.BigMul(a.Value, b.Value, out ulong lo);
        return new(Reduce128(hi, lo));
    }

    /// <summary>Reduces hi·2^64 + lo using 2^64 ≡ 2^32 - 1 and 2^96 ≡ -1. The borrow and carry corrections are branch-free (their outcomes are data-dependent, so in NTT loops branches would mispredict).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Reduce128(ulong hi, ulong lo)
    {
        ulong hiHi = hi >> 32, hiLo = hi & Epsilon;
        ulong t0 = lo - hiHi;
        t0 -= Epsilon & (0 - (lo < hiHi ? 1UL : 0UL)); // borrow: add p = 2^64 - Epsilon
        ulong t1 = hiLo * Epsilon;
        ulong t2 = t0 + t1;
        t2 += Epsilon & (0 - (t2 < t1 ? 1UL : 0UL)); // carry: 2^64 ≡ Epsilon
        return t2 >= P ? t2 - P : t2; // rare (t2 within 2^32 of 2^64): a predictable branch is cheaper here
    }

    /// <inheritdoc/>
    public Goldilocks Square() => this * this;
    /// <inheritdoc/>
    public Goldilocks Double() => this + this;
    /// <inheritdoc/>
    public Goldilocks Inverse() => FieldMath.Pow(this, [P - 2]);
    /// <inheritdoc/>
    public static Goldilocks FromInt(long value)
    {
        var r = FromWord((ulong)System.Math.Abs(value));
        return value < 0 ? -r : r;
    }
    /// <inheritdoc/>
    public static Goldilocks FromBigInteger(BigInteger value)
        => value.Sign >= 0 && value < P ? new((ulong)value) : throw new ArgumentOutOfRangeException(nameof(value), "not in [0, p) of goldilocks");
    /// <inheritdoc/>
    public BigInteger ToBigInteger() => Value;
    /// <inheritdoc/>
    public static bool TryParseDecimal(ReadOnlySpan<byte> utf8Digits, out Goldilocks value)
    {
        Span<ulong> l = stackalloc ulong[1];
        bool ok = Limbs.TryParseDecimal(utf8Digits, l) && l[0] < P;
        value = ok ? new(l[0]) : default;
        return ok;
    }
    /// <inheritdoc/>
    public int FormatDecimal(Span<byte> utf8Destination) => Limbs.FormatDecimal([Value], utf8Destination);
    /// <inheritdoc/>
    public void WriteLittleEndian(Span<byte> destination) => BinaryPrimitives.WriteUInt64LittleEndian(destination, Value);
    /// <inheritdoc/>
    public static bool TryReadLittleEndian(ReadOnlySpan<byte> source, out Goldilocks value)
    {
        ulong v = BinaryPrimitives.ReadUInt64LittleEndian(source);
        value = v < P ? new(v) : default;
        return v < P;
    }
    /// <inheritdoc/>
    public void WriteCanonicalLimbs(Span<ulong> destination) => destination[0] = Value;
    /// <inheritdoc/>
    public bool TrySqrt(out Goldilocks root) => FieldMath.TrySqrt(this, out root);
    /// <inheritdoc/>
    public bool Equals(Goldilocks other) => Value == other.Value;
    /// <inheritdoc/>
    public static bool operator ==(Goldilocks a, Goldilocks b) => a.Value == b.Value;
    /// <inheritdoc/>
    public static bool operator !=(Goldilocks a, Goldilocks b) => a.Value != b.Value;
    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Goldilocks g && Equals(g);
    /// <inheritdoc/>
    public override int GetHashCode() => Value.GetHashCode();
    /// <summary>The canonical decimal form.</summary>
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
