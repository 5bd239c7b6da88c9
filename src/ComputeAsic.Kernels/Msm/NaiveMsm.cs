using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;
using ComputeAsic.Math.Formats;

namespace ComputeAsic.Kernels.Msm;

/// <summary>Σ kᵢ·Pᵢ by one double-and-add per term: slow, obviously right, the oracle for the fast kernels.</summary>
public sealed class NaiveMsm : IMsmEngine
{
    /// <inheritdoc/>
    public string Name => "naive";

    /// <inheritdoc/>
    public Jacobian<F, C> Msm<F, C>(ReadOnlySpan<Affine<F, C>> points, ReadOnlySpan<ulong> scalars)
        where F : struct, IField<F> where C : struct, ICurve<F>
    {
        MsmChecks.RequireLengths(points.Length, scalars.Length);
        var acc = Jacobian<F, C>.Identity;
        for (int i = 0; i < points.Length; i++)
        {
            acc = acc.Add(points[i].ToJacobian().Multiply(scalars.Slice(i * MsmJson.ScalarLimbs, MsmJson.ScalarLimbs)));
        }
        return acc;
    }
}

/// <summary>Argument checks shared by the MSM engines.</summary>
public static class MsmChecks
{
    /// <summary>Throws unless there are exactly <see cref="MsmJson.ScalarLimbs"/> limbs per point.</summary>
    public static void RequireLengths(int points, int scalarLimbs)
    {
        if (scalarLimbs != points * MsmJson.ScalarLimbs)
            throw new ArgumentException($"{points} points need {points * MsmJson.ScalarLimbs} scalar limbs, got {scalarLimbs}");
    }
}
