using System.Numerics;
using ComputeAsic.Hardware.Ntt;

namespace ComputeAsic.Sim.Engines;

/// <summary>
/// Transforms larger than one engine by the four-step method, N = N1·N2 with j = j1·N2 + j2 and k = k1 + N1·k2:
/// N2 column transforms of size N1 on the engine, the twiddle products ω_N^(j2·k1) and the coset and transposes on the
/// host, then N1 row transforms of size N2 on the engine. Equal to the CPU kernel of size N bit for bit.
/// </summary>
public static class NttFourStep
{
    /// <summary>
    /// The transform <paramref name="whole"/> describes (its size N = N1·N2, direction and coset) of <paramref name="x"/>,
    /// with <paramref name="columns"/> an engine of size N1 and <paramref name="rows"/> one of size N2 (the same runner
    /// when N1 = N2), both plain (no coset) and in <paramref name="whole"/>'s direction; <paramref name="engineCycles"/>
    /// is the simulated cycles the engine passes took (transfers streamed back to back).
    /// </summary>
    public static BigInteger[] Transform(NttRunner columns, NttRunner rows, NttConfig whole, IReadOnlyList<BigInteger> x, out long engineCycles)
    {
        var (c1, c2) = (columns.Config, rows.Config);
        if (c1.Field != whole.Field || c2.Field != whole.Field) throw new ArgumentException("the engines must be over the transform's field");
        if (c1.LogN + c2.LogN != whole.LogN) throw new ArgumentException($"engine sizes 2^{c1.LogN} and 2^{c2.LogN} do not multiply to 2^{whole.LogN}");
        if (c1.Inverse != whole.Inverse || c2.Inverse != whole.Inverse || c1.Shift != null || c2.Shift != null)
            throw new ArgumentException("the engines must be plain (no coset) transforms in the same direction as the whole");
        if (x.Count != whole.N) throw new ArgumentException($"expected {whole.N} values, got {x.Count}");
        var p = whole.Field.Modulus;
        int n1 = c1.N, n2 = c2.N;
        var v = x.ToArray();
        if (whole.ScalesInput)
            for (int j = 0; j < v.Length; j++) v[j] = v[j] * whole.Scale(j) % p;

        long start = columns.Simulator.Cycle;
        var cols = Enumerable.Range(0, n2).Select(j2 => (IReadOnlyList<BigInteger>)Enumerable.Range(0, n1).Select(j1 => v[j1 * n2 + j2]).ToArray()).ToArray();
        var y = columns.TransformAll(cols, out _);   // y[j2][k1]
        engineCycles = columns.Simulator.Cycle - start;

        var w = whole.Omega;
        var rowsIn = new IReadOnlyList<BigInteger>[n1];
        for (int k1 = 0; k1 < n1; k1++)
        {
            var wk = BigInteger.ModPow(w, k1, p);
            var r = new BigInteger[n2];
            BigInteger f = 1;
            for (int j2 = 0; j2 < n2; j2++)
            {
                r[j2] = y[j2][k1] * f % p;
                f = f * wk % p;
            }
            rowsIn[k1] = r;
        }
        start = rows.Simulator.Cycle;
        var z = rows.TransformAll(rowsIn, out _);   // z[k1][k2]
        engineCycles += rows.Simulator.Cycle - start;

        var result = new BigInteger[whole.N];
        for (int k1 = 0; k1 < n1; k1++)
            for (int k2 = 0; k2 < n2; k2++) result[k1 + n1 * k2] = z[k1][k2];
        if (whole.Inverse && whole.Shift != null)
            for (int i = 0; i < result.Length; i++) result[i] = result[i] * whole.Scale(i) * n1 * n2 % p;   // Scale includes 1/N, which the engines applied
        return result;
    }
}
