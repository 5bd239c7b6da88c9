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

    /// <summary>A point of order 10069, the twist cofactor's only small prime factor: the component an attacker would hide.</summary>
    internal static Bn254G2Affine SmallOrderPoint()
    {
        var h = Bn254G2.Cofactor;
        Assert.True(h % 10069 == 0);
        var t = TwistPoints().Select(p => p.Multiply(R * (h / 10069)).ToAffine()).First(p => !p.IsIdentity);
        Assert.True(t.Multiply(10069).IsIdentity);
        return t;
    }

    [Fact]
    public void TheFastG2TestAgreesWithROrderOnEveryKindOfPoint()
    {
        var rng = new Random(11);
        var t = SmallOrderPoint();
        var inG2 = Enumerable.Range(0, 6).Select(_ => G.Multiply(RandomScalar(rng)).ToAffine()).Append(Bn254G2Affine.Identity).ToList();
        var outside = new List<Bn254G2Affine>();
        outside.AddRange(TwistPoints().Take(4));
        outside.Add(t);
        outside.AddRange(inG2.Take(3).Select(p => (p.ToJacobian() + t.ToJacobian()).ToAffine()));
        // A component of the large cofactor part only: [10069·r]Q for a twist point Q, plus a G2 point.
        var large = TwistPoints().Skip(5).First().Multiply(10069 * R).ToAffine();
        outside.Add(large);
        outside.Add((large.ToJacobian() + inG2[0].ToJacobian()).ToAffine());
        foreach (var p in inG2)
        {
            Assert.True(SubgroupChecks.ByOrder(p));
            Assert.True(Bn254G2.IsInG2(p));
            Assert.True(p.IsInSubgroup);
        }
        foreach (var p in outside)
        {
            Assert.True(p.IsOnCurve);
            Assert.False(SubgroupChecks.ByOrder(p));
            Assert.False(Bn254G2.IsInG2(p));
            Assert.False(p.IsInSubgroup);
        }
    }

    [Fact]
    public void PsiActsAsQOnG2AndIsTheFrobeniusOnTheTwist()
    {
        var p = G.Multiply(987654321).ToAffine();
        Assert.Equal(p.Multiply(Bn254FqParams.Modulus % R).ToAffine(), Bn254G2.Psi(p));
        Assert.True(Bn254G2.Psi(TwistPoints().First()).IsOnCurve);
    }
}
