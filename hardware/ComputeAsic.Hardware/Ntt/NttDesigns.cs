using System.Numerics;
using ComputeAsic.Hardware.Arithmetic;
using ComputeAsic.Hdl.Emit;

namespace ComputeAsic.Hardware.Ntt;

/// <summary>
/// The NTT engines in the design catalog, one per field (<c>ntt_engine_goldilocks</c>, <c>ntt_engine_babybear</c>,
/// <c>ntt_engine_bn254_fr</c>), with parameters logn, lanes, inverse and coset (shift = the field's generator g).
/// </summary>
public static class NttDesigns
{
    /// <summary>Fields an engine is offered for.</summary>
    public static IReadOnlyList<FieldSpec> Fields { get; } = [FieldSpec.Goldilocks, FieldSpec.BabyBear, FieldSpec.Bn254Fr];

    /// <summary>Catalog name of the engine for <paramref name="f"/>.</summary>
    public static string NameOf(FieldSpec f) => $"ntt_engine_{f.Id}";

    /// <summary>The parameters every engine design takes.</summary>
    public static IReadOnlyList<DesignParameter> Parameters { get; } =
    [
        new("logn", 10, 1, 30, "log2 of the transform size N (4 up to the field's two-adicity)"),
        new("lanes", 4, 1, 64, "butterfly lanes k, a power of two (k elements per stream beat, k^2 <= N)"),
        new("inverse", 0, 0, 1, "1: inverse transform, with the 1/N factor"),
        new("coset", 0, 0, 1, "1: coset variant with shift g (forward scales inputs by g^i, inverse outputs by g^-i)"),
        new("buffers", 2, 1, 3, "transform buffers: 2 overlaps loading the next and draining the last with the compute"),
    ];

    /// <summary>The configuration a build's parameters select; throws <see cref="ArgumentException"/> for bad combinations.</summary>
    public static NttConfig Config(FieldSpec f, DesignArguments a) =>
        new(f, a["logn"], a["lanes"], a["inverse"] != 0, a["coset"] != 0 ? f.Generator : null, buffers: a["buffers"]);

    /// <summary>Every engine design.</summary>
    public static IEnumerable<DesignEntry> Entries() => Fields.Select(f => new DesignEntry(NameOf(f),
        $"streaming NTT engine over {f.Id}: k lanes in/out in natural order, banked memories, k pipelined butterflies, twiddle ROMs",
        Parameters, a => new NttEngine(Config(f, a)))
    {
        Stimulus = (a, seed) => new NttStimulus(Config(f, a), seed),
        Check = (a, t) => CheckTrace(Config(f, a), t, NttReference.Transform),
        CosimCycles = 400,
        Large = true,
    });

    /// <summary>Adds the engines to <see cref="DesignCatalog"/>.</summary>
    public static void RegisterAll()
    {
        foreach (var e in Entries()) DesignCatalog.Register(e);
    }

    /// <summary>
    /// Checks a recorded run: the values accepted on <c>in</c> form transforms of N values, and the values delivered on
    /// <c>out</c> must be their transforms (by <paramref name="reference"/>), in order.
    /// </summary>
    public static GoldenResult CheckTrace(NttConfig c, Trace t, Func<NttConfig, BigInteger[], BigInteger[]> reference)
    {
        var ins = new List<BigInteger>();
        var outs = new List<BigInteger>();
        var mask = (BigInteger.One << c.Field.Bits) - 1;
        for (int cy = 0; cy < t.Cycles; cy++)
        {
            if (!t.Input(cy, "rst").IsZero) { ins.Clear(); outs.Clear(); continue; }
            if (!t.Input(cy, "in_valid").IsZero && !t.Output(cy, "in_ready").IsZero)
                for (int j = 0; j < c.Lanes; j++) ins.Add((t.Input(cy, "in_data") >> (j * c.Field.Bits)) & mask);
            if (!t.Output(cy, "out_valid").IsZero && !t.Input(cy, "out_ready").IsZero)
                for (int j = 0; j < c.Lanes; j++) outs.Add((t.Output(cy, "out_data") >> (j * c.Field.Bits)) & mask);
        }
        var fails = new List<string>();
        int checks = 0;
        for (int b = 0; b + c.N <= outs.Count && b + c.N <= ins.Count; b += c.N)
        {
            var want = reference(c, ins.Skip(b).Take(c.N).ToArray());
            for (int i = 0; i < c.N; i++)
            {
                checks++;
                if (outs[b + i] != want[i]) fails.Add($"transform {b / c.N} value {i}: 0x{outs[b + i]:x}, expected 0x{want[i]:x}");
            }
        }
        return new GoldenResult(checks, fails);
    }
}

/// <summary>The definition X_k = Σ x_j·ω^(jk) (scaled as the configuration says), O(N²): the catalog's golden model, independent of the engine's layout.</summary>
public static class NttReference
{
    /// <summary>The transform of <paramref name="x"/> under <paramref name="c"/> (natural order in and out).</summary>
    public static BigInteger[] Transform(NttConfig c, BigInteger[] x)
    {
        var p = c.Field.Modulus;
        int n = c.N;
        var pre = c.ScalesInput ? x.Select((v, i) => v * c.Scale(i) % p).ToArray() : x;
        var w = c.Omega;
        var y = new BigInteger[n];
        for (int k = 0; k < n; k++)
        {
            var wk = BigInteger.ModPow(w, k, p);
            BigInteger sum = 0, f = 1;
            for (int j = 0; j < n; j++)
            {
                sum += pre[j] * f;
                f = f * wk % p;
            }
            y[k] = sum % p;
        }
        return c.ScalesOutput ? y.Select((v, i) => v * c.Scale(i) % p).ToArray() : y;
    }
}

/// <summary>Stimulus that feeds real transforms: reset for two cycles, then canonical random elements on every lane with in_valid mostly high and out_ready high seven cycles in eight.</summary>
internal sealed class NttStimulus(NttConfig c, int seed) : Stimulus
{
    /// <inheritdoc/>
    public override BigInteger Value(long cycle, int index, TracePort port)
    {
        var rng = new Random(unchecked(seed * 1_000_003 + (int)cycle * 7_919 + index * 31));
        switch (port.Name)
        {
            case "rst": return cycle < 2 ? 1 : 0;
            case "in_valid": return rng.Next(8) != 0 ? 1 : 0;
            case "out_ready": return rng.Next(8) != 0 ? 1 : 0;
            case "in_data":
                BigInteger bus = 0;
                for (int j = 0; j < c.Lanes; j++) bus |= ArithmeticDesigns.Element(rng, c.Field.Modulus) << (j * c.Field.Bits);
                return bus;
            default: return 0;
        }
    }
}
