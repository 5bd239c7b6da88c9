using System.Numerics;
using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Math.Tests.Curves;

/// <summary>G2 over Fq2: generator, group laws across representations, and the subgroup check that G1 does not need.</summary>
public sealed class Bn254G2Tests
{
    private static readonly BigInteger R = Bn254FrParams.Modulus;
    private static Bn254G2Affine G => Bn254G2Affine.Generator;

    private static BigInteger RandomScalar(Random rng)
    {
        var b = new byte[40];
        rng.NextBytes(b);
        return new BigInteger(b, isUnsigned: true) % R;
    }

    /// <summary>Twist points by increasing x: on the curve, almost never in G2 (the cofactor is about 2^254).</summary>
    private static IEnumerable<Bn254G2Affine> TwistPoints()
    {
        for (long x = 1; ; x++)
        {
            var fx = new Bn254Fq2(Bn254Fq.FromInt(x), Bn254Fq.One);
            if ((fx.Square() * fx + Bn254G2.B).TrySqrt(out var y)) yield return new Bn254G2Affine(fx, y);
        }
    }

    [Fact]
    public void TwistConstantIsThreeOverXi()
    {
        Assert.Equal(Bn254Fq2.FromInt(3), Bn254G2.B * Bn254Fq2.Xi);
        // #E'(Fq2) = r·(2q − r).
        Assert.Equal(2 * Bn254FqParams.Modulus - R, Bn254G2.Cofactor);
    }

    [Fact]
    public void GeneratorIsOnTheTwistWithOrderR()
    {
        Assert.True(G.IsOnCurve);
        Assert.True(G.IsInSubgroup);
        Assert.True(G.Multiply(R).IsIdentity);
        Assert.False(G.Multiply(R - 1).IsIdentity);
        Assert.Equal(G.Negate(), G.Multiply(R - 1).ToAffine());
    }

    [Fact]
    public void GroupLawsHoldAcrossRepresentations()
    {
        var rng = new Random(7);
        for (int i = 0; i < 4; i++)
        {
            BigInteger a = RandomScalar(rng), b = RandomScalar(rng);
            var pa = G.Multiply(a);
            var pb = G.Multiply(b);
            Assert.Equal(G.Multiply((a + b) % R), pa + pb);
            Assert.Equal(pa.Multiply(b), pb.Multiply(a));
            var pbAff = pb.ToAffine();
            Assert.Equal(pa + pb, pa.AddMixed(pbAff));
            Assert.Equal((pa + pb).ToAffine(), pa.ToAffine().ToXyzz().AddMixed(pbAff).ToAffine());
            Assert.Equal(pa.Double(), pa + pa);
            Assert.True((pa - pa).IsIdentity);
            Assert.True(pa.IsOnCurve);
        }
    }

    [Fact]
    public void PointsOutsideTheSubgroupAreRejectedAndCofactorClearingFixesThem()
    {
        foreach (var p in TwistPoints().Take(3))
        {
            Assert.True(p.IsOnCurve);
            Assert.False(p.IsInSubgroup);
            var cleared = p.Multiply(Bn254G2.Cofactor).ToAffine();
            Assert.False(cleared.IsIdentity);
            Assert.True(cleared.IsOnCurve);
            Assert.True(cleared.IsInSubgroup);
        }
        Assert.False(new Bn254G2Affine(G.X, G.Y + Bn254Fq2.One).IsOnCurve);
    }
}
