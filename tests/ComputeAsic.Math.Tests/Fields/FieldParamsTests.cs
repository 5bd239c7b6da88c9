using System.Globalization;
using System.Numerics;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Math.Tests.Fields;

/// <summary>The modulus limbs written as literals in FieldParams.cs against the primes as the curve specifications publish them (hex).</summary>
public sealed class FieldParamsTests
{
    private static BigInteger Hex(string hex) => BigInteger.Parse("0" + hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public static TheoryData<string, string, string> Published => new()
    {
        { Bn254Fq.Name, Bn254Fq.Modulus.ToString("x", CultureInfo.InvariantCulture), "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47" },
        { Bn254Fr.Name, Bn254Fr.Modulus.ToString("x", CultureInfo.InvariantCulture), "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001" },
        { Bls12381Fq.Name, Bls12381Fq.Modulus.ToString("x", CultureInfo.InvariantCulture), "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab" },
        { Bls12381Fr.Name, Bls12381Fr.Modulus.ToString("x", CultureInfo.InvariantCulture), "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001" },
        { Bls12377Fq.Name, Bls12377Fq.Modulus.ToString("x", CultureInfo.InvariantCulture), "01ae3a4617c510eac63b05c06ca1493b1a22d9f300f5138f1ef3622fba094800170b5d44300000008508c00000000001" },
        { Bls12377Fr.Name, Bls12377Fr.Modulus.ToString("x", CultureInfo.InvariantCulture), "12ab655e9a2ca55660b44d1e5c37b00159aa76fed00000010a11800000000001" },
    };

    [Theory]
    [MemberData(nameof(Published))]
    public void LimbsSpellThePublishedPrime(string field, string ours, string published)
        => Assert.True(Hex(ours) == Hex(published), $"{field}: limbs give {ours}, published {published}");

    [Fact]
    public void ModulusComesFromTheLimbs()
    {
        Assert.Equal(Limbs.ToBigInteger([Bn254FqParams.M0, Bn254FqParams.M1, Bn254FqParams.M2, Bn254FqParams.M3]), Bn254FqParams.Modulus);
        Assert.Equal(
            Limbs.ToBigInteger([Bls12381FqParams.M0, Bls12381FqParams.M1, Bls12381FqParams.M2, Bls12381FqParams.M3, Bls12381FqParams.M4, Bls12381FqParams.M5]),
            Bls12381FqParams.Modulus);
    }
}
