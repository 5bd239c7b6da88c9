using ComputeAsic.Kernels.Msm;
using ComputeAsic.Kernels.Ntt;

namespace ComputeAsic.Kernels;

/// <summary>The CPU kernels used by default: the fallback path of every device and what <c>--device cpu</c> runs.</summary>
public static class CpuKernels
{
    /// <summary>The default CPU MSM.</summary>
    public static IMsmEngine Msm { get; } = new SimplePippenger();

    /// <summary>The default CPU NTT.</summary>
    public static INttEngine Ntt { get; } = new Radix2Ntt();
}
