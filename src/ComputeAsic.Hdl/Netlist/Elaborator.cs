using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ComputeAsic.Hdl;

/// <summary>Turns a module into a <see cref="Circuit"/>: orders nodes, names them and runs the design-rule checks.</summary>
internal sealed class Elaborator
{
    private const int Any = -1;      // constant or static: fits any timing
    private const int Unknown = -2;  // feedback, memory or a module without fixed latency: not tracked

    private readonly Module _m;
    private readonly Circuit _c;
    private readonly Dictionary<Signal, byte> _color = new(ReferenceEqualityComparer.Instance);
    private readonly List<Signal> _order = [];
    private readonly Queue<Signal> _seqRoots = new();
    private readonly List<Memory> _memories = [];
    private readonly HashSet<Instance> _instances = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Instance, Circuit> _childCircuits = new(ReferenceEqualityComparer.Instance);

    private Elaborator(Module m)
    {
        _m = m;
        _c = new Circuit(m);
    }

    public static Circuit Run(Module m) => new Elaborator(m).Elaborate();

    private Circuit Elaborate()
    {
        foreach (var p in _m.Outputs) Visit(p.Signal, null, p.Location);
        while (_seqRoots.Count > 0) Visit(_seqRoots.Dequeue(), null, null);
        // Inputs nothing reads are still ports: warn, then keep them as (dead) nodes so they have names.
        var unused = _m.Inputs.Where(p => _color.GetValueOrDefault(p.Signal) != 2).ToList();
        foreach (var p in unused) Visit(p.Signal, null, p.Location);

        _c.Nodes = _order;
        for (int i = 0; i < _order.Count; i++) _c.Index[_order[i]] = i;
        _c.Registers = _order.Where(s => s.Op == Op.Reg).ToList();
        _c.Memories = _m.Memories.Where(_memories.Contains).ToList();
        _c.Instances = _m.Instances.Where(_instances.Contains).ToList();
        _c.Inputs = _m.Inputs;
        _c.Outputs = _m.Outputs;
        var children = _c.Instances.Select(i => _childCircuits[i]).ToList();
        _c.HasClock = _c.Registers.Count > 0 || _c.Memories.Count > 0 || children.Any(c => c.HasClock);
        _c.HasReset = _c.Registers.Any(r => r.ResetValue != null) || children.Any(c => c.HasReset);
        _c.Warnings = unused
            .Select(p => $"{p.Location}: {HdlException.RuleName(DesignRule.UnusedInput)}: input '{p.Name}' of module '{_m.Name}' is never read")
            .ToList();
        AssignNames();
        CombinationalInputs();
        if (_m.Latency is int latency && _m.CheckPipelineBalance) CheckLatency(latency);
        _c.Signature = ComputeSignature();
        return _c;
    }

    private HdlException Error(DesignRule rule, SourceLocation at, string detail) => new(rule, at, detail);

    private Circuit Child(Instance i)
    {
        if (!_childCircuits.TryGetValue(i, out var c)) _childCircuits[i] = c = i.Definition.Elaborate();
        return c;
    }

    /// <summary>The nodes a node needs combinationally (in the same cycle).</summary>
    private IEnumerable<Signal> CombDeps(Signal n)
    {
        switch (n.Op)
        {
            case Op.Const or Op.Input or Op.Reg or Op.MemRead: return [];
            case Op.Wire:
                if (n.Operands.Count == 0) throw Error(DesignRule.Undriven, n.Location, $"wire {n.Describe()} is read but never assigned");
                return n.Operands;
            case Op.InstanceOutput:
                {
                    var inst = n.Instance!;
                    var child = Child(inst);
                    return child.CombinationalInputs[n.PortName!].Select(p => Connection(inst, p));
                }
            case Op.Placeholder:
                throw Error(DesignRule.Structure, n.Location, "a shape-only signal (Signal.OfWidth) is used in logic");
            default: return n.Operands;
        }
    }

    private Signal Connection(Instance inst, string port) =>
        inst.TryGetConnection(port, out var v) ? v
            : throw Error(DesignRule.Undriven, inst.Location, $"input '{port}' of instance '{inst.Name}' (module '{inst.Definition.Name}') is not connected");

    private void CheckOwner(Signal d, Signal? user, SourceLocation? at)
    {
        if (d.Owner != null && !ReferenceEquals(d.Owner, _m))
            throw Error(DesignRule.Structure, user?.Location ?? at ?? d.Location,
                $"{d.Describe()} belongs to module '{d.Owner.Name}' but is used in module '{_m.Name}'; connect it through an instance port");
    }

    private void Visit(Signal root, Signal? user, SourceLocation? at)
    {
        CheckOwner(root, user, at);
        if (_color.GetValueOrDefault(root) == 2) return;
        var stack = new List<(Signal Node, IEnumerator<Signal> Deps)>();
        _color[root] = 1;
        stack.Add((root, CombDeps(root).GetEnumerator()));
        while (stack.Count > 0)
        {
            var (n, deps) = stack[^1];
            if (deps.MoveNext())
            {
                var d = deps.Current;
                CheckOwner(d, n, null);
                switch (_color.GetValueOrDefault(d))
                {
                    case 0:
                        _color[d] = 1;
                        stack.Add((d, CombDeps(d).GetEnumerator()));
                        break;
                    case 1:
                        throw Loop(stack.Select(e => e.Node).SkipWhile(x => !ReferenceEquals(x, d)).ToList());
                }
                continue;
            }
            stack.RemoveAt(stack.Count - 1);
            _color[n] = 2;
            _order.Add(n);
            Sequential(n);
        }
    }

    private HdlException Loop(List<Signal> cycle)
    {
        var first = cycle.FirstOrDefault(s => s.Op == Op.Wire) ?? cycle[0];
        string path = string.Join(" -> ", cycle.Select(s => s.Op == Op.Wire ? $"wire {s.Describe()}" : $"{s.Op.ToString().ToLowerInvariant()} at {s.Location}"));
        return Error(DesignRule.CombinationalLoop, first.Location, $"combinational loop in module '{_m.Name}': {path} -> back; put a register in the loop");
    }

    /// <summary>Queues what a state element needs at the clock edge (its next value, enables, memory and child ports).</summary>
    private void Sequential(Signal n)
    {
        switch (n.Op)
        {
            case Op.Reg:
                foreach (var o in n.Operands) _seqRoots.Enqueue(o);
                break;
            case Op.MemRead:
                foreach (var o in n.Operands) _seqRoots.Enqueue(o);
                var mem = n.Memory!;
                if (!_memories.Contains(mem))
                {
                    _memories.Add(mem);
                    foreach (var w in mem.WritePorts)
                    {
                        _seqRoots.Enqueue(w.Enable);
                        _seqRoots.Enqueue(w.Address);
                        _seqRoots.Enqueue(w.Data);
                    }
                }
                break;
            case Op.InstanceOutput:
                var inst = n.Instance!;
                if (_instances.Add(inst))
                    foreach (var p in Child(inst).Inputs) _seqRoots.Enqueue(Connection(inst, p.Name));
                break;
        }
    }

    private void AssignNames()
    {
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { _m.Name, _m.Clock.Clock, _m.Clock.Reset };
        foreach (var p in _m.Inputs.Concat(_m.Outputs)) used.Add(p.Name);
        // Names the emitters derive: an input's internal copy (VHDL) and a memory's array type.
        foreach (var p in _m.Inputs) used.Add(p.Name + "_i");
        string Unique(string baseName)
        {
            string n = Naming.Sanitize(baseName);
            if (used.Add(n)) return n;
            for (int k = 1; ; k++)
                if (used.Add($"{n}_{k}")) return $"{n}_{k}";
        }
        foreach (var mem in _c.Memories)
        {
            _c.OtherNames[mem] = Unique(mem.Name);
            used.Add(_c.OtherNames[mem] + "_t");
        }
        foreach (var inst in _c.Instances) _c.OtherNames[inst] = Unique(inst.Name);
        foreach (var s in _order)
        {
            if (s.Op == Op.Input) _c.Names[s] = s.PortName!;
            else _c.Names[s] = Unique(s.Name ?? Prefix(s.Op) + "_" + _c.Index[s].ToString(CultureInfo.InvariantCulture));
        }
    }

    private static string Prefix(Op op) => op switch
    {
        Op.Const => "c",
        Op.Reg => "r",
        Op.Wire => "w",
        Op.MemRead => "q",
        _ => op.ToString().ToLowerInvariant(),
    };

    private void CombinationalInputs()
    {
        int words = Math.Max(1, (_m.Inputs.Count + 63) / 64);
        var inputIndex = new Dictionary<Signal, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < _m.Inputs.Count; i++) inputIndex[_m.Inputs[i].Signal] = i;
        var empty = new ulong[words];
        var sets = new ulong[_order.Count][];
        for (int k = 0; k < _order.Count; k++)
        {
            var n = _order[k];
            if (n.Op == Op.Input)
            {
                var s = new ulong[words];
                int i = inputIndex[n];
                s[i >> 6] |= 1UL << (i & 63);
                sets[k] = s;
                continue;
            }
            var deps = CombDeps(n).ToList();
            if (deps.Count == 0) { sets[k] = empty; continue; }
            if (deps.Count == 1) { sets[k] = sets[_c.Index[deps[0]]]; continue; }
            var u = new ulong[words];
            foreach (var d in deps)
            {
                var ds = sets[_c.Index[d]];
                for (int w = 0; w < words; w++) u[w] |= ds[w];
            }
            sets[k] = u;
        }
        var map = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var p in _m.Outputs)
        {
            var s = sets[_c.Index[p.Signal]];
            map[p.Name] = _m.Inputs.Where((_, i) => (s[i >> 6] >> (i & 63) & 1) != 0).Select(x => x.Name).ToList();
        }
        _c.CombinationalInputs = map;
    }

    /// <summary>Pipeline balance: every operator's operands must come from the inputs through the same number of registers.</summary>
    private void CheckLatency(int declared)
    {
        var lat = new Dictionary<Signal, int>(ReferenceEqualityComparer.Instance);
        var onStack = new HashSet<Signal>(ReferenceEqualityComparer.Instance);

        IEnumerable<Signal> Deps(Signal n) => n.Op switch
        {
            Op.Reg => [n.Operands[0]],
            Op.MemRead or Op.Const or Op.Input => [],
            Op.InstanceOutput => Child(n.Instance!).Inputs.Where(p => !p.Signal.IsStatic).Select(p => Connection(n.Instance!, p.Name)),
            _ => n.Operands,
        };

        int Combine(Signal at, IEnumerable<Signal> operands, SourceLocation loc, string what)
        {
            int result = Any;
            Signal? first = null;
            foreach (var o in operands)
            {
                int v = lat[o];
                if (v == Unknown) return Unknown;
                if (v == Any) continue;
                if (result == Any) { result = v; first = o; }
                else if (v != result)
                    throw Error(DesignRule.UnbalancedPipeline, loc,
                        $"{what} in module '{_m.Name}' combines {Show(first!)} (after {result} cycles) with {Show(o)} (after {v} cycles); add {Math.Abs(v - result)} register stage(s) to the shorter path");
            }
            return result;
        }

        string Show(Signal s) => _c.Names.TryGetValue(s, out var n) ? $"'{n}' (built at {s.Location})" : $"{s.Op.ToString().ToLowerInvariant()} built at {s.Location}";

        int Compute(Signal n)
        {
            switch (n.Op)
            {
                case Op.Const: return Any;
                case Op.Input: return n.IsStatic ? Any : 0;
                case Op.MemRead: return Unknown;
                case Op.Reg:
                    int d = lat[n.Operands[0]];
                    return d >= 0 ? d + 1 : d;
                case Op.Wire: return lat[n.Operands[0]];
                case Op.InstanceOutput:
                    var child = Child(n.Instance!);
                    if (child.Latency is not int l) return Unknown;
                    int inl = Combine(n, Deps(n), n.Instance!.Location, $"instance '{n.Instance!.Name}'");
                    return inl >= 0 ? inl + l : inl;
                default:
                    return Combine(n, n.Operands, n.Location, $"{n.Op.ToString().ToLowerInvariant()}");
            }
        }

        // Iterative depth-first evaluation; an operand still on the stack closes a feedback loop and is untracked.
        foreach (var root in _order)
        {
            if (lat.ContainsKey(root)) continue;
            var stack = new Stack<(Signal Node, IEnumerator<Signal> Deps)>();
            stack.Push((root, Deps(root).GetEnumerator()));
            onStack.Add(root);
            while (stack.Count > 0)
            {
                var (n, deps) = stack.Peek();
                if (deps.MoveNext())
                {
                    var d = deps.Current;
                    if (lat.ContainsKey(d)) continue;
                    if (onStack.Contains(d)) { lat[d] = Unknown; continue; }
                    onStack.Add(d);
                    stack.Push((d, Deps(d).GetEnumerator()));
                    continue;
                }
                stack.Pop();
                onStack.Remove(n);
                if (!lat.ContainsKey(n)) lat[n] = Compute(n);
            }
        }

        foreach (var p in _m.Outputs)
        {
            int v = lat[p.Signal];
            if (v >= 0 && v != declared)
                throw Error(DesignRule.UnbalancedPipeline, p.Location, $"output '{p.Name}' of module '{_m.Name}' arrives after {v} cycles but the module declares Latency = {declared}");
        }
    }

    private string ComputeSignature()
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append("module ").Append(_m.Name).Append(' ').Append(_m.Clock).Append(" latency ").Append(_m.Latency?.ToString(inv) ?? "-").Append('\n');
        foreach (var p in _m.Inputs) sb.Append("in ").Append(p.Name).Append(' ').Append(p.Width).Append(p.Signal.IsStatic ? " static" : "").Append('\n');
        foreach (var p in _m.Outputs) sb.Append("out ").Append(p.Name).Append(' ').Append(p.Width).Append(' ').Append(_c.Index[p.Signal]).Append('\n');
        foreach (var m in _c.Memories)
        {
            sb.Append("mem ").Append(_c.NameOf(m)).Append(' ').Append(m.Depth).Append('x').Append(m.Width);
            foreach (var w in m.WritePorts) sb.Append(" w ").Append(_c.Index[w.Enable]).Append(',').Append(_c.Index[w.Address]).Append(',').Append(_c.Index[w.Data]);
            if (m.Contents is { } init) sb.Append(" init ").Append(string.Join(',', init.Select(v => v.ToString("x", inv))));
            sb.Append('\n');
        }
        foreach (var i in _c.Instances)
        {
            sb.Append("inst ").Append(_c.NameOf(i)).Append(' ').Append(Child(i).Signature);
            foreach (var p in Child(i).Inputs) sb.Append(' ').Append(p.Name).Append('=').Append(_c.Index[Connection(i, p.Name)]);
            sb.Append('\n');
        }
        foreach (var n in _order)
        {
            sb.Append(_c.Index[n]).Append(' ').Append(n.Op).Append(' ').Append(n.Width).Append(' ').Append(_c.Names[n]);
            foreach (var o in n.Operands) sb.Append(' ').Append(_c.Index[o]);
            switch (n.Op)
            {
                case Op.Const: sb.Append(" =").Append(n.ConstValue.ToString("x", inv)); break;
                case Op.Slice: sb.Append(" @").Append(n.SliceLow); break;
                case Op.Reg: sb.Append(" reset ").Append(n.ResetValue?.ToString("x", inv) ?? "-"); break;
                case Op.MemRead: sb.Append(" mem ").Append(_c.NameOf(n.Memory!)); break;
                case Op.InstanceOutput: sb.Append(" inst ").Append(_c.NameOf(n.Instance!)).Append('.').Append(n.PortName); break;
                case Op.Input: sb.Append(n.IsStatic ? " static" : ""); break;
            }
            sb.Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
