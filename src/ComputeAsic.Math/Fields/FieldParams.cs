using System.Numerics;

namespace ComputeAsic.Math.Fields;

// Every prime is stated once, as little-endian 64-bit limbs (literals, so compiled field code holds them as immediates);
// its integer value is derived from them, and FieldParamsTests ties each one to the prime as the specifications publish it.

/// <summary>BN254 (alt_bn128) base field q.</summary>
public struct Bn254FqParams : IFp256Params
{
    /// <inheritdoc/>
    public static ulong M0 => 0x3C208C16D87CFD47;
    /// <inheritdoc/>
    public static ulong M1 => 0x97816A916871CA8D;
    /// <inheritdoc/>
    public static ulong M2 => 0xB85045B68181585D;
    /// <inheritdoc/>
    public static ulong M3 => 0x30644E72E131A029;
    private static readonly BigInteger M = Limbs.ToBigInteger([M0, M1, M2, M3]);
    /// <inheritdoc/>
    public static string Name => "bn254-fq";
    /// <inheritdoc/>
    public static BigInteger Modulus => M;
    /// <inheritdoc/>
    public static ulong Generator => 3;
}

/// <summary>BN254 scalar field r (the circom/snarkjs field); generator 5 as snarkjs uses.</summary>
public struct Bn254FrParams : IFp256Params
{
    /// <inheritdoc/>
    public static ulong M0 => 0x43E1F593F0000001;
    /// <inheritdoc/>
    public static ulong M1 => 0x2833E84879B97091;
    /// <inheritdoc/>
    public static ulong M2 => 0xB85045B68181585D;
    /// <inheritdoc/>
    public static ulong M3 => 0x30644E72E131A029;
    private static readonly BigInteger M = Limbs.ToBigInteger([M0, M1, M2, M3]);
    /// <inheritdoc/>
    public static string Name => "bn254-fr";
    /// <inheritdoc/>
    public static BigInteger Modulus => M;
    /// <inheritdoc/>
    public static ulong Generator => 5;
}

/// <summary>BLS12-381 base field.</summary>
public struct Bls12381FqParams : IFp384Params
{
    /// <inheritdoc/>
    public static ulong M0 => 0xB9FEFFFFFFFFAAAB;
    /// <inheritdoc/>
    public static ulong M1 => 0x1EABFFFEB153FFFF;
    /// <inheritdoc/>
    public static ulong M2 => 0x6730D2A0F6B0F624;
    /// <inheritdoc/>
    public static ulong M3 => 0x64774B84F38512BF;
    /// <inheritdoc/>
    public static ulong M4 => 0x4B1BA7B6434BACD7;
    /// <inheritdoc/>
    public static ulong M5 => 0x1A0111EA397FE69A;
    private static readonly BigInteger M = Limbs.ToBigInteger([M0, M1, M2, M3, M4, M5]);
    /// <inheritdoc/>
    public static string Name => "bls12-381-fq";
    /// <inheritdoc/>
    public static BigInteger Modulus => M;
    /// <inheritdoc/>
    public static ulong Generator => 2;
}

/// <summary>BLS12-381 scalar field.</summary>
public struct Bls12381FrParams : IFp256Params
{
    /// <inheritdoc/>
    public static ulong M0 => 0xFFFFFFFF00000001;
    /// <inheritdoc/>
    public static ulong M1 => 0x53BDA402FFFE5BFE;
    /// <inheritdoc/>
    public static ulong M2 => 0x3339D80809A1D805;
    /// <inheritdoc/>
    public static ulong M3 => 0x73EDA753299D7D48;
    private static readonly BigInteger M = Limbs.ToBigInteger([M0, M1, M2, M3]);
    /// <inheritdoc/>
    public static string Name => "bls12-381-fr";
    /// <inheritdoc/>
    public static BigInteger Modulus => M;
    /// <inheritdoc/>
    public static ulong Generator => 7;
}

/// <summary>BLS12-377 base field.</summary>
public struct Bls12377FqParams : IFp384Params
{
    /// <inheritdoc/>
    public static ulong M0 => 0x8508C00000000001;
    /// <inheritdoc/>
    public static ulong M1 => 0x170B5D4430000000;
    /// <inheritdoc/>
    public static ulong M2 => 0x1EF3622FBA094800;
    /// <inheritdoc/>
    public static ulong M3 => 0x1A22D9F300F5138F;
    /// <inheritdoc/>
    public static ulong M4 => 0xC63B05C06CA1493B;
    /// <inheritdoc/>
    public static ulong M5 => 0x01AE3A4617C510EA;
    private static readonly BigInteger M = Limbs.ToBigInteger([M0, M1, M2, M3, M4, M5]);
    /// <inheritdoc/>
    public static string Name => "bls12-377-fq";
    /// <inheritdoc/>
    public static BigInteger Modulus => M;
    /// <inheritdoc/>
    public static ulong Generator => 15;
}

/// <summary>BLS12-377 scalar field.</summary>
public struct Bls12377FrParams : IFp256Params
{
    /// <inheritdoc/>
    public static ulong M0 => 0x0A11800000000001;
    /// <inheritdoc/>
    public static ulong M1 => 0x59AA76FED0000001;
    /// <inheritdoc/>
    public static ulong M2 => 0x60B44D1E5C37B001;
    /// <inheritdoc/>
    public static ulong M3 => 0x12AB655E9A2CA556;
    private static readonly BigInteger M = Limbs.ToBigInteger([M0, M1, M2, M3]);
    /// <inheritdoc/>
    public static string Name => "bls12-377-fr";
    /// <inheritdoc/>
    public static BigInteger Modulus => M;
    /// <inheritdoc/>
    public static ulong Generator => 22;
}
