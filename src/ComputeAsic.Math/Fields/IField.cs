using System.Numerics;

namespace ComputeAsic.Math.Fields;

/// <summary>A finite field element type, so curve and transform code is written once for every field (prime or extension).</summary>
public interface IField<T> : IEquatable<T>,
    IAdditionOperators<T, T, T>, ISubtractionOperators<T, T, T>, IMultiplyOperators<T, T, T>,
    IUnaryNegationOperators<T, T>, IEqualityOperators<T, T, bool>
    where T : struct, IField<T>
{
    /// <summary>The additive identity.</summary>
    static abstract T Zero { get; }

    /// <summary>The multiplicative identity.</summary>
    static abstract T One { get; }

    /// <summary>Whether this is the additive identity.</summary>
    bool IsZero { get; }

    /// <summary>this·this, cheaper than a general product where the field allows.</summary>
    T Square();

    /// <summary>this + this.</summary>
    T Double();

    /// <summary>The multiplicative inverse; zero maps to zero, so batch code need not branch.</summary>
    T Inverse();

    /// <summary>A small integer as a field element, for formula constants.</summary>
    static abstract T FromInt(long value);
}

/// <summary>A prime field with canonical integer, decimal and byte encodings: the boundary type of files and protocols.</summary>
public interface IPrimeField<T> : IField<T> where T : struct, IPrimeField<T>
{
    /// <summary>Short lowercase name used in files and errors, e.g. <c>bn254-fr</c>.</summary>
    static abstract string Name { get; }

    /// <summary>The prime p.</summary>
    static abstract BigInteger Modulus { get; }

    /// <summary>Bits in p.</summary>
    static abstract int Bits { get; }

    /// <summary>Bytes of the canonical little-endian encoding.</summary>
    static abstract int ByteLength { get; }

    /// <summary>Largest k with 2^k dividing p-1: the longest power-of-two NTT the field supports.</summary>
    static abstract int TwoAdicity { get; }

    /// <summary>The multiplicative generator g from which roots of unity are taken (ω_n = g^((p-1)/n)).</summary>
    static abstract T MultiplicativeGenerator { get; }

    /// <summary>Element from an integer already in [0, p); throws <see cref="ArgumentOutOfRangeException"/> otherwise.</summary>
    static abstract T FromBigInteger(BigInteger value);

    /// <summary>The canonical integer in [0, p).</summary>
    BigInteger ToBigInteger();

    /// <summary>Parses a canonical decimal string (digits only, value below p) without allocating.</summary>
    static abstract bool TryParseDecimal(ReadOnlySpan<byte> utf8Digits, out T value);

    /// <summary>Writes the canonical decimal form; returns the number of bytes written.</summary>
    int FormatDecimal(Span<byte> utf8Destination);

    /// <summary>Canonical value as little-endian bytes (<see cref="ByteLength"/> of them).</summary>
    void WriteLittleEndian(Span<byte> destination);

    /// <summary>Reads canonical little-endian bytes; false when the value is not below p.</summary>
    static abstract bool TryReadLittleEndian(ReadOnlySpan<byte> source, out T value);

    /// <summary>Canonical value as 64-bit limbs, least significant first (scalar digits for MSM).</summary>
    void WriteCanonicalLimbs(Span<ulong> destination);

    /// <summary>A square root if one exists.</summary>
    bool TrySqrt(out T root);
}
