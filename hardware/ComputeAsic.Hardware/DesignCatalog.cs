using System.Globalization;
using System.Numerics;
using ComputeAsic.Hardware.Examples;
using ComputeAsic.Hardware.Library;
using ComputeAsic.Hdl;
using ComputeAsic.Hdl.Emit;
using ComputeAsic.Math;

namespace ComputeAsic.Hardware;

/// <summary>An integer parameter of a catalog design.</summary>
/// <param name="Name">Name used in <c>--param name=value</c>.</param>
/// <param name="Default">Value when not given.</param>
/// <param name="Min">Smallest accepted value.</param>
/// <param name="Max">Largest accepted value.</param>
/// <param name="Help">One line for listings.</param>
public sealed record DesignParameter(string Name, int Default, int Min, int Max, string Help);

/// <summary>Parameter values of one design build, defaults filled in.</summary>
public sealed class DesignArguments
{
    private readonly Dictionary<string, int> _values;

    internal DesignArguments(Dictionary<string, int> values) => _values = values;

    /// <summary>The value of a parameter.</summary>
    public int this[string name] => _values[name];

    /// <summary>All values, for reports.</summary>
    public IReadOnlyDictionary<string, int> Values => _values;

    /// <summary><c>name=value</c> pairs in parameter order.</summary>
    public override string ToString() => string.Join(" ", _values.Select(kv => $"{kv.Key}={kv.Value.ToString(CultureInfo.InvariantCulture)}"));
}

/// <summary>What a golden-model check of a recorded run found.</summary>
/// <param name="Checks">Values compared.</param>
/// <param name="Failures">One line per mismatch (empty when all agreed).</param>
public sealed record GoldenResult(int Checks, IReadOnlyList<string> Failures);

/// <summary>
/// A named design the command line can list, emit, simulate, co-simulate and synthesize: how to build it from
/// integer parameters, what inputs to drive it with, and (optionally) a golden model to check a run against.
/// </summary>
public sealed class DesignEntry
{
    private readonly Func<DesignArguments, Module> _build;

    /// <summary>Describes a design.</summary>
    public DesignEntry(string name, string description, IReadOnlyList<DesignParameter> parameters, Func<DesignArguments, Module> build)
    {
        Name = name;
        Description = description;
        Parameters = parameters;
        _build = build;
    }

    /// <summary>Catalog name (<c>--design</c>).</summary>
    public string Name { get; }

    /// <summary>One line for <c>hdl list</c>.</summary>
    public string Description { get; }

    /// <summary>Integer parameters with defaults.</summary>
    public IReadOnlyList<DesignParameter> Parameters { get; }

    /// <summary>Inputs per cycle for runs without a test bench of their own; random with reset at the start by default.</summary>
    public Func<DesignArguments, int, Stimulus> Stimulus { get; init; } = (_, seed) => new RandomStimulus(seed);

    /// <summary>Golden-model check of a recorded run, or null when the design has none.</summary>
    public Func<DesignArguments, Trace, GoldenResult>? Check { get; init; }

    /// <summary>Cycles a co-simulation runs by default (short for wide designs: GHDL is slow on wide arithmetic).</summary>
    public int CosimCycles { get; init; } = 400;

    /// <summary>Whether the design is too big for tests that sweep the whole catalog (GHDL and the reference interpreter take minutes on it); such designs are verified by their own tests.</summary>
    public bool Large { get; init; }

    /// <summary>Parses <c>name=value</c> strings against the parameters; throws <see cref="InvalidInputException"/> naming the bad one.</summary>
    public DesignArguments Parse(IEnumerable<string>? assignments)
    {
        var values = Parameters.ToDictionary(p => p.Name, p => p.Default, StringComparer.Ordinal);
        foreach (var a in assignments ?? [])
        {
            int eq = a.IndexOf('=');
            string key = eq < 0 ? a : a[..eq];
            var p = Parameters.FirstOrDefault(x => x.Name == key)
                ?? throw new InvalidInputException($"--param {a}: design '{Name}' has no parameter '{key}' ({Known()})");
            if (eq < 0 || !int.TryParse(a[(eq + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
                throw new InvalidInputException($"--param {a}: expected {key}=<integer>");
            if (v < p.Min || v > p.Max) throw new InvalidInputException($"--param {a}: {key} must be in [{p.Min}, {p.Max}]");
            values[key] = v;
        }
        return new DesignArguments(values);
    }

    private string Known() => Parameters.Count == 0 ? "it has none" : "parameters: " + string.Join(", ", Parameters.Select(p => p.Name));

    /// <summary>Builds the top module; parameter combinations the design rejects become <see cref="InvalidInputException"/>.</summary>
    public Module Build(DesignArguments args)
    {
        try
        {
            return _build(args);
        }
        catch (HdlException e)
        {
            throw new InvalidInputException($"design '{Name}' ({args}): {e.Detail}", e);
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException($"design '{Name}' ({args}): {e.Message}", e);
        }
    }
}

/// <summary>
/// The designs the command line knows, by name: the examples shipped with the DSL and the library blocks.
/// Other parts of the toolkit add theirs with <see cref="Register"/>.
/// </summary>
public static class DesignCatalog
{
    private static readonly List<DesignEntry> Entries = [];
    private static readonly Lock Gate = new();

    static DesignCatalog()
    {
        Register(new DesignEntry("counter", "counter with enable and synchronous reset (example)",
            [new("width", 8, 1, 1024, "counter bits")],
            a => new Counter(a["width"]))
        { Check = Golden.Counter });
        Register(new DesignEntry("fifo", "FIFO on a block-RAM memory with valid/ready streams (example)",
            [new("width", 8, 1, 1024, "item bits"), new("depth", 16, 2, 65536, "memory words, a power of two")],
            a => new Fifo(a["width"], a["depth"]))
        { Check = (_, t) => Golden.InOrder(t) });
        Register(new DesignEntry("adder_tree", "pipelined adder tree, one sum per cycle (example)",
            [new("count", 8, 2, 1024, "number of inputs"), new("width", 16, 1, 1024, "input bits")],
            a => new AdderTree(a["count"], a["width"]))
        { Check = Golden.AdderTree });
        Register(new DesignEntry("stream_stage", "valid/ready register slice with skid buffer (example)",
            [new("width", 32, 1, 1024, "item bits")],
            a => new StreamStage(a["width"]))
        { Check = (_, t) => Golden.InOrder(t) });
        Register(new DesignEntry("mul256", "pipelined multiplier of DSP-sized tiles with a pipelined adder tree (simulator benchmark)",
            [new("width", 256, 2, 1024, "operand bits"), new("tile_a", 26, 2, 64, "tile bits of a"), new("tile_b", 17, 2, 64, "tile bits of b"),
             new("levels_per_stage", 1, 1, 16, "adder levels between registers")],
            a => new TiledMultiplier(a["width"], a["tile_a"], a["tile_b"], a["levels_per_stage"]))
        { Check = Golden.Multiplier, CosimCycles = 60 });
        Arithmetic.ArithmeticDesigns.RegisterAll();
        Ntt.NttDesigns.RegisterAll();
    }

    /// <summary>Every design, in registration order.</summary>
    public static IReadOnlyList<DesignEntry> All
    {
        get { lock (Gate) return Entries.ToList(); }
    }

    /// <summary>Adds a design; names are unique.</summary>
    public static void Register(DesignEntry entry)
    {
        lock (Gate)
        {
            if (Entries.Any(e => e.Name == entry.Name)) throw new ArgumentException($"design '{entry.Name}' is already registered");
            Entries.Add(entry);
        }
    }

    /// <summary>The design named <paramref name="name"/>; throws <see cref="InvalidInputException"/> listing the known ones.</summary>
    public static DesignEntry Find(string name)
    {
        lock (Gate)
            return Entries.FirstOrDefault(e => e.Name == name)
                ?? throw new InvalidInputException($"--design {name}: unknown design (known: {string.Join(", ", Entries.Select(e => e.Name))})");
    }
}

/// <summary>Golden models of the catalog designs, checked against recorded runs.</summary>
internal static class Golden
{
    private static string Hex(BigInteger v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture).TrimStart('0').PadLeft(1, '0');

    private static bool Has(Trace t, string input) => t.Inputs.Any(p => p.Name == input);

    private static bool Reset(Trace t, int cycle) => Has(t, "rst") && !t.Input(cycle, "rst").IsZero;

    /// <summary>count(t+1) = 0 after a reset cycle, else count(t) + en(t) mod 2^width.</summary>
    public static GoldenResult Counter(DesignArguments a, Trace t)
    {
        var fails = new List<string>();
        var mod = BigInteger.One << a["width"];
        int checks = 0;
        for (int c = 1; c < t.Cycles; c++)
        {
            var expect = Reset(t, c - 1) ? 0 : (t.Output(c - 1, "count") + t.Input(c - 1, "en")) % mod;
            checks++;
            if (t.Output(c, "count") != expect) fails.Add($"cycle {c}: count {Hex(t.Output(c, "count"))}, expected {Hex(expect)}");
        }
        return new GoldenResult(checks, fails);
    }

    /// <summary>sum(t) = Σ x_i(t - latency) once the pipeline is full.</summary>
    public static GoldenResult AdderTree(DesignArguments a, Trace t)
    {
        int n = a["count"], latency = (int)System.Math.Ceiling(System.Math.Log2(n));
        var fails = new List<string>();
        int checks = 0;
        for (int c = latency; c < t.Cycles; c++)
        {
            BigInteger expect = 0;
            for (int i = 0; i < n; i++) expect += t.Input(c - latency, $"x{i}");
            checks++;
            if (t.Output(c, "sum") != expect) fails.Add($"cycle {c}: sum {Hex(t.Output(c, "sum"))}, expected {Hex(expect)}");
        }
        return new GoldenResult(checks, fails);
    }

    /// <summary>p(t) = a(t - latency) · b(t - latency).</summary>
    public static GoldenResult Multiplier(DesignArguments a, Trace t)
    {
        int latency = TiledMultiplier.LatencyOf(a["width"], a["tile_a"], a["tile_b"], a["levels_per_stage"]);
        var fails = new List<string>();
        int checks = 0;
        for (int c = latency; c < t.Cycles; c++)
        {
            var expect = t.Input(c - latency, "a") * t.Input(c - latency, "b");
            checks++;
            if (t.Output(c, "p") != expect) fails.Add($"cycle {c}: p {Hex(t.Output(c, "p"))}, expected {Hex(expect)}");
        }
        return new GoldenResult(checks, fails);
    }

    /// <summary>A stream design delivers exactly the items it accepted, in order (a reset empties it).</summary>
    public static GoldenResult InOrder(Trace t)
    {
        var queue = new Queue<BigInteger>();
        var fails = new List<string>();
        int checks = 0;
        for (int c = 0; c < t.Cycles; c++)
        {
            if (Reset(t, c)) { queue.Clear(); continue; }
            if (!t.Output(c, "out_valid").IsZero && !t.Input(c, "out_ready").IsZero)
            {
                checks++;
                var got = t.Output(c, "out_data");
                if (queue.Count == 0) fails.Add($"cycle {c}: delivered {Hex(got)} that was never accepted");
                else if (queue.Dequeue() is var want && want != got) fails.Add($"cycle {c}: delivered {Hex(got)}, expected {Hex(want)}");
            }
            if (!t.Input(c, "in_valid").IsZero && !t.Output(c, "in_ready").IsZero) queue.Enqueue(t.Input(c, "in_data"));
        }
        return new GoldenResult(checks, fails);
    }
}
