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

/// <summary>What a golden-model check of a run found.</summary>
/// <param name="Checks">Values compared.</param>
/// <param name="Failures">One line per mismatch, the first <see cref="GoldenChecker.KeptFailures"/> of them (empty when all agreed).</param>
/// <param name="Mismatches">Mismatches counted, when more than the lines kept.</param>
public sealed record GoldenResult(int Checks, IReadOnlyList<string> Failures, int? Mismatches = null)
{
    /// <summary>Mismatches in all (lines beyond those kept included).</summary>
    public int Failed => Mismatches ?? Failures.Count;
}

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

    /// <summary>The design's golden model as a per-cycle checker (ports in trace order), or null: what long runs are checked with in flat memory.</summary>
    public Func<DesignArguments, IReadOnlyList<TracePort>, IReadOnlyList<TracePort>, GoldenChecker>? Golden { get; init; }

    /// <summary>Golden-model check of a recorded run, or null when the design has none (by default the <see cref="Golden"/> checker replayed).</summary>
    public Func<DesignArguments, Trace, GoldenResult>? Check
    {
        get => _check ?? (Golden is { } g ? (a, t) => GoldenChecker.Replay(g(a, t.Inputs, t.Outputs), t) : null);
        init => _check = value;
    }

    private readonly Func<DesignArguments, Trace, GoldenResult>? _check;

    /// <summary>
    /// For a top that reports its own design hash (a card's identity block): the hash it reports, computed with
    /// <see cref="DesignHash.OfSelfReferencing"/>; null for other designs, whose hash is that of their emitted HDL.
    /// </summary>
    public Func<DesignArguments, byte[]>? SelfHash { get; init; }

    /// <summary>The design hash a bitstream package of this build records: <see cref="SelfHash"/> when set, else <see cref="DesignHash.Of"/>.</summary>
    public byte[] HashOf(DesignArguments args, Design design) => SelfHash?.Invoke(args) ?? DesignHash.Of(design);

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
        { Golden = (_, i, o) => new CounterChecker(i, o) });
        Register(new DesignEntry("fifo", "FIFO on a block-RAM memory with valid/ready streams (example)",
            [new("width", 8, 1, 1024, "item bits"), new("depth", 16, 2, 65536, "memory words, a power of two")],
            a => new Fifo(a["width"], a["depth"]))
        { Golden = (_, i, o) => new InOrderChecker(i, o) });
        Register(new DesignEntry("adder_tree", "pipelined adder tree, one sum per cycle (example)",
            [new("count", 8, 2, 1024, "number of inputs"), new("width", 16, 1, 1024, "input bits")],
            a => new AdderTree(a["count"], a["width"]))
        { Golden = Models.AdderTree });
        Register(new DesignEntry("stream_stage", "valid/ready register slice with skid buffer (example)",
            [new("width", 32, 1, 1024, "item bits")],
            a => new StreamStage(a["width"]))
        { Golden = (_, i, o) => new InOrderChecker(i, o) });
        Register(new DesignEntry("mul256", "pipelined multiplier of DSP-sized tiles with a pipelined adder tree (simulator benchmark)",
            [new("width", 256, 2, 1024, "operand bits"), new("tile_a", 26, 2, 64, "tile bits of a"), new("tile_b", 17, 2, 64, "tile bits of b"),
             new("levels_per_stage", 1, 1, 16, "adder levels between registers")],
            a => new TiledMultiplier(a["width"], a["tile_a"], a["tile_b"], a["levels_per_stage"]))
        { Golden = Models.Multiplier, CosimCycles = 60 });
        Arithmetic.ArithmeticDesigns.RegisterAll();
        Shell.ShellDesigns.RegisterAll();
        Msm.MsmDesigns.RegisterAll();
        Ntt.NttDesigns.RegisterAll();
        Card.CardDesigns.RegisterAll();
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

/// <summary>Golden models of the example designs.</summary>
internal static class Models
{
    /// <summary>sum(t) = Σ x_i(t - latency) once the pipeline is full.</summary>
    public static GoldenChecker AdderTree(DesignArguments a, IReadOnlyList<TracePort> inputs, IReadOnlyList<TracePort> outputs)
    {
        int n = a["count"], latency = (int)System.Math.Ceiling(System.Math.Log2(n));
        return new DelayedChecker(inputs, outputs, latency, (i, o) =>
        {
            BigInteger expect = 0;
            for (int k = 0; k < n; k++) expect += i($"x{k}");
            return o("sum") == expect ? null : $"sum {Hex(o("sum"))}, expected {Hex(expect)}";
        });
    }

    /// <summary>p(t) = a(t - latency) · b(t - latency).</summary>
    public static GoldenChecker Multiplier(DesignArguments a, IReadOnlyList<TracePort> inputs, IReadOnlyList<TracePort> outputs) =>
        new DelayedChecker(inputs, outputs, TiledMultiplier.LatencyOf(a["width"], a["tile_a"], a["tile_b"], a["levels_per_stage"]),
            (i, o) => o("p") == i("a") * i("b") ? null : $"p {Hex(o("p"))}, expected {Hex(i("a") * i("b"))}");

    private static string Hex(BigInteger v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture).TrimStart('0').PadLeft(1, '0');
}

/// <summary>count(t+1) = 0 after a reset cycle, else count(t) + en(t) mod 2^width.</summary>
internal sealed class CounterChecker(IReadOnlyList<TracePort> inputs, IReadOnlyList<TracePort> outputs) : GoldenChecker(inputs, outputs)
{
    private BigInteger[]? _lastIn, _lastOut;

    public override void Cycle(int cycle, BigInteger[] inputs, BigInteger[] outputs)
    {
        int count = OutputIndex("count"), en = InputIndex("en"), rst = InputIndex("rst");
        if (_lastIn != null && _lastOut != null)
        {
            var mod = BigInteger.One << Outputs[count].Width;
            var expect = rst >= 0 && !_lastIn[rst].IsZero ? 0 : (_lastOut[count] + _lastIn[en]) % mod;
            Checked(outputs[count] == expect ? null : $"cycle {cycle}: count {Hex(outputs[count])}, expected {Hex(expect)}");
        }
        (_lastIn, _lastOut) = (inputs, outputs);
    }
}

/// <summary>A stream design delivers exactly the items it accepted, in order (a reset empties it).</summary>
internal sealed class InOrderChecker(IReadOnlyList<TracePort> inputs, IReadOnlyList<TracePort> outputs) : GoldenChecker(inputs, outputs)
{
    private readonly Queue<BigInteger> _queue = new();

    public override void Cycle(int cycle, BigInteger[] inputs, BigInteger[] outputs)
    {
        int rst = InputIndex("rst");
        if (rst >= 0 && !inputs[rst].IsZero)
        {
            _queue.Clear();
            return;
        }
        if (!outputs[OutputIndex("out_valid")].IsZero && !inputs[InputIndex("out_ready")].IsZero)
        {
            var got = outputs[OutputIndex("out_data")];
            if (_queue.Count == 0) Checked($"cycle {cycle}: delivered {Hex(got)} that was never accepted");
            else if (_queue.Dequeue() is var want && want != got) Checked($"cycle {cycle}: delivered {Hex(got)}, expected {Hex(want)}");
            else Checked(null);
        }
        if (!inputs[InputIndex("in_valid")].IsZero && !outputs[OutputIndex("in_ready")].IsZero) _queue.Enqueue(inputs[InputIndex("in_data")]);
    }
}
