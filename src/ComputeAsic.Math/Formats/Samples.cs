using System.Numerics;
using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Math.Formats;

/// <summary>Deterministic pseudo-random jobs (points, scalars, values) from a seed: examples, tests and benchmarks all draw from here.</summary>
public static class Samples
{
    /// <summary>A uniformly random element of T from the generator.</summary>
    public static T Element<T>(Random rng) where T : struct, IPrimeField<T>
    {
        var bytes = new byte[T.ByteLength + 16];
        rng.NextBytes(bytes);
        return T.FromBigInteger(new BigInteger(bytes, isUnsigned: true) % T.Modulus);
    }

    /// <summary>n subgroup points P_i = P_(i-1) + Δ from a random start and step (one addition each, one shared inversion).</summary>
    public static Affine<F, C>[] Points<F, S, C>(int n, int seed)
        where F : struct, IPrimeField<F> where S : struct, IPrimeField<S> where C : struct, ICurve<F>
    {
        var rng = new Random(seed);
        var g = Affine<F, C>.Generator;
        var start = g.Multiply(Element<S>(rng).ToBigInteger());
        var step = g.Multiply(Element<S>(rng).ToBigInteger()).ToAffine();
        var jac = new Jacobian<F, C>[n];
        var acc = start;
        for (int i = 0; i < n; i++)
        {
            jac[i] = acc;
            acc = acc.AddMixed(step);
        }
        var result = new Affine<F, C>[n];
        Affine<F, C>.BatchFromJacobian(jac, result);
        return result;
    }

    /// <summary>n scalars uniform in [0, r), as <see cref="MsmJson.ScalarLimbs"/> canonical limbs each.</summary>
    public static ulong[] Scalars<S>(int n, int seed) where S : struct, IPrimeField<S>
    {
        var rng = new Random(seed ^ 0x5ca1a7);
        var limbs = new ulong[n * MsmJson.ScalarLimbs];
        for (int i = 0; i < n; i++) Element<S>(rng).WriteCanonicalLimbs(limbs.AsSpan(i * MsmJson.ScalarLimbs, MsmJson.ScalarLimbs));
        return limbs;
    }

    /// <summary>n uniformly random field elements.</summary>
    public static T[] Values<T>(int n, int seed) where T : struct, IPrimeField<T>
    {
        var rng = new Random(seed);
        var v = new T[n];
        for (int i = 0; i < n; i++) v[i] = Element<T>(rng);
        return v;
    }
}
