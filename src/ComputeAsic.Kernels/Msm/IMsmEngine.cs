using ComputeAsic.Math.Curves;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Kernels.Msm;

/// <summary>Multi-scalar multiplication Σ kᵢ·Pᵢ: the interface the CPU kernels, the simulated card and real devices all offer.</summary>
public interface IMsmEngine
{
    /// <summary>Short name for logs and reports.</summary>
    string Name { get; }

    /// <summary>
    /// Computes Σ scalars[i]·points[i]; scalars are canonical, <see cref="Math.Formats.MsmJson.ScalarLimbs"/> little-endian limbs
    /// each. Points must lie in the prime-order subgroup (the job and zkey readers check it): engines may compute modulo r
    /// and use the curve's endomorphism (<see cref="ICurve{F}.Glv"/>), which give other sums for points outside it.
    /// </summary>
    Jacobian<F, C> Msm<F, C>(ReadOnlySpan<Affine<F, C>> points, ReadOnlySpan<ulong> scalars)
        where F : struct, IField<F> where C : struct, ICurve<F>;
}
