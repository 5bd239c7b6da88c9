using System.Numerics;
using ComputeAsic.Hdl;

namespace ComputeAsic.Sim;

/// <summary>One node of a flattened design: hierarchy, wires and ports resolved away, operands as indices.</summary>
internal sealed class FlatNode
{
    public required Op Op;
    public required int Width;
    public int[] Operands = [];
    public BigInteger ConstValue;
    public int SliceLow;
    public BigInteger? ResetValue;
    public int Memory = -1;
    /// <summary>Hierarchical name (scope path and signal name), or null when the node was never named.</summary>
    public string? Name;
    /// <summary>Scope path ("" for the top).</summary>
    public string Scope = "";
    /// <summary>Whether the name came from the designer (a port, register or named signal) rather than numbering.</summary>
    public bool UserNamed;

    public bool IsState => Op is Op.Reg or Op.MemRead;
    public int Limbs => ComputeAsic.Hdl.Limbs.Count(Width);
}

/// <summary>A flattened memory.</summary>
internal sealed class FlatMemory
{
    public required string Name;
    public required int Depth;
    public required int Width;
    public List<(int Enable, int Address, int Data)> Writes = [];
    /// <summary>Initial words, or null for all zero.</summary>
    public IReadOnlyList<BigInteger>? Contents;
}

/// <summary>
/// The whole design as one flat graph in a topological order of its combinational edges, which is the order the
/// simulator evaluates in. Child input ports, wires and instance outputs become aliases of their drivers.
/// </summary>
internal sealed class FlatNetlist
{
    public List<FlatNode> Nodes = [];
    public List<FlatMemory> Memories = [];
    public List<(string Name, int Node)> Inputs = [];
    public List<(string Name, int Node)> Outputs = [];
    public int Reset = -1;
    public ClockDomain Clock = ClockDomain.Default;
    public bool HasReset;

    public static FlatNetlist Build(Design design)
    {
        // Deep combinational chains recurse once per node; a large stack keeps that safe for wide ripple logic.
        FlatNetlist? result = null;
        Exception? error = null;
        var t = new Thread(() =>
        {
            try { result = new Builder(design).Run(); }
            catch (Exception e) { error = e; }
        }, 256 << 20);
        t.Start();
        t.Join();
        if (error != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        return result!;
    }

    private sealed class Builder(Design design)
    {
        private readonly FlatNetlist _f = new() { Clock = design.Top.Clock };
        private readonly List<FlatNode> _raw = [];
        // (scope key, signal) -> raw index, or -1 while an alias is being resolved
        private readonly Dictionary<(Scope, Signal), int> _map = new();
        private readonly Dictionary<(Scope, Memory), int> _mems = new();

        internal sealed class Scope(Circuit circuit, Scope? parent, Instance? instance, string path)
        {
            public Circuit Circuit { get; } = circuit;
            public Scope? Parent { get; } = parent;
            public Instance? Instance { get; } = instance;
            public string Path { get; } = path;
            public Dictionary<Instance, Scope> Children { get; } = new(ReferenceEqualityComparer.Instance);
        }

        public FlatNetlist Run()
        {
            var top = new Scope(design.Top, null, null, "");
            int resetRaw = -1;
            if (design.Top.HasReset)
            {
                resetRaw = Add(new FlatNode { Op = Op.Input, Width = 1, Name = design.Top.Clock.Reset, UserNamed = true });
            }
            foreach (var p in design.Top.Inputs) Resolve(top, p.Signal);
            var outs = design.Top.Outputs.Select(p => (p.Name, Resolve(top, p.Signal))).ToList();
            // State elements pull in their next-state logic; keep going until nothing new appears.
            int done = 0;
            while (done < _pending.Count)
            {
                var (scope, sig, idx) = _pending[done++];
                FillState(scope, sig, idx);
            }
            return Order(resetRaw, top, outs);
        }

        private readonly List<(Scope, Signal, int)> _pending = [];

        private int Add(FlatNode n)
        {
            _raw.Add(n);
            return _raw.Count - 1;
        }

        private Scope ChildScope(Scope s, Instance inst)
        {
            if (!s.Children.TryGetValue(inst, out var c))
            {
                var circuit = s.Circuit.ChildOf(inst);
                string path = s.Path.Length == 0 ? s.Circuit.NameOf(inst) : s.Path + "." + s.Circuit.NameOf(inst);
                s.Children[inst] = c = new Scope(circuit, s, inst, path);
            }
            return c;
        }

        /// <summary>The raw index computing <paramref name="sig"/> in scope <paramref name="s"/>, creating nodes on first use.</summary>
        private int Resolve(Scope s, Signal sig)
        {
            // Follow aliases iteratively (wires, child inputs, instance outputs), then build the node.
            var chain = new List<(Scope, Signal)>();
            while (true)
            {
                if (_map.TryGetValue((s, sig), out int known))
                {
                    foreach (var k in chain) _map[k] = known;
                    return known;
                }
                chain.Add((s, sig));
                switch (sig.Op)
                {
                    case Op.Wire:
                        sig = sig.Operands[0];
                        continue;
                    case Op.Input when s.Parent != null:
                        s.Instance!.TryGetConnection(sig.PortName!, out var v);
                        s = s.Parent;
                        sig = v;
                        continue;
                    case Op.InstanceOutput:
                        var child = ChildScope(s, sig.Instance!);
                        sig = child.Circuit.Outputs.First(p => p.Name == sig.PortName).Signal;
                        s = child;
                        continue;
                }
                break;
            }
            int idx = Build(s, sig);
            foreach (var k in chain) _map[k] = idx;
            // A designer-named wire lends its name to an unnamed driver in the same module (waveforms, Peek).
            var node = _raw[idx];
            if (!node.UserNamed)
                foreach (var (ws, w) in chain)
                    if (w.Op == Op.Wire && w.Name != null && ReferenceEquals(ws, s))
                    {
                        node.Name = s.Path.Length == 0 ? ws.Circuit.NameOf(w) : s.Path + "." + ws.Circuit.NameOf(w);
                        node.UserNamed = true;
                        break;
                    }
            return idx;
        }

        private int Build(Scope s, Signal sig)
        {
            var c = s.Circuit;
            string local = c.NameOf(sig);
            bool userNamed = sig.Name != null || sig.Op == Op.Input;
            var n = new FlatNode
            {
                Op = sig.Op,
                Width = sig.Width,
                ConstValue = sig.ConstValue,
                SliceLow = sig.SliceLow,
                ResetValue = sig.ResetValue,
                Name = s.Path.Length == 0 ? local : s.Path + "." + local,
                Scope = s.Path,
                UserNamed = userNamed,
            };
            int idx = Add(n);
            _map[(s, sig)] = idx;
            if (sig.Op is Op.Reg or Op.MemRead)
            {
                _pending.Add((s, sig, idx));
                return idx;
            }
            if (sig.Op is Op.Input or Op.Const) return idx;
            var ops = new int[sig.Operands.Count];
            for (int i = 0; i < ops.Length; i++) ops[i] = Resolve(s, sig.Operands[i]);
            n.Operands = ops;
            return idx;
        }

        private void FillState(Scope s, Signal sig, int idx)
        {
            var n = _raw[idx];
            n.Operands = sig.Operands.Select(o => Resolve(s, o)).ToArray();
            if (sig.Op == Op.MemRead)
            {
                var mem = sig.Memory!;
                if (!_mems.TryGetValue((s, mem), out int mi))
                {
                    string name = s.Circuit.NameOf(mem);
                    var fm = new FlatMemory { Name = s.Path.Length == 0 ? name : s.Path + "." + name, Depth = mem.Depth, Width = mem.Width, Contents = mem.Contents };
                    _f.Memories.Add(fm);
                    mi = _f.Memories.Count - 1;
                    _mems[(s, mem)] = mi;
                    foreach (var w in mem.WritePorts)
                        fm.Writes.Add((Resolve(s, w.Enable), Resolve(s, w.Address), Resolve(s, w.Data)));
                }
                n.Memory = mi;
            }
        }

        /// <summary>Renumbers raw nodes in a depth-first topological order of combinational edges, from the outputs and then the state inputs.</summary>
        private FlatNetlist Order(int resetRaw, Scope top, List<(string Name, int Raw)> outs)
        {
            var newIndex = new int[_raw.Count];
            Array.Fill(newIndex, -1);
            var roots = new List<int>();
            if (resetRaw >= 0) roots.Add(resetRaw);
            foreach (var p in design.Top.Inputs) roots.Add(_map[(top, p.Signal)]);
            roots.AddRange(outs.Select(o => o.Raw));
            for (int i = 0; i < _raw.Count; i++)
                if (_raw[i].IsState) roots.Add(i);
            foreach (var m in _f.Memories)
                foreach (var w in m.Writes) roots.AddRange([w.Enable, w.Address, w.Data]);
            foreach (var i in _raw.Select((n, i) => (n, i)).Where(t => t.n.IsState).SelectMany(t => t.n.Operands)) roots.Add(i);

            var order = new List<int>();
            var stack = new Stack<(int Node, int Next)>();
            foreach (var r in roots)
            {
                if (newIndex[r] != -1) continue;
                stack.Push((r, 0));
                newIndex[r] = -2;
                while (stack.Count > 0)
                {
                    var (n, k) = stack.Pop();
                    var node = _raw[n];
                    var ops = node.IsState ? [] : node.Operands;
                    if (k < ops.Length)
                    {
                        stack.Push((n, k + 1));
                        int d = ops[k];
                        if (newIndex[d] == -1)
                        {
                            newIndex[d] = -2;
                            stack.Push((d, 0));
                        }
                        else if (newIndex[d] == -2)
                            throw new HdlException(DesignRule.CombinationalLoop, SourceLocation.Unknown, $"combinational loop through '{_raw[d].Name}' across module boundaries");
                        continue;
                    }
                    newIndex[n] = order.Count;
                    order.Add(n);
                }
            }
            foreach (int raw in order)
            {
                var node = _raw[raw];
                node.Operands = node.Operands.Select(o => newIndex[o]).ToArray();
                _f.Nodes.Add(node);
            }
            foreach (var m in _f.Memories)
                m.Writes = m.Writes.Select(w => (newIndex[w.Enable], newIndex[w.Address], newIndex[w.Data])).ToList();
            if (resetRaw >= 0)
            {
                _f.Reset = newIndex[resetRaw];
                _f.HasReset = true;
            }
            foreach (var p in design.Top.Inputs) _f.Inputs.Add((p.Name, newIndex[_map[(top, p.Signal)]]));
            foreach (var (name, raw) in outs) _f.Outputs.Add((name, newIndex[raw]));
            return _f;
        }
    }
}
