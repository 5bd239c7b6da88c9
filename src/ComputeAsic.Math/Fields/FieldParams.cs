using System.Globalization;
using System.Numerics;

namespace ComputeAsic.Math.Fields;

/// <summary>Parses a hexadecimal modulus constant; kept here so every field states its prime once, in hex as the specifications do.</summary>
internal static class Hex
{
    public static BigInteger Parse(string hex) => BigInteger.Parse("0" + hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}

/// <summary>BN254 (alt_bn128) base field q.</summary>
public struct Bn254FqParams : IFp256Params
{
    private static readonly BigInteger M = Hex.Parse("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47");
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
    private static readonly BigInteger M = Hex.Parse("30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001");
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
    private static readonly BigInteger M = Hex.Parse("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab");
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
    private static readonly BigInteger M = Hex.Parse("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");
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
    private static readonly BigInteger M = Hex.Parse("01ae3a4617c510eac63b05c06ca1493b1a22d9f300f5138f1ef3622fba094800170b5d44300000008508c00000000001");
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
    private static readonly BigInteger M = Hex.Parse("12ab655e9a2ca55660b44d1e5c37b00159aa76fed00000010a11800000000001");
    /// <inheritdoc/>
    public static string Name => "bls12-377-fr";
    /// <inheritdoc/>
    public static BigInteger Modulus => M;
    /// <inheritdoc/>
    public static ulong Generator => 22;
}
