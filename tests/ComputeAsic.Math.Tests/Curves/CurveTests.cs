using System.Globalization;
using System.Numerics;
using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Math.Tests.Curves;

/// <summary>Group laws, representations and known vectors for each G1, with an independent BigInteger affine model as the oracle.</summary>
public abstract class CurveTests<F, S, C>
    where F : struct, IPrimeField<F> where S : struct, IPrimeField<S> where C : struct, ICurve<F>
{
    private static readonly BigInteger Q = F.Modulus;
    protected static Affine<F, C> G => Affine<F, C>.Generator;

    // Independent oracle: textbook affine formulas over BigInteger.
    private static (BigInteger X, BigInteger Y)? RefAdd((BigInteger X, BigInteger Y)? a, (BigInteger X, BigInteger Y)? b)
    {
        if (a is null) return b;
        if (b is null) return a;
        var (x1, y1) = a.Value;
        var (x2, y2) = b.Value;
        BigInteger l;
        if (x1 == x2)
        {
            if ((y1 + y2) % Q == 0) return null;
            l = 3 * x1 * x1 * BigInteger.ModPow(2 * y1, Q - 2, Q) % Q;
        }
        else
        {
            l = (y2 - y1 + Q) * BigInteger.ModPow((x2 - x1 + Q) % Q, Q - 2, Q) % Q;
        }
        var x3 = ((l * l - x1 - x2) % Q + 2 * Q) % Q;
        var y3 = ((l * (x1 - x3) - y1) % Q + 2 * Q) % Q;
        return (x3, y3);
    }

    private static (BigInteger X, BigInteger Y)? RefMul((BigInteger X, BigInteger Y)? p, BigInteger k)
    {
        (BigInteger X, BigInteger Y)? acc = null;
        for (long bit = (long)k.GetBitLength() - 1; bit >= 0; bit--)
        {
            acc = RefAdd(acc, acc);
            if (!(k >> (int)bit).IsEven) acc = RefAdd(acc, p);
        }
        return acc;
    }

    private static (BigInteger, BigInteger)? Ref(Affine<F, C> p) => p.IsIdentity ? null : (p.X.ToBigInteger(), p.Y.ToBigInteger());

    private static BigInteger RandomScalar(Random rng)
    {
        var b = new byte[40];
        rng.NextBytes(b);
        return new BigInteger(b, isUnsigned: true) % C.Order;
    }

    [Fact]
    public void GeneratorIsOnTheCurveWithOrderR()
    {
        Assert.True(G.IsOnCurve);
        Assert.True(G.IsInSubgroup);
        Assert.True(G.Multiply(C.Order).IsIdentity);
        Assert.False(G.Multiply(C.Order - 1).IsIdentity);
        Assert.Equal(G.Negate(), G.Multiply(C.Order - 1).ToAffine());
        Assert.Equal(S.Modulus, C.Order);
    }

    [Fact]
    public void ScalarMultiplicationMatchesTheAffineModel()
    {
        var rng = new Random(11);
        foreach (var k in new BigInteger[] { 0, 1, 2, 3, 4, 5, C.Order - 1, C.Order - 2 }.Concat(Enumerable.Range(0, 6).Select(_ => RandomScalar(rng))))
        {
            var expected = RefMul(Ref(G), k);
            Assert.Equal(expected, Ref(G.Multiply(k).ToAffine()));
            var limbs = new ulong[4];
            Limbs.FromBigInteger(k, limbs);
            Assert.Equal(expected, Ref(G.ToJacobian().Multiply(limbs).ToAffine()));
        }
    }

    [Fact]
    public void AdditionFormulasAgreeAcrossRepresentations()
    {
        var rng = new Random(12);
        var pts = new List<Affine<F, C>> { Affine<F, C>.Identity, G, G.Negate() };
        for (int i = 0; i < 5; i++) pts.Add(G.Multiply(RandomScalar(rng)).ToAffine());
        foreach (var a in pts)
        {
            foreach (var b in pts.Concat([a, a.Negate()]))
            {
                var expected = RefAdd(Ref(a), Ref(b));
                Assert.Equal(expected, Ref(a.ToJacobian().Add(b.ToJacobian()).ToAffine()));
                Assert.Equal(expected, Ref(a.ToJacobian().AddMixed(b).ToAffine()));
                Assert.Equal(expected, Ref(a.ToXyzz().Add(b.ToXyzz()).ToAffine()));
                Assert.Equal(expected, Ref(a.ToXyzz().AddMixed(b).ToAffine()));
                // Non-normalized (Z != 1) inputs.
                var aj = a.ToJacobian().Double().Add(a.Negate().ToJacobian());
                Assert.Equal(expected, Ref(aj.Add(b.ToJacobian().Double().Add(b.Negate().ToJacobian())).ToAffine()));
                var ax = a.ToXyzz().Double().AddMixed(a.Negate());
                Assert.Equal(expected, Ref(ax.AddMixed(b).ToAffine()));
                Assert.Equal(expected, Ref(ax.Add(b.ToXyzz().Double().AddMixed(b.Negate())).ToAffine()));
            }
            var dbl = RefAdd(Ref(a), Ref(a));
            Assert.Equal(dbl, Ref(a.ToJacobian().Double().ToAffine()));
            Assert.Equal(dbl, Ref(a.ToXyzz().Double().ToAffine()));
            Assert.Equal(dbl, Ref(Xyzz<F, C>.DoubleAffine(a).ToAffine()));
            Assert.True(a.ToXyzz().ToJacobian() == a.ToJacobian());
            Assert.True(a.ToJacobian().IsOnCurve);
        }
    }

    [Fact]
    public void GroupLawsHold()
    {
        var rng = new Random(13);
        for (int i = 0; i < 5; i++)
        {
            BigInteger a = RandomScalar(rng), b = RandomScalar(rng);
            var pa = G.Multiply(a);
            var pb = G.Multiply(b);
            var pc = G.Multiply(RandomScalar(rng));
            Assert.Equal(G.Multiply((a + b) % C.Order), pa + pb);
            Assert.Equal(pa + pb, pb + pa);
            Assert.Equal((pa + pb) + pc, pa + (pb + pc));
            Assert.True((pa - pa).IsIdentity);
            Assert.Equal(pa, pa + Jacobian<F, C>.Identity);
            Assert.Equal(pa.Multiply(b), pb.Multiply(a));
        }
    }

    [Fact]
    public void BatchNormalizationMatchesSingle()
    {
        var pts = Enumerable.Range(0, 9).Select(i => G.Multiply(i * 1000 + 1)).Append(Jacobian<F, C>.Identity).ToArray();
        var outp = new Affine<F, C>[pts.Length];
        Affine<F, C>.BatchFromJacobian(pts, outp);
        for (int i = 0; i < pts.Length; i++) Assert.Equal(pts[i].ToAffine(), outp[i]);
    }

    [Fact]
    public void OffCurvePointsAreDetected()
    {
        var bad = new Affine<F, C>(G.X, G.Y + F.One);
        Assert.False(bad.IsOnCurve);
        Assert.True(Affine<F, C>.Identity.IsOnCurve);
    }

    /// <summary>A point on the curve but outside the subgroup (only when the cofactor is not 1).</summary>
    protected static Affine<F, C> PointOutsideSubgroup()
    {
        for (long x = 1; ; x++)
        {
            F fx = F.FromInt(x);
            if ((fx.Square() * fx + C.B).TrySqrt(out F y))
            {
                var p = new Affine<F, C>(fx, y);
                if (!p.ToJacobian().Multiply(C.Order).IsIdentity) return p;
            }
        }
    }

    protected static Affine<F, C> Parse(string hexX, string hexY)
        => new(F.FromBigInteger(BigInteger.Parse("0" + hexX, NumberStyles.HexNumber)), F.FromBigInteger(BigInteger.Parse("0" + hexY, NumberStyles.HexNumber)));
}

public sealed class Bn254G1Tests : CurveTests<Bn254Fq, Bn254Fr, Bn254G1>
{
    [Fact]
    public void TwoGIsThePublishedValue()
    {
        // EIP-196 / alt_bn128 test vectors: 2·(1, 2).
        var twoG = new Bn254G1Affine(
            Bn254Fq.FromBigInteger(BigInteger.Parse("1368015179489954701390400359078579693043519447331113978918064868415326638035")),
            Bn254Fq.FromBigInteger(BigInteger.Parse("9918110051302171585080402603319702774565515993150576347155970296011118125764")));
        Assert.Equal(twoG, G.Multiply(2).ToAffine());
        Assert.Equal(twoG, G.ToJacobian().Double().ToAffine());
    }

    [Fact]
    public void CofactorIsOne() => Assert.True(Bn254G1.Cofactor.IsOne);
}

public sealed class Bls12381G1Tests : CurveTests<Bls12381Fq, Bls12381Fr, Bls12381G1>
{
    [Fact]
    public void TwoGIsThePublishedValue()
    {
        // EIP-2537 G1 multiplication vector for k = 2.
        var twoG = Parse("0572cbea904d67468808c8eb50a9450c9721db309128012543902d0ac358a62ae28f75bb8f1c7c42c39a8c5529bf0f4e",
                         "166a9d8cabc673a322fda673779d8e3822ba3ecb8670e461f73bb9021d5fd76a4c56d9d4cd16bd1bba86881979749d28");
        Assert.Equal(twoG, G.Multiply(2).ToAffine());
    }

    [Fact]
    public void PointsOutsideTheSubgroupAreDetected()
    {
        var p = PointOutsideSubgroup();
        Assert.True(p.IsOnCurve);
        Assert.False(p.IsInSubgroup);
        Assert.True(p.Multiply(Bls12381G1.Cofactor).ToAffine().IsInSubgroup);
    }
}

public sealed class Bls12377G1Tests : CurveTests<Bls12377Fq, Bls12377Fr, Bls12377G1>
{
    [Fact]
    public void PointsOutsideTheSubgroupAreDetected()
    {
        var p = PointOutsideSubgroup();
        Assert.True(p.IsOnCurve);
        Assert.False(p.IsInSubgroup);
        Assert.True(p.Multiply(Bls12377G1.Cofactor).ToAffine().IsInSubgroup);
    }
}
