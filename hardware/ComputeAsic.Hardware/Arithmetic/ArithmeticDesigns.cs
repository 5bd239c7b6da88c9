using System.Globalization;
using System.Numerics;
using ComputeAsic.Hdl.Emit;

namespace ComputeAsic.Hardware.Arithmetic;

/// <summary>
/// The arithmetic blocks in the design catalog, so <c>computeasic hdl list/emit/sim/cosim/synth</c> work on them: each
/// with stimulus that respects its contract (canonical field elements with 0, 1 and p−1 mixed in; valid curve points with
/// doubling, P + (−P) and the identity mixed in) and a golden check against <c>ComputeAsic.Math</c> that expects every
/// output exactly <see cref="Hdl.Module.Latency"/> cycles after its inputs.
/// </summary>
public static class ArithmeticDesigns
{
    private static readonly DesignParameter[] TileParameters =
    [
        new("tile_a", 26, 2, 64, "bits of the wider side of a DSP tile"),
        new("tile_b", 17, 2, 64, "bits of the narrower side of a DSP tile"),
        new("levels_per_stage", 2, 1, 16, "adder levels between pipeline registers"),
        new("karatsuba", 1, 0, 1, "1: Karatsuba where it saves tiles"),
    ];

    private static readonly DesignParameter Corrections = new("max_corrections", 3, 1, 8, "conditional subtractions ending a Barrett reduction");

    /// <summary>The parameters of designs containing a multiplier for <paramref name="f"/> (Barrett fields also choose their corrections).</summary>
    private static DesignParameter[] MultiplierParameters(FieldSpec f) => f.IsGoldilocks ? TileParameters : [.. TileParameters, Corrections];

    /// <summary>The options a build's parameters select (defaults for parameters the design does not have).</summary>
    public static ArithmeticOptions Options(DesignArguments a)
    {
        var d = ArithmeticOptions.Default;
        int Get(string name, int fallback) => a.Values.TryGetValue(name, out int v) ? v : fallback;
        return new()
        {
            Tile = new TileShape(Get("tile_a", d.Tile.A), Get("tile_b", d.Tile.B)),
            LevelsPerStage = Get("levels_per_stage", d.LevelsPerStage),
            Karatsuba = Get("karatsuba", d.Karatsuba ? 1 : 0) != 0,
            MaxCorrections = Get("max_corrections", d.MaxCorrections),
        };
    }

    /// <summary>Fields the NTT butterflies are offered for.</summary>
    public static IReadOnlyList<FieldSpec> NttFields { get; } = [FieldSpec.Goldilocks, FieldSpec.Bn254Fr];

    /// <summary>Every arithmetic design, in a fixed order.</summary>
    public static IEnumerable<DesignEntry> Entries()
    {
        foreach (var f in FieldSpec.All)
        {
            yield return Field($"mod_add_{f.Id}", $"modular adder a + b mod p of {f.Id}, latency 1", f, [],
                _ => new ModAddModule(f), (g, i) => [("y", g.Add(i("a"), i("b")))]);
            yield return Field($"mod_sub_{f.Id}", $"modular subtractor a - b mod p of {f.Id}, latency 1", f, [],
                _ => new ModSubModule(f), (g, i) => [("y", g.Sub(i("a"), i("b")))]);
            yield return Field($"mod_double_{f.Id}", $"modular doubler 2a mod p of {f.Id}, latency 1", f, [],
                _ => new ModDoubleModule(f), (g, i) => [("y", g.Add(i("a"), i("a")))]);
        }
        foreach (var f in FieldSpec.All)
        {
            string how = f.IsGoldilocks ? "special-form reduction" : "Barrett reduction";
            yield return Field($"mod_mul_{f.Id}", $"modular multiplier a * b mod p of {f.Id}, DSP tiles, {how}", f, MultiplierParameters(f),
                a => new ModMulModule(f, Options(a)), (g, i) => [("y", g.Mul(i("a"), i("b")))]);
        }
        yield return WideMultiplier();
        foreach (var f in NttFields)
        {
            yield return Field($"ntt_ct_{f.Id}", $"Cooley-Tukey NTT butterfly (a + w*b, a - w*b) of {f.Id}", f, MultiplierParameters(f),
                a => new ButterflyModule(f, ButterflyKind.CooleyTukey, Options(a)),
                (g, i) => [("y0", g.Add(i("a"), g.Mul(i("w"), i("b")))), ("y1", g.Sub(i("a"), g.Mul(i("w"), i("b"))))]);
            yield return Field($"ntt_gs_{f.Id}", $"Gentleman-Sande NTT butterfly (a + b, (a - b)*w) of {f.Id}", f, MultiplierParameters(f),
                a => new ButterflyModule(f, ButterflyKind.GentlemanSande, Options(a)),
                (g, i) => [("y0", g.Add(i("a"), i("b"))), ("y1", g.Mul(g.Sub(i("a"), i("b")), i("w")))]);
        }
        foreach (var c in CurveSpec.All)
        {
            yield return PointAdder(c, mixed: true);
            yield return PointAdder(c, mixed: false);
        }
    }

    /// <summary>Adds every arithmetic design to <see cref="DesignCatalog"/>.</summary>
    public static void RegisterAll()
    {
        foreach (var e in Entries()) DesignCatalog.Register(e);
    }

    private static DesignEntry Field(string name, string description, FieldSpec f, IReadOnlyList<DesignParameter> parameters,
        Func<DesignArguments, Hdl.Module> build, Func<IGoldenField, Func<string, BigInteger>, (string Port, BigInteger Value)[]> golden) =>
        new(name, description, parameters, build)
        {
            Stimulus = (_, seed) => new VectorStimulus(seed, rng => FieldVector(rng, f)),
            Golden = (a, i, o) => new DelayedChecker(i, o, build(a).Latency!.Value, (inputs, outputs) =>
            {
                foreach (var (port, want) in golden(f.Golden, inputs))
                    if (outputs(port) != want) return $"{port} {Hex(outputs(port))}, expected {Hex(want)}";
                return null;
            }),
            CosimCycles = CyclesFor(f),
            Large = f.Bits > 64 && parameters.Count > 0,   // a multiplier on a wide field
        };

    private static int CyclesFor(FieldSpec f) => f.Bits > 64 ? 120 : 400;

    private static DesignEntry WideMultiplier()
    {
        DesignParameter[] parameters = [new("width", 256, 2, 1024, "operand bits"), .. TileParameters];
        return new("wide_mul", "unsigned multiplier a * b of DSP tiles, Karatsuba where it saves tiles, pipelined adder trees", parameters,
            a => new WideMultiplierModule(a["width"], Options(a)))
        {
            Golden = (a, i, o) => new DelayedChecker(i, o, new WideMultiplierModule(a["width"], Options(a)).Latency!.Value, (inputs, outputs) =>
                outputs("p") == inputs("a") * inputs("b") ? null : $"p {Hex(outputs("p"))}, expected {Hex(inputs("a") * inputs("b"))}"),
            CosimCycles = 100,
            Large = true,
        };
    }

    private static DesignEntry PointAdder(CurveSpec c, bool mixed)
    {
        string name = $"ec_add{(mixed ? "_mixed" : "")}_{c.Id}";
        string what = mixed ? "projective + affine (z2 one bit: 0 = identity), 11 multiplications" : "projective + projective, 12 multiplications";
        return new(name, $"complete point adder on {c.Id} G1, {what}, one addition per cycle", MultiplierParameters(c.Field),
            a => new PointAdderModule(c, mixed, Options(a)))
        {
            Stimulus = (_, seed) => new VectorStimulus(seed, rng => PointVector(rng, c, mixed)),
            Golden = (a, ins, outs) => new DelayedChecker(ins, outs, new PointAdderModule(c, mixed, Options(a)).Latency!.Value, (i, o) => CheckSum(c, mixed, i, o)),
            CosimCycles = 60,   // GHDL spends about a second of CPU per cycle on the 381-bit adders
            Large = true,
        };
    }

    /// <summary>The adder's output is a canonical projective point equal to the Math library's sum of its inputs.</summary>
    internal static string? CheckSum(CurveSpec c, bool mixed, Func<string, BigInteger> i, Func<string, BigInteger> o)
    {
        var g = c.Golden;
        var p = c.Field.Modulus;
        var p1 = g.FromProjective(i("x1"), i("y1"), i("z1"));
        var p2 = mixed ? (i("z2").IsZero ? AffinePoint.Identity : new AffinePoint(i("x2"), i("y2"), false)) : g.FromProjective(i("x2"), i("y2"), i("z2"));
        var (x3, y3, z3) = (o("x3"), o("y3"), o("z3"));
        if (x3 >= p || y3 >= p || z3 >= p) return $"non-canonical coordinates ({Hex(x3)} : {Hex(y3)} : {Hex(z3)})";
        if (z3.IsZero && (!x3.IsZero || y3.IsZero)) return $"({Hex(x3)} : {Hex(y3)} : 0) is not a valid identity";
        var want = g.Add(p1, p2);
        var got = g.FromProjective(x3, y3, z3);
        return got == want ? null : $"{p1} + {p2} gave {got}, expected {want}";
    }

    /// <summary>Canonical elements for every port, with 0, 1 and p − 1 on about one port in eight; one-bit ports random.</summary>
    internal static Dictionary<string, BigInteger> FieldVector(Random rng, FieldSpec f)
    {
        var v = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        foreach (var port in new[] { "a", "b", "w" })
            v[port] = rng.Next(8) switch
            {
                0 => Edge(rng, f.Modulus),
                _ => Element(rng, f.Modulus),
            };
        return v;
    }

    /// <summary>A valid pair of points per cycle: random pairs, P = Q (doubling), P = −Q, and the identity on either or both sides, each in a random projective scaling.</summary>
    internal static Dictionary<string, BigInteger> PointVector(Random rng, CurveSpec c, bool mixed)
    {
        var g = c.Golden;
        var p = c.Field.Modulus;
        AffinePoint RandomPoint() => g.Multiple(new BigInteger(rng.NextInt64(1, long.MaxValue)));
        var p1 = RandomPoint();
        var p2 = rng.Next(8) switch
        {
            0 => p1,
            1 => g.Negate(p1),
            2 => AffinePoint.Identity,
            _ => RandomPoint(),
        };
        int special = rng.Next(8);
        if (special == 0) p1 = AffinePoint.Identity;
        if (special == 1) (p1, p2) = (AffinePoint.Identity, AffinePoint.Identity);
        var v = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        void Projective(string suffix, AffinePoint pt)
        {
            var s = Element(rng, p - 1) + 1;
            (v["x" + suffix], v["y" + suffix], v["z" + suffix]) = pt.IsIdentity ? (BigInteger.Zero, s, BigInteger.Zero) : (pt.X * s % p, pt.Y * s % p, s);
        }
        Projective("1", p1);
        if (!mixed) Projective("2", p2);
        else if (p2.IsIdentity) (v["x2"], v["y2"], v["z2"]) = (Element(rng, p), Element(rng, p), BigInteger.Zero);
        else (v["x2"], v["y2"], v["z2"]) = (p2.X, p2.Y, BigInteger.One);
        return v;
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>) from <paramref name="rng"/>: random field elements and scalars for stimulus and tests.</summary>
    public static BigInteger Element(Random rng, BigInteger bound)
    {
        var bytes = new byte[bound.GetByteCount() + 9];
        rng.NextBytes(bytes);
        bytes[^1] = 0;
        return new BigInteger(bytes) % bound;
    }

    private static BigInteger Edge(Random rng, BigInteger p) => rng.Next(3) switch
    {
        0 => BigInteger.Zero,
        1 => BigInteger.One,
        _ => p - 1,
    };

    private static string Hex(BigInteger v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture).TrimStart('0').PadLeft(1, '0');
}

/// <summary>Per-cycle input vectors made by a generator from a random source seeded by (seed, cycle), so any cycle can be replayed.</summary>
internal sealed class VectorStimulus(int seed, Func<Random, IReadOnlyDictionary<string, BigInteger>> make) : Stimulus
{
    private long _cycle = -1;
    private IReadOnlyDictionary<string, BigInteger> _vector = new Dictionary<string, BigInteger>();

    /// <inheritdoc/>
    public override BigInteger Value(long cycle, int index, TracePort port)
    {
        if (cycle != _cycle)
        {
            _vector = make(new Random(unchecked(seed * 1_000_003 + (int)cycle * 7_919)));
            _cycle = cycle;
        }
        return _vector.TryGetValue(port.Name, out var v) ? v & ((BigInteger.One << port.Width) - 1) : BigInteger.Zero;
    }
}
