namespace ComputeAsic.Hdl;

/// <summary>
/// An elaborated, checked module: its nodes in a deterministic topological order (operands before users; registers,
/// memory reads, inputs and constants are sources; an instance output follows the inputs it depends on without a
/// register), unique HDL names, and the facts emitters and the simulator need. Built by <see cref="Module.Elaborate"/>.
/// </summary>
public sealed class Circuit
{
    internal Circuit(Module module) => Module = module;

    /// <summary>The module elaborated.</summary>
    public Module Module { get; }

    /// <summary>The module's name (a <see cref="Design"/> may suffix it to keep entity names unique).</summary>
    public string Name => Module.Name;

    /// <summary>Clock and reset of this circuit's registers.</summary>
    public ClockDomain Clock => Module.Clock;

    /// <summary>Whether the circuit (or a child) has registers or memories and so a clock port.</summary>
    public bool HasClock { get; internal set; }

    /// <summary>Whether a register here or in a child has a reset value and so the circuit has a reset port.</summary>
    public bool HasReset { get; internal set; }

    /// <summary>Data input ports in declaration order (clock and reset not included).</summary>
    public IReadOnlyList<Port> Inputs { get; internal set; } = [];

    /// <summary>Output ports in declaration order.</summary>
    public IReadOnlyList<Port> Outputs { get; internal set; } = [];

    /// <summary>Every node, operands before users; the order emitters write and the simulator evaluates.</summary>
    public IReadOnlyList<Signal> Nodes { get; internal set; } = [];

    /// <summary>Registers in node order.</summary>
    public IReadOnlyList<Signal> Registers { get; internal set; } = [];

    /// <summary>Memories that are read.</summary>
    public IReadOnlyList<Memory> Memories { get; internal set; } = [];

    /// <summary>Child instances whose outputs are used, in declaration order.</summary>
    public IReadOnlyList<Instance> Instances { get; internal set; } = [];

    /// <summary>The declared latency, checked against every output.</summary>
    public int? Latency => Module.Latency;

    /// <summary>Design-rule warnings (unused inputs), each starting with <c>file:line</c>.</summary>
    public IReadOnlyList<string> Warnings { get; internal set; } = [];

    /// <summary>For each output port, the input ports it depends on without a register in between.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> CombinationalInputs { get; internal set; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>SHA-256 of a canonical description of the structure: equal circuits share one entity.</summary>
    public string Signature { get; internal set; } = "";

    internal Dictionary<Signal, int> Index { get; } = new(ReferenceEqualityComparer.Instance);

    internal Dictionary<Signal, string> Names { get; } = new(ReferenceEqualityComparer.Instance);

    internal Dictionary<object, string> OtherNames { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Position of a node in <see cref="Nodes"/>.</summary>
    public int IndexOf(Signal s) => Index.TryGetValue(s, out int i) ? i : throw new ArgumentException($"{s} is not part of circuit '{Name}'");

    /// <summary>The unique HDL identifier of a node (input nodes are named after their port).</summary>
    public string NameOf(Signal s) => Names.TryGetValue(s, out var n) ? n : throw new ArgumentException($"{s} is not part of circuit '{Name}'");

    /// <summary>The unique HDL identifier of a memory.</summary>
    public string NameOf(Memory m) => OtherNames[m];

    /// <summary>The unique HDL label of an instance.</summary>
    public string NameOf(Instance i) => OtherNames[i];

    /// <summary>The circuit of each child instance (elaborated on demand).</summary>
    public Circuit ChildOf(Instance i) => i.Definition.Elaborate();
}

/// <summary>
/// A top module with every circuit below it, each distinct one under a unique entity name: what emitters write and
/// the simulator flattens. Identical modules (same name and structure) share one entity.
/// </summary>
public sealed class Design
{
    private readonly Dictionary<Circuit, string> _entity = new(ReferenceEqualityComparer.Instance);
    private readonly List<Circuit> _circuits = [];

    /// <summary>Elaborates <paramref name="top"/> and its children and checks they share one clock domain.</summary>
    public Design(Module top)
    {
        Top = top.Elaborate();
        var bySignature = new Dictionary<(string, string), string>();
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var visiting = new HashSet<Circuit>(ReferenceEqualityComparer.Instance);
        void Visit(Circuit c)
        {
            if (_entity.ContainsKey(c)) return;
            if (!visiting.Add(c)) throw new HdlException(DesignRule.Structure, c.Module.Location, $"module '{c.Name}' instantiates itself through its children");
            foreach (var i in c.Instances) Visit(c.ChildOf(i));
            if (c.HasClock && Top.HasClock && c.Clock != Top.Clock)
                throw new HdlException(DesignRule.Structure, c.Module.Location, $"module '{c.Name}' uses clock domain {c.Clock} but the design uses {Top.Clock}; one clock domain per design");
            if (!bySignature.TryGetValue((c.Name, c.Signature), out var name))
            {
                name = c.Name;
                for (int k = 1; taken.Contains(name); k++) name = $"{c.Name}_{k}";
                taken.Add(name);
                bySignature[(c.Name, c.Signature)] = name;
                _circuits.Add(c);
            }
            _entity[c] = name;
        }
        Visit(Top);
    }

    /// <summary>The top circuit.</summary>
    public Circuit Top { get; }

    /// <summary>Distinct circuits, children before parents, the top last.</summary>
    public IReadOnlyList<Circuit> Circuits => _circuits;

    /// <summary>The entity or module name a circuit is emitted under.</summary>
    public string EntityName(Circuit c) => _entity[c];

    /// <summary>Every warning of every circuit, prefixed by its entity name.</summary>
    public IEnumerable<string> Warnings => _circuits.SelectMany(c => c.Warnings.Select(w => $"{EntityName(c)}: {w}"));
}
