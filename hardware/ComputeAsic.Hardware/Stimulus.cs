using System.Numerics;
using ComputeAsic.Hdl.Emit;

namespace ComputeAsic.Hardware;

/// <summary>The input values of every cycle of a run, computed from (cycle, port) alone so any cycle can be replayed.</summary>
public abstract class Stimulus
{
    /// <summary>The value of input <paramref name="port"/> (index <paramref name="index"/> among the inputs) on <paramref name="cycle"/>.</summary>
    public abstract BigInteger Value(long cycle, int index, TracePort port);
}

/// <summary>
/// Reset (a port named <c>rst</c>) held for the first cycles and pulsed now and then afterwards; every other input
/// uniformly random. Deterministic for a seed.
/// </summary>
public sealed class RandomStimulus(int seed, int resetCycles = 2, int resetOneIn = 97) : Stimulus
{
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <inheritdoc/>
    public override BigInteger Value(long cycle, int index, TracePort port)
    {
        ulong key = Mix((ulong)seed * 0x100000001B3UL ^ Mix((ulong)cycle) ^ ((ulong)index << 48));
        if (port.Name == "rst") return cycle < resetCycles || key % (ulong)resetOneIn == 0 ? 1 : 0;
        int words = (port.Width + 63) / 64;
        BigInteger v = 0;
        for (int k = 0; k < words; k++) v |= new BigInteger(Mix(key + (ulong)k)) << (64 * k);
        return v & ((BigInteger.One << port.Width) - 1);
    }
}
