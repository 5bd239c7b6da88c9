using System.Numerics;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Math.Curves;

/// <summary>A short Weierstrass curve y² = x³ + b (a = 0) over field F: what point arithmetic needs, stated once per curve.</summary>
public interface ICurve<F> where F : struct, IField<F>
{
    /// <summary>Lowercase name used in files and errors, e.g. <c>bn254</c>.</summary>
    static abstract string Name { get; }

    /// <summary>The constant b.</summary>
    static abstract F B { get; }

    /// <summary>The prime order r of the subgroup used for cryptography.</summary>
    static abstract BigInteger Order { get; }

    /// <summary>Curve order divided by r; 1 means every curve point is in the subgroup.</summary>
    static abstract BigInteger Cofactor { get; }

    /// <summary>The standard generator's x.</summary>
    static abstract F GeneratorX { get; }

    /// <summary>The standard generator's y.</summary>
    static abstract F GeneratorY { get; }

    /// <summary>Data for a fast subgroup test (see <see cref="SubgroupChecks"/>); null means the generic r·P = O test.</summary>
    static virtual EndomorphismTest<F>? SubgroupTest => null;

    /// <summary>The GLV endomorphism φ(x, y) = (β·x, y) that lets an MSM split its scalars in halves; null where none is known.</summary>
    static virtual GlvEndomorphism<F>? Glv => null;
}
