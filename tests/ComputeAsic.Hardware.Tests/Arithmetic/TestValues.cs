using System.Numerics;
using ComputeAsic.Hardware.Arithmetic;
using ComputeAsic.Hdl;

namespace ComputeAsic.Hardware.Tests.Arithmetic;

/// <summary>Inputs for software runs of the generic arithmetic.</summary>
internal static class TestValues
{
    public static readonly Wires<Bits> W = Wires<Bits>.Instance;

    /// <summary>A value of <paramref name="width"/> bits valid at cycle 0.</summary>
    public static Timed<Bits> At0(BigInteger v, int width) => new(Bits.Const(v, width), 0);
}
