using System.Numerics;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Math.Curves;

/// <summary>G2 of BN254: the D-type sextic twist y² = x³ + 3/(9+u) over Fq2, its order-r subgroup and the EIP-197 / snarkjs generator.</summary>
/// <remarks>The twist has r·(2q − r) points, so unlike G1 a point on the curve need not be in G2; <see cref="Affine{F,C}.IsInSubgroup"/> checks r·P = O.</remarks>
public struct Bn254G2 : ICurve<Bn254Fq2>
{
    private static readonly Bn254Fq2 BValue = Bn254Fq2.FromInt(3) * Bn254Fq2.Xi.Inverse();
    private static readonly BigInteger H = 2 * Bn254FqParams.Modulus - Bn254FrParams.Modulus;
    private static readonly Bn254Fq2 Gx = Bn254Fq2.FromBigIntegers(
        BigInteger.Parse("10857046999023057135944570762232829481370756359578518086990519993285655852781"),
        BigInteger.Parse("11559732032986387107991004021392285783925812861821192530917403151452391805634"));
    private static readonly Bn254Fq2 Gy = Bn254Fq2.FromBigIntegers(
        BigInteger.Parse("8495653923123431417604973247489272438418190587263600148770280649306958101930"),
        BigInteger.Parse("4082367875863433681332203403145435568316851327593401208105741076214120093531"));

    /// <inheritdoc/>
    public static string Name => "bn254-g2";

    /// <inheritdoc/>
    public static Bn254Fq2 B => BValue;

    /// <inheritdoc/>
    public static BigInteger Order => Bn254FrParams.Modulus;

    /// <inheritdoc/>
    public static BigInteger Cofactor => H;

    /// <inheritdoc/>
    public static Bn254Fq2 GeneratorX => Gx;

    /// <inheritdoc/>
    public static Bn254Fq2 GeneratorY => Gy;

    // The twist's b is untouched by x -> β·x for a cube root of unity β of Fq, so φ is an endomorphism of G2 too; it acts
    // as λ on G2 (GlvTests checks β³ = 1, λ³ ≡ 1 and φ(P) = λ·P). Literals, as for G1.
    private static readonly Lazy<GlvEndomorphism<Bn254Fq2>> GlvValue = new(() => new(
        new Bn254Fq2(Bn254Fq.FromBigInteger(CurveHex.Parse("30644e72e131a0295e6dd9e7e0acccb0c28f069fbb966e3de4bd44e5607cfd48")), Bn254Fq.Zero),
        CurveHex.Parse("b3c4d79d41a917585bfc41088d8daaa78b17ea66b99c90dd"), Order));

    /// <inheritdoc/>
    public static GlvEndomorphism<Bn254Fq2>? Glv => GlvValue.Value;

    private static readonly Bn254Fq2 PsiX = FieldMath.Pow(Bn254Fq2.Xi, (Bn254FqParams.Modulus - 1) / 3);
    private static readonly Bn254Fq2 PsiY = FieldMath.Pow(Bn254Fq2.Xi, (Bn254FqParams.Modulus - 1) / 2);

    /// <summary>6x² for the BN parameter x: q ≡ 6x² (mod r), so ψ acts as [6x²] on G2.</summary>
    private static readonly BigInteger SixXSquared = 6 * BigInteger.Pow(4965661367192848881, 2);

    /// <summary>ψ, the q-power Frobenius carried to the twist (untwist, Frobenius, twist): the pairing's Frobenius lines and the G2 membership test use it.</summary>
    public static Affine<Bn254Fq2, Bn254G2> Psi(in Affine<Bn254Fq2, Bn254G2> p)
        => p.IsIdentity ? p : new(p.X.Conjugate() * PsiX, p.Y.Conjugate() * PsiY);

    /// <summary>
    /// Membership of an on-curve point in G2: ψ(P) = [6x²]P holds exactly on G2 (El Housni, Guillevic, Piellard, ePrint
    /// 2022/348 §5.1), a 127-bit multiplication instead of r's 254 bits. Tests hold it against r·P = O.
    /// </summary>
    public static bool IsInG2(in Affine<Bn254Fq2, Bn254G2> p)
        => p.IsIdentity || p.ToJacobian().Multiply(SixXSquared).Equals(Psi(p).ToJacobian());
}
