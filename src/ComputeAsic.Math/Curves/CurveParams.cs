using System.Globalization;
using System.Numerics;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Math.Curves;

internal static class CurveHex
{
    public static BigInteger Parse(string hex) => BigInteger.Parse("0" + hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}

/// <summary>G1 of BN254 (alt_bn128): y² = x³ + 3 over Fq, cofactor 1, generator (1, 2).</summary>
public struct Bn254G1 : ICurve<Bn254Fq>
{
    private static readonly Bn254Fq BValue = Bn254Fq.FromInt(3);
    /// <inheritdoc/>
    public static string Name => "bn254";
    /// <inheritdoc/>
    public static Bn254Fq B => BValue;
    /// <inheritdoc/>
    public static BigInteger Order => Bn254Fr.Modulus;
    /// <inheritdoc/>
    public static BigInteger Cofactor => BigInteger.One;
    /// <inheritdoc/>
    public static Bn254Fq GeneratorX => Bn254Fq.One;
    /// <inheritdoc/>
    public static Bn254Fq GeneratorY => Bn254Fq.FromInt(2);
    // φ(x, y) = (β·x, y) acts as λ on the subgroup (GlvTests checks β³ = 1, λ³ ≡ 1 and φ(P) = λ·P). Literals: deriving
    // them at first use took a scalar multiplication per candidate, about 60 ms of a one-MSM process.
    private static readonly Lazy<GlvEndomorphism<Bn254Fq>> GlvValue = new(() => new(
        Bn254Fq.FromBigInteger(CurveHex.Parse("30644e72e131a0295e6dd9e7e0acccb0c28f069fbb966e3de4bd44e5607cfd48")),
        CurveHex.Parse("30644e72e131a029048b6e193fd84104cc37a73fec2bc5e9b8ca0b2d36636f23"), Order));
    /// <inheritdoc/>
    public static GlvEndomorphism<Bn254Fq>? Glv => GlvValue.Value;
}

/// <summary>G1 of BLS12-381: y² = x³ + 4 over Fq.</summary>
public struct Bls12381G1 : ICurve<Bls12381Fq>
{
    private static readonly Bls12381Fq BValue = Bls12381Fq.FromInt(4);
    private static readonly BigInteger H = CurveHex.Parse("396c8c005555e1568c00aaab0000aaab");
    private static readonly Bls12381Fq Gx = Bls12381Fq.FromBigInteger(CurveHex.Parse(
        "17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb"));
    private static readonly Bls12381Fq Gy = Bls12381Fq.FromBigInteger(CurveHex.Parse(
        "08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1"));
    /// <inheritdoc/>
    public static string Name => "bls12-381";
    /// <inheritdoc/>
    public static Bls12381Fq B => BValue;
    /// <inheritdoc/>
    public static BigInteger Order => Bls12381Fr.Modulus;
    /// <inheritdoc/>
    public static BigInteger Cofactor => H;
    /// <inheritdoc/>
    public static Bls12381Fq GeneratorX => Gx;
    /// <inheritdoc/>
    public static Bls12381Fq GeneratorY => Gy;
    private static readonly Lazy<EndomorphismTest<Bls12381Fq>> Test = new(() => SubgroupChecks.ForSeed<Bls12381Fq, Bls12381G1>(0xd201000000010000));
    /// <inheritdoc/>
    public static EndomorphismTest<Bls12381Fq>? SubgroupTest => Test.Value;
    // The GLV pair β, λ as for BN254 G1.
    private static readonly Lazy<GlvEndomorphism<Bls12381Fq>> GlvValue = new(() => new(
        Bls12381Fq.FromBigInteger(CurveHex.Parse("5f19672fdf76ce51ba69c6076a0f77eaddb3a93be6f89688de17d813620a00022e01fffffffefffe")),
        CurveHex.Parse("73eda753299d7d483339d80809a1d804a7780001fffcb7fcfffffffe00000001"), Order));
    /// <inheritdoc/>
    public static GlvEndomorphism<Bls12381Fq>? Glv => GlvValue.Value;
}

/// <summary>G1 of BLS12-377: y² = x³ + 1 over Fq.</summary>
public struct Bls12377G1 : ICurve<Bls12377Fq>
{
    private static readonly Bls12377Fq BValue = Bls12377Fq.One;
    private static readonly BigInteger H = CurveHex.Parse("170b5d44300000000000000000000000");
    private static readonly Bls12377Fq Gx = Bls12377Fq.FromBigInteger(CurveHex.Parse(
        "008848defe740a67c8fc6225bf87ff5485951e2caa9d41bb188282c8bd37cb5cd5481512ffcd394eeab9b16eb21be9ef"));
    private static readonly Bls12377Fq Gy = Bls12377Fq.FromBigInteger(CurveHex.Parse(
        "01914a69c5102eff1f674f5d30afeec4bd7fb348ca3e52d96d182ad44fb82305c2fe3d3634a9591afd82de55559c8ea6"));
    /// <inheritdoc/>
    public static string Name => "bls12-377";
    /// <inheritdoc/>
    public static Bls12377Fq B => BValue;
    /// <inheritdoc/>
    public static BigInteger Order => Bls12377Fr.Modulus;
    /// <inheritdoc/>
    public static BigInteger Cofactor => H;
    /// <inheritdoc/>
    public static Bls12377Fq GeneratorX => Gx;
    /// <inheritdoc/>
    public static Bls12377Fq GeneratorY => Gy;
    private static readonly Lazy<EndomorphismTest<Bls12377Fq>> Test = new(() => SubgroupChecks.ForSeed<Bls12377Fq, Bls12377G1>(0x8508c00000000001));
    /// <inheritdoc/>
    public static EndomorphismTest<Bls12377Fq>? SubgroupTest => Test.Value;
    // The GLV pair β, λ as for BN254 G1.
    private static readonly Lazy<GlvEndomorphism<Bls12377Fq>> GlvValue = new(() => new(
        Bls12377Fq.FromBigInteger(CurveHex.Parse("1ae3a4617c510eabc8756ba8f8c524eb8882a75cc9bc8e359064ee822fb5bffd1e945779fffffffffffffffffffffff")),
        CurveHex.Parse("12ab655e9a2ca55660b44d1e5c37b00114885f32400000000000000000000000"), Order));
    /// <inheritdoc/>
    public static GlvEndomorphism<Bls12377Fq>? Glv => GlvValue.Value;
}
