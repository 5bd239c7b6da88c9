using ComputeAsic.Kernels.Msm;
using ComputeAsic.Kernels.Ntt;

namespace ComputeAsic.Kernels;

/// <summary>The CPU kernels used by default: the fallback path of every device and what <c>--device cpu</c> runs.</summary>
public static class CpuKernels
{
    /// <summary>The default CPU MSM: batch-affine Pippenger on all cores.</summary>
    public static IMsmEngine Msm { get; } = new PippengerMsm();

    /// <summary>The default CPU NTT: parallel radix-4 (a radix-2 stage where log n is odd) with cached twiddles.</summary>
    public static INttEngine Ntt { get; } = new FastNtt();
}
