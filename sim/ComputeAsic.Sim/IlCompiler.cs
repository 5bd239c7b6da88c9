using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Reflection;
using System.Reflection.Emit;
using ComputeAsic.Hdl;

namespace ComputeAsic.Sim;

/// <summary>A compiled simulation model: straight-line kernels over one block of 64-bit words.</summary>
internal sealed unsafe class CompiledModel
{
    public delegate void Kernel(ulong* state);

    /// <summary>One clock cycle: settles the logic the next state needs and updates registers and memories in place.</summary>
    public required Kernel[] Cycle { get; init; }
    /// <summary>Settles the logic outputs and stored signals need, without touching state.</summary>
    public required Kernel[] Eval { get; init; }
    /// <summary>Word offset of each node's value, or -1 when it only lives in IL locals (or is a constant or alias).</summary>
    public required int[] Offset { get; init; }
    public required int Words { get; init; }
    public required List<(int Offset, ulong[] Limbs)> Constants { get; init; }
    public required int CycleInstructions { get; init; }
}

/// <summary>Helpers the generated code calls for operations too large to inline.</summary>
internal static unsafe class SimOps
{
    public static void Mul(ulong* s, int a, int aLimbs, int b, int bLimbs, int dst, int width) =>
        Limbs.Mul(new ReadOnlySpan<ulong>(s + a, aLimbs), new ReadOnlySpan<ulong>(s + b, bLimbs), new Span<ulong>(s + dst, Limbs.Count(width)), width);
}

/// <summary>
/// Compiles a flat netlist to IL with <see cref="DynamicMethod"/>. The cycle kernel is straight-line code in which
/// each register is overwritten right after its next value is computed: logic is scheduled output-stage first, so a
/// register's readers have already run and no copy of the state is needed. Values live in IL locals (registers after
/// the JIT) and are stored to the state block only when another kernel or the host reads them. Values up to 64 bits
/// are one word; wider values are fixed runs of words with inlined carry chains. A known-zero-bits analysis drops
/// masks that cannot change anything, and zero-extensions cost nothing.
/// </summary>
[RequiresDynamicCode("Compiles the netlist with DynamicMethod; a Native AOT process simulates with the interpreter instead.")]
internal sealed unsafe class IlCompiler
{
    private const int ChunkBudget = 4000;   // estimated IL instructions per kernel, well under the JIT's optimisation limits

    private static readonly MethodInfo BigMul = typeof(System.Math).GetMethod(nameof(System.Math.BigMul), [typeof(ulong), typeof(ulong), typeof(ulong).MakeByRefType()])!;
    private static readonly MethodInfo MulHelper = typeof(SimOps).GetMethod(nameof(SimOps.Mul))!;

    private readonly FlatNetlist _f;
    private readonly List<FlatNode> _n;
    private readonly int[] _alias;        // node -> the node whose words it reads (itself unless a zero-extension)
    private readonly int[] _bound;        // node -> bits that may be nonzero
    private readonly bool[] _slot;
    private readonly int[] _offset;
    private readonly int[] _snapshot;     // state node -> word offset of its start-of-cycle copy, -2 while unplaced, -1 none
    private readonly bool[] _traced;
    private int _words;

    private IlCompiler(FlatNetlist f, ISet<int> traced)
    {
        _f = f;
        _n = f.Nodes;
        int n = _n.Count;
        _alias = new int[n];
        _bound = new int[n];
        _slot = new bool[n];
        _offset = new int[n];
        _snapshot = new int[n];
        _traced = new bool[n];
        Array.Fill(_offset, -1);
        Array.Fill(_snapshot, -1);
        foreach (var t in traced) _traced[t] = true;
    }

    public static CompiledModel Compile(FlatNetlist f, ISet<int> traced) => new IlCompiler(f, traced).Run();

    private static bool IsComb(FlatNode n) => n.Op is not (Op.Input or Op.Const or Op.Reg or Op.MemRead);

    private bool IsAlias(int i) => _alias[i] != i;

    /// <summary>Multiplications whose operands or result span several words go through <see cref="SimOps.Mul"/>.</summary>
    private bool IsHelper(int i)
    {
        var n = _n[i];
        return n.Op == Op.Mul && n.Limbs > 1 && (_n[n.Operands[0]].Limbs > 1 || _n[n.Operands[1]].Limbs > 1 || n.Limbs > 2);
    }

    private static int Cost(FlatNode n) => n.Op switch
    {
        Op.Add or Op.Sub => n.Limbs == 1 ? 6 : 16 * n.Limbs,
        Op.Mux => 6 + 8 * n.Limbs * (n.Operands.Length - 1),
        Op.Concat => 4 + 6 * n.Limbs * n.Operands.Length,
        Op.Lt or Op.Eq => 8 * n.Limbs,
        Op.Reg or Op.MemRead => 10 + 6 * n.Limbs,
        _ => 8 * n.Limbs,
    };

    // ---------------------------------------------------------------- analysis

    private static int BitLength(BigInteger v) => v.IsZero ? 0 : (int)v.GetBitLength();

    private void Analyse()
    {
        for (int i = 0; i < _n.Count; i++)
        {
            var n = _n[i];
            var o = n.Operands;
            _alias[i] = i;
            int b = n.Op switch
            {
                Op.Const => BitLength(n.ConstValue),
                Op.Add => _bound[o[0]] == 0 ? _bound[o[1]] : _bound[o[1]] == 0 ? _bound[o[0]] : System.Math.Max(_bound[o[0]], _bound[o[1]]) + 1,
                Op.Mul => _bound[o[0]] == 0 || _bound[o[1]] == 0 ? 0 : _bound[o[0]] + _bound[o[1]],
                Op.And => System.Math.Min(_bound[o[0]], _bound[o[1]]),
                Op.Or or Op.Xor => System.Math.Max(_bound[o[0]], _bound[o[1]]),
                Op.Eq or Op.Lt => 1,
                Op.Mux => o.Skip(1).Max(k => _bound[k]),
                Op.Slice => System.Math.Max(0, _bound[o[0]] - n.SliceLow),
                Op.Concat => ConcatBound(n),
                _ => n.Width,
            };
            _bound[i] = System.Math.Min(b, n.Width);
            // A zero-extension reads the words of its low part; words past them read as zero.
            if (n.Op == Op.Concat && o.Length == 2 && _n[o[0]].Op == Op.Const && _n[o[0]].ConstValue.IsZero)
                _alias[i] = _alias[o[1]];
        }
    }

    private int ConcatBound(FlatNode n)
    {
        int at = n.Width;
        foreach (var p in n.Operands)
        {
            at -= _n[p].Width;
            if (_bound[p] > 0) return at + _bound[p];
        }
        return 0;
    }

    /// <summary>Bits the raw computation of node i may set above its width (so the top word needs a mask).</summary>
    private bool NeedsMask(int i)
    {
        var n = _n[i];
        var o = n.Operands;
        return n.Op switch
        {
            Op.Add => System.Math.Max(_bound[o[0]], _bound[o[1]]) + 1 > n.Width,
            Op.Sub or Op.Not => true,
            Op.Slice => _bound[o[0]] - n.SliceLow > n.Width,
            _ => false,
        };
    }

    /// <summary>Pipeline level of every node: how many registers lie between it and the inputs (feedback cut), used to schedule output stages first.</summary>
    private int[] Levels()
    {
        var lvl = new int[_n.Count];
        var state = new byte[_n.Count];   // 0 new, 1 in progress, 2 done
        var stack = new Stack<(int Node, int Next)>();
        for (int root = 0; root < _n.Count; root++)
        {
            if (state[root] != 0) continue;
            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (i, k) = stack.Pop();
                var ops = _n[i].Operands;
                if (k < ops.Length)
                {
                    stack.Push((i, k + 1));
                    if (state[ops[k]] == 0) { state[ops[k]] = 1; stack.Push((ops[k], 0)); }
                    continue;
                }
                int m = 0;
                foreach (var o in ops) if (state[o] == 2) m = System.Math.Max(m, lvl[o]);
                lvl[i] = _n[i].IsState ? m + 1 : m;
                state[i] = 2;
            }
        }
        return lvl;
    }

    // ---------------------------------------------------------------- schedules

    /// <summary>An item of a schedule: a combinational node, or the update of a register, memory read port or memory write port.</summary>
    private readonly record struct Item(int Kind, int Node, int Memory, int Port)
    {
        public const int Comb = 0, Reg = 1, Read = 2, Write = 3;
        public bool IsUpdate => Kind != Comb;
    }

    private IEnumerable<int> UpdateReads(Item u) => u.Kind == Item.Write
        ? [_f.Memories[u.Memory].Writes[u.Port].Enable, _f.Memories[u.Memory].Writes[u.Port].Address, _f.Memories[u.Memory].Writes[u.Port].Data]
        : _n[u.Node].Operands;

    /// <summary>The cycle schedule: next-state logic and updates, ordered so each state element is read before it is overwritten.</summary>
    private List<Item> CycleSchedule()
    {
        var items = new List<Item>();
        var combItem = new Dictionary<int, int>();
        var updateOf = new Dictionary<int, int>();
        // Logic the updates need (outputs are left to the evaluation kernel).
        var need = new bool[_n.Count];
        var work = new Stack<int>();
        void Want(int x)
        {
            x = _alias[x];
            if (!need[x] && IsComb(_n[x])) { need[x] = true; work.Push(x); }
        }
        for (int i = 0; i < _n.Count; i++)
            if (_n[i].IsState) foreach (var o in _n[i].Operands) Want(o);
        foreach (var m in _f.Memories) foreach (var (e, a, d) in m.Writes) { Want(e); Want(a); Want(d); }
        while (work.Count > 0) foreach (var o in _n[work.Pop()].Operands) Want(o);
        for (int i = 0; i < _n.Count; i++)
            if (need[i]) { combItem[i] = items.Count; items.Add(new Item(Item.Comb, i, -1, -1)); }
        for (int i = 0; i < _n.Count; i++)
        {
            if (_n[i].Op == Op.Reg) { updateOf[i] = items.Count; items.Add(new Item(Item.Reg, i, -1, -1)); }
            else if (_n[i].Op == Op.MemRead) { updateOf[i] = items.Count; items.Add(new Item(Item.Read, i, _n[i].Memory, -1)); }
        }
        for (int m = 0; m < _f.Memories.Count; m++)
            for (int p = 0; p < _f.Memories[m].Writes.Count; p++) items.Add(new Item(Item.Write, -1, m, p));

        var succ = items.Select(_ => new List<int>()).ToArray();
        var indeg = new int[items.Count];
        void Edge(int a, int b)
        {
            if (a == b) return;
            succ[a].Add(b);
            indeg[b]++;
        }
        // Reads of a state element's current value come before its update; values come before their users.
        void Reads(int item, int operand)
        {
            int o = _alias[operand];
            if (combItem.TryGetValue(o, out int c)) Edge(c, item);
            else if (updateOf.TryGetValue(o, out int u)) Edge(item, u);
        }
        for (int k = 0; k < items.Count; k++)
        {
            var it = items[k];
            if (it.Kind == Item.Comb) foreach (var o in _n[it.Node].Operands) Reads(k, o);
            else foreach (var o in UpdateReads(it)) Reads(k, o);
            if (it.Kind == Item.Read)
                for (int j = 0; j < items.Count; j++)
                    if (items[j].Kind == Item.Write && items[j].Memory == it.Memory) Edge(k, j);
            if (it.Kind == Item.Write)
                for (int j = k + 1; j < items.Count; j++)
                    if (items[j].Kind == Item.Write && items[j].Memory == it.Memory) { Edge(k, j); break; }
        }

        // Output stages first; an update runs as soon as it may, while its next value is still in registers.
        var lvl = Levels();
        var ready = new PriorityQueue<int, (int, int, int)>();
        (int, int, int) Key(int k) => items[k].IsUpdate ? (0, 0, k) : (1, -lvl[items[k].Node], k);
        for (int k = 0; k < items.Count; k++) if (indeg[k] == 0) ready.Enqueue(k, Key(k));
        var done = new bool[items.Count];
        var order = new List<Item>();
        while (order.Count < items.Count)
        {
            if (ready.Count == 0)
            {
                // Updates reading each other's state in a ring: snapshot one at the start of the cycle.
                int k = Enumerable.Range(0, items.Count).Where(x => !done[x] && items[x].IsUpdate)
                    .OrderBy(x => items[x].Kind == Item.Write ? 1 : 0).ThenBy(x => x).First();
                if (items[k].Kind != Item.Write) _snapshot[items[k].Node] = -2;
                indeg[k] = 0;
                ready.Enqueue(k, Key(k));
                continue;
            }
            int next = ready.Dequeue();
            if (done[next]) continue;
            done[next] = true;
            order.Add(items[next]);
            foreach (var s in succ[next])
                if (!done[s] && --indeg[s] == 0) ready.Enqueue(s, Key(s));
        }
        return order;
    }

    /// <summary>The evaluation schedule: the logic of outputs and stored signals, in topological order.</summary>
    private List<Item> EvalSchedule()
    {
        var need = new bool[_n.Count];
        var work = new Stack<int>();
        void Want(int x)
        {
            if (!need[x] && IsComb(_n[x])) { need[x] = true; work.Push(x); }
            if (IsAlias(x)) Want(_alias[x]);
        }
        foreach (var (_, o) in _f.Outputs) Want(o);
        for (int i = 0; i < _n.Count; i++) if (_traced[i]) Want(i);
        while (work.Count > 0) foreach (var o in _n[work.Pop()].Operands) Want(o);
        return Enumerable.Range(0, _n.Count).Where(i => need[i] && !IsAlias(i)).Select(i => new Item(Item.Comb, i, -1, -1)).ToList();
    }

    /// <summary>Cuts a schedule into kernels and marks values crossing kernels (or read by the host) as stored.</summary>
    private List<List<Item>> Chunk(List<Item> schedule, Dictionary<int, int> chunkOf)
    {
        var chunks = new List<List<Item>> { new() };
        int budget = 0;
        foreach (var it in schedule)
        {
            int c = it.Kind == Item.Write ? 20 : Cost(_n[it.Node]);
            if (budget > 0 && budget + c > ChunkBudget) { chunks.Add([]); budget = 0; }
            chunks[^1].Add(it);
            budget += c;
            if (it.Kind == Item.Comb) chunkOf[it.Node] = chunks.Count - 1;
        }
        for (int c = 0; c < chunks.Count; c++)
            foreach (var it in chunks[c])
                foreach (var o in it.Kind == Item.Comb ? _n[it.Node].Operands : UpdateReads(it))
                {
                    int x = _alias[o];
                    if (IsComb(_n[x]) && chunkOf[x] != c) _slot[x] = true;
                }
        return chunks;
    }

    private CompiledModel Run()
    {
        Analyse();
        // Values the host reads, and operands of helper calls, need words of their own: no aliasing for them.
        foreach (var (_, o) in _f.Outputs) _alias[o] = o;
        for (int i = 0; i < _n.Count; i++)
        {
            if (_traced[i]) _alias[i] = i;
            if (IsHelper(i)) foreach (var o in _n[i].Operands) _alias[o] = o;
        }
        for (int i = 0; i < _n.Count; i++)
        {
            var n = _n[i];
            if (n.Op is Op.Input or Op.Reg or Op.MemRead) _slot[i] = true;
            if (_traced[i] && n.Op != Op.Const) _slot[i] = true;
            if (IsHelper(i))
            {
                _slot[i] = true;
                foreach (var o in n.Operands) _slot[o] = true;
            }
        }
        foreach (var (_, o) in _f.Outputs) _slot[o] = true;

        var cycleSchedule = CycleSchedule();
        var evalSchedule = EvalSchedule();
        var cycleChunks = Chunk(cycleSchedule, new Dictionary<int, int>());
        var evalChunks = Chunk(evalSchedule, new Dictionary<int, int>());

        var constants = new List<(int, ulong[])>();
        for (int i = 0; i < _n.Count; i++)
        {
            if (!_slot[i]) continue;
            _offset[i] = _words;
            _words += _n[i].Limbs;
            if (_n[i].Op == Op.Const) constants.Add((_offset[i], LimbsOf(_n[i])));
        }
        for (int i = 0; i < _n.Count; i++)
            if (_snapshot[i] == -2) { _snapshot[i] = _words; _words += _n[i].Limbs; }
        var memBase = new int[_f.Memories.Count];
        for (int m = 0; m < memBase.Length; m++)
        {
            memBase[m] = _words;
            int ml = Limbs.Count(_f.Memories[m].Width);
            if (_f.Memories[m].Contents is { } init)
                for (int a = 0; a < init.Count; a++)
                    if (!init[a].IsZero)
                    {
                        var l = new ulong[ml];
                        Limbs.FromBigInteger(init[a], l);
                        constants.Add((_words + a * ml, l));
                    }
            _words += _f.Memories[m].Depth * Limbs.Count(_f.Memories[m].Width);
        }

        int instructions = 0;
        var cycle = cycleChunks.Select((c, k) => Emit($"cycle_{k}", c, memBase, k == 0, ref instructions)).ToArray();
        int ignored = 0;
        var eval = evalChunks.Select((c, k) => Emit($"eval_{k}", c, memBase, false, ref ignored)).ToArray();
        return new CompiledModel
        {
            Cycle = cycle,
            Eval = eval,
            Offset = _offset,
            Words = System.Math.Max(1, _words),
            Constants = constants,
            CycleInstructions = instructions,
        };
    }

    private static ulong[] LimbsOf(FlatNode n)
    {
        var l = new ulong[n.Limbs];
        Limbs.FromBigInteger(n.ConstValue, l);
        return l;
    }

    // ---------------------------------------------------------------- code generation

    private sealed class Gen(ILGenerator il, IlCompiler c, int nodes, bool cycle)
    {
        public readonly ILGenerator Il = il;
        /// <summary>In the cycle kernel, state that is snapshotted is read from its start-of-cycle copy.</summary>
        public readonly bool UseSnapshots = cycle;
        public readonly LocalBuilder?[]?[] Locals = new LocalBuilder?[]?[nodes];
        public readonly LocalBuilder T0 = il.DeclareLocal(typeof(ulong));
        public readonly LocalBuilder T1 = il.DeclareLocal(typeof(ulong));
        public readonly LocalBuilder T2 = il.DeclareLocal(typeof(ulong));
        public readonly LocalBuilder T3 = il.DeclareLocal(typeof(ulong));
        public readonly LocalBuilder I0 = il.DeclareLocal(typeof(int));
        public readonly Stack<LocalBuilder> Free = new();
        public int Count;

        public void Op(OpCode op) { Il.Emit(op); Count++; }
        public void Op(OpCode op, int v) { Il.Emit(op, v); Count++; }
        public void Op(OpCode op, LocalBuilder l) { Il.Emit(op, l); Count++; }
        public void Op(OpCode op, Label l) { Il.Emit(op, l); Count++; }

        public void Const(ulong v)
        {
            if (v <= int.MaxValue) { Il.Emit(OpCodes.Ldc_I4, (int)v); Il.Emit(OpCodes.Conv_U8); Count += 2; }
            else { Il.Emit(OpCodes.Ldc_I8, unchecked((long)v)); Count++; }
        }

        public void Address(int word)
        {
            Op(OpCodes.Ldarg_0);
            if (word != 0) { Op(OpCodes.Ldc_I4, word * 8); Op(OpCodes.Add); }
        }

        public void LoadWord(int word) { Address(word); Op(OpCodes.Ldind_I8); }

        /// <summary>Pops a word into the state block.</summary>
        public void StoreWord(int word)
        {
            Op(OpCodes.Stloc, T3);
            Address(word);
            Op(OpCodes.Ldloc, T3);
            Op(OpCodes.Stind_I8);
        }

        /// <summary>Pushes word <paramref name="j"/> of node <paramref name="node"/> (zero past its end or its known-zero bits).</summary>
        public void Load(int node, int j)
        {
            int src = c._alias[node];
            var n = c._n[src];
            if (j >= n.Limbs || 64 * j >= c._bound[src] && n.Op != Hdl.Op.Reg && n.Op != Hdl.Op.MemRead && n.Op != Hdl.Op.Input) { Const(0); return; }
            if (n.Op == Hdl.Op.Const) { Const(c.ConstWord(src, j)); return; }
            if (UseSnapshots && c._snapshot[src] >= 0) { LoadWord(c._snapshot[src] + j); return; }
            var loc = Locals[src];
            if (loc != null && loc[j] != null) { Op(OpCodes.Ldloc, loc[j]!); return; }
            if (c._offset[src] < 0) throw new InvalidOperationException($"simulator compiler: node {src} ({n.Op}) has no storage");
            LoadWord(c._offset[src] + j);
        }

        /// <summary>Pushes the 64 bits of node starting at bit k (k may be negative: the low bits are then zero).</summary>
        public void Window(int node, int k)
        {
            int limbs = c._n[c._alias[node]].Limbs;
            if (k < 0) { Load(node, 0); Op(OpCodes.Ldc_I4, -k); Op(OpCodes.Shl); return; }
            int w = k >> 6, s = k & 63;
            Load(node, w);
            if (s == 0) return;
            Op(OpCodes.Ldc_I4, s);
            Op(OpCodes.Shr_Un);
            if (w + 1 < limbs && 64 * (w + 1) < c._bound[c._alias[node]])
            {
                Load(node, w + 1);
                Op(OpCodes.Ldc_I4, 64 - s);
                Op(OpCodes.Shl);
                Op(OpCodes.Or);
            }
        }

        public LocalBuilder Take() => Free.Count > 0 ? Free.Pop() : Il.DeclareLocal(typeof(ulong));
    }

    private readonly Dictionary<(int, int), ulong> _constWords = new();

    private ulong ConstWord(int node, int j)
    {
        if (!_constWords.TryGetValue((node, j), out ulong w))
        {
            var l = LimbsOf(_n[node]);
            for (int k = 0; k < l.Length; k++) _constWords[(node, k)] = l[k];
            w = l[j];
        }
        return w;
    }

    private CompiledModel.Kernel Emit(string name, List<Item> items, int[] memBase, bool first, ref int instructions)
    {
        var dm = new DynamicMethod(name, typeof(void), [typeof(ulong*)], typeof(IlCompiler).Module, skipVisibility: true);
        var g = new Gen(dm.GetILGenerator(), this, _n.Count, name.StartsWith("cycle", StringComparison.Ordinal));
        if (first) EmitStartOfCycle(g);
        else if (name == "eval_0") EmitAsyncReset(g);

        // Last use of each value inside this kernel, so locals are recycled.
        var lastUse = new Dictionary<int, int>();
        var inKernel = new HashSet<int>(items.Where(it => it.Kind == Item.Comb).Select(it => it.Node));
        for (int k = 0; k < items.Count; k++)
            foreach (var o in items[k].Kind == Item.Comb ? _n[items[k].Node].Operands : UpdateReads(items[k]))
                if (inKernel.Contains(_alias[o])) lastUse[_alias[o]] = k;

        for (int k = 0; k < items.Count; k++)
        {
            var it = items[k];
            if (it.Kind == Item.Comb)
            {
                int i = it.Node;
                if (IsHelper(i)) EmitHelper(g, i);
                else
                {
                    bool keep = lastUse.ContainsKey(i);
                    if (!keep && !_slot[i]) throw new InvalidOperationException($"simulator compiler: node {i} ({_n[i].Op}) is never read");
                    if (keep) g.Locals[i] = Enumerable.Range(0, _n[i].Limbs).Select(_ => (LocalBuilder?)g.Take()).ToArray();
                    EmitNode(g, i, j => Store(g, i, j, keep));
                }
            }
            else EmitUpdate(g, it, memBase);
            foreach (var (node, at) in lastUse)
            {
                if (at != k || g.Locals[node] is not { } ls) continue;
                foreach (var l in ls) g.Free.Push(l!);
                g.Locals[node] = null;
            }
            if (it.Kind == Item.Comb && !lastUse.ContainsKey(it.Node) && g.Locals[it.Node] is { } own)
            {
                foreach (var l in own) g.Free.Push(l!);
                g.Locals[it.Node] = null;
            }
        }
        g.Op(OpCodes.Ret);
        instructions += g.Count;
        return (CompiledModel.Kernel)dm.CreateDelegate(typeof(CompiledModel.Kernel));
    }

    /// <summary>Start of a cycle: registers with an asynchronous reset take their reset value, and ring snapshots are taken.</summary>
    private void EmitStartOfCycle(Gen g)
    {
        EmitAsyncReset(g);
        for (int i = 0; i < _n.Count; i++)
            if (_snapshot[i] >= 0)
                for (int j = 0; j < _n[i].Limbs; j++) { g.LoadWord(_offset[i] + j); g.StoreWord(_snapshot[i] + j); }
    }

    /// <summary>An asserted asynchronous reset acts at once, before any logic is evaluated.</summary>
    private void EmitAsyncReset(Gen g)
    {
        if (!_f.Clock.AsyncReset || !_f.HasReset) return;
        var end = g.Il.DefineLabel();
        g.LoadWord(_offset[_f.Reset]);
        g.Op(_f.Clock.ResetActiveLow ? OpCodes.Brtrue : OpCodes.Brfalse, end);
        for (int i = 0; i < _n.Count; i++)
        {
            if (_n[i] is not { Op: Op.Reg, ResetValue: { } rv } n) continue;
            var words = new ulong[n.Limbs];
            Limbs.FromBigInteger(rv, words);
            for (int j = 0; j < n.Limbs; j++) { g.Const(words[j]); g.StoreWord(_offset[i] + j); }
        }
        g.Il.MarkLabel(end);
    }

    /// <summary>Pops the value of word j of node i into its local and/or its state words.</summary>
    private void Store(Gen g, int i, int j, bool keep)
    {
        if (!keep) { g.StoreWord(_offset[i] + j); return; }
        var l = g.Locals[i]![j]!;
        g.Op(OpCodes.Stloc, l);
        if (_slot[i])
        {
            g.Address(_offset[i] + j);
            g.Op(OpCodes.Ldloc, l);
            g.Op(OpCodes.Stind_I8);
        }
    }

    private void EmitHelper(Gen g, int i)
    {
        var n = _n[i];
        int a = n.Operands[0], b = n.Operands[1];
        g.Op(OpCodes.Ldarg_0);
        foreach (var v in new[] { _offset[a], _n[a].Limbs, _offset[b], _n[b].Limbs, _offset[i], n.Width }) g.Op(OpCodes.Ldc_I4, v);
        g.Il.Emit(OpCodes.Call, MulHelper);
        g.Count++;
    }

    private void Mask(Gen g, int i, int j)
    {
        var n = _n[i];
        if (j != n.Limbs - 1 || !NeedsMask(i)) return;
        ulong m = Limbs.TopMask(n.Width);
        if (m == ulong.MaxValue) return;
        g.Const(m);
        g.Op(OpCodes.And);
    }

    /// <summary>Emits node i, calling <paramref name="store"/> once per result word, lowest first, with the word on the stack.</summary>
    private void EmitNode(Gen g, int i, Action<int> store)
    {
        var n = _n[i];
        var o = n.Operands;
        int L = n.Limbs;
        switch (n.Op)
        {
            case Op.And or Op.Or or Op.Xor:
                var bop = n.Op == Op.And ? OpCodes.And : n.Op == Op.Or ? OpCodes.Or : OpCodes.Xor;
                for (int j = 0; j < L; j++) { g.Load(o[0], j); g.Load(o[1], j); g.Op(bop); store(j); }
                break;
            case Op.Not:
                for (int j = 0; j < L; j++) { g.Load(o[0], j); g.Op(OpCodes.Not); Mask(g, i, j); store(j); }
                break;
            case Op.Add when L == 1:
                g.Load(o[0], 0); g.Load(o[1], 0); g.Op(OpCodes.Add); Mask(g, i, 0); store(0);
                break;
            case Op.Add:
                EmitWideAdd(g, i, store);
                break;
            case Op.Sub when L == 1:
                g.Load(o[0], 0); g.Load(o[1], 0); g.Op(OpCodes.Sub); Mask(g, i, 0); store(0);
                break;
            case Op.Sub:
                EmitWideSub(g, i, store);
                break;
            case Op.Mul when L == 1:
                g.Load(o[0], 0); g.Load(o[1], 0); g.Op(OpCodes.Mul); store(0);
                break;
            case Op.Mul:
                // both operands one word, product two words
                g.Load(o[0], 0); g.Load(o[1], 0); g.Op(OpCodes.Ldloca, g.T1); g.Il.Emit(OpCodes.Call, BigMul); g.Count++;
                g.Op(OpCodes.Stloc, g.T2);
                g.Op(OpCodes.Ldloc, g.T1); store(0);
                g.Op(OpCodes.Ldloc, g.T2); store(1);
                break;
            case Op.Eq:
                for (int j = 0; j < _n[o[0]].Limbs; j++)
                {
                    g.Load(o[0], j); g.Load(o[1], j); g.Op(OpCodes.Xor);
                    if (j > 0) g.Op(OpCodes.Or);
                }
                g.Const(0); g.Op(OpCodes.Ceq); g.Op(OpCodes.Conv_U8); store(0);
                break;
            case Op.Lt:
                g.Load(o[0], 0); g.Load(o[1], 0); g.Op(OpCodes.Clt_Un);
                for (int j = 1; j < _n[o[0]].Limbs; j++)
                {
                    g.Op(OpCodes.Stloc, g.I0);
                    g.Load(o[0], j); g.Load(o[1], j); g.Op(OpCodes.Clt_Un);
                    g.Load(o[0], j); g.Load(o[1], j); g.Op(OpCodes.Ceq); g.Op(OpCodes.Ldloc, g.I0); g.Op(OpCodes.And);
                    g.Op(OpCodes.Or);
                }
                g.Op(OpCodes.Conv_U8); store(0);
                break;
            case Op.Mux when o.Length == 3 && _n[o[0]].Width == 1:
                // T0 = all ones when the select is 1; result c0 ^ ((c0 ^ c1) & T0)
                g.Const(0); g.Load(o[0], 0); g.Op(OpCodes.Sub); g.Op(OpCodes.Stloc, g.T0);
                for (int j = 0; j < L; j++)
                {
                    g.Load(o[1], j); g.Load(o[1], j); g.Load(o[2], j); g.Op(OpCodes.Xor); g.Op(OpCodes.Ldloc, g.T0); g.Op(OpCodes.And); g.Op(OpCodes.Xor);
                    store(j);
                }
                break;
            case Op.Mux:
                EmitSelect(g, i, store);
                break;
            case Op.Slice:
                for (int j = 0; j < L; j++) { g.Window(o[0], n.SliceLow + 64 * j); Mask(g, i, j); store(j); }
                break;
            case Op.Concat:
                var offs = new int[o.Length];
                for (int k = o.Length - 1, at = 0; k >= 0; k--) { offs[k] = at; at += _n[o[k]].Width; }
                for (int j = 0; j < L; j++)
                {
                    bool any = false;
                    for (int k = 0; k < o.Length; k++)
                    {
                        int rel = 64 * j - offs[k];
                        if (rel >= _bound[_alias[o[k]]] || rel <= -64) continue;
                        g.Window(o[k], rel);
                        if (any) g.Op(OpCodes.Or);
                        any = true;
                    }
                    if (!any) g.Const(0);
                    store(j);
                }
                break;
            default:
                throw new InvalidOperationException($"simulator compiler: unexpected {n.Op}");
        }
    }

    private void EmitWideAdd(Gen g, int i, Action<int> store)
    {
        var o = _n[i].Operands;
        int L = _n[i].Limbs;
        // T0 = carry; T1 = a + carry; T2 = result word
        for (int j = 0; j < L; j++)
        {
            g.Load(o[0], j);
            if (j > 0) { g.Op(OpCodes.Ldloc, g.T0); g.Op(OpCodes.Add); }
            g.Op(OpCodes.Stloc, g.T1);
            if (j > 0 && j < L - 1)
            {
                // carry out of a + c happens only when the sum wrapped below c
                g.Op(OpCodes.Ldloc, g.T1); g.Op(OpCodes.Ldloc, g.T0); g.Op(OpCodes.Clt_Un); g.Op(OpCodes.Conv_U8); g.Op(OpCodes.Stloc, g.T0);
            }
            g.Op(OpCodes.Ldloc, g.T1); g.Load(o[1], j); g.Op(OpCodes.Add); g.Op(OpCodes.Stloc, g.T2);
            if (j < L - 1)
            {
                g.Op(OpCodes.Ldloc, g.T2); g.Load(o[1], j); g.Op(OpCodes.Clt_Un); g.Op(OpCodes.Conv_U8);
                if (j > 0) { g.Op(OpCodes.Ldloc, g.T0); g.Op(OpCodes.Or); }
                g.Op(OpCodes.Stloc, g.T0);
            }
            g.Op(OpCodes.Ldloc, g.T2); Mask(g, i, j); store(j);
        }
    }

    private void EmitWideSub(Gen g, int i, Action<int> store)
    {
        var o = _n[i].Operands;
        int L = _n[i].Limbs;
        // T0 = borrow; T1 = a - b; T2 = result word
        for (int j = 0; j < L; j++)
        {
            g.Load(o[0], j); g.Load(o[1], j); g.Op(OpCodes.Sub); g.Op(OpCodes.Stloc, g.T1);
            g.Op(OpCodes.Ldloc, g.T1);
            if (j > 0) { g.Op(OpCodes.Ldloc, g.T0); g.Op(OpCodes.Sub); }
            g.Op(OpCodes.Stloc, g.T2);
            if (j < L - 1)
            {
                g.Load(o[0], j); g.Load(o[1], j); g.Op(OpCodes.Clt_Un); g.Op(OpCodes.Conv_U8);
                if (j > 0) { g.Op(OpCodes.Ldloc, g.T1); g.Op(OpCodes.Ldloc, g.T0); g.Op(OpCodes.Clt_Un); g.Op(OpCodes.Conv_U8); g.Op(OpCodes.Or); }
                g.Op(OpCodes.Stloc, g.T0);
            }
            g.Op(OpCodes.Ldloc, g.T2); Mask(g, i, j); store(j);
        }
    }

    private void EmitSelect(Gen g, int i, Action<int> store)
    {
        var o = _n[i].Operands;
        int sel = o[0], cases = o.Length - 1, sl = _n[sel].Limbs;
        // I0 = 1 when the select's high words are zero (so it can equal a small case index)
        if (sl > 1)
        {
            g.Load(sel, 1);
            for (int j = 2; j < sl; j++) { g.Load(sel, j); g.Op(OpCodes.Or); }
            g.Const(0); g.Op(OpCodes.Ceq); g.Op(OpCodes.Stloc, g.I0);
        }
        for (int j = 0; j < _n[i].Limbs; j++)
        {
            g.Load(o[cases], j);
            for (int k = cases - 2; k >= 0; k--)
            {
                // acc = acc ^ ((acc ^ case_k) & -(sel == k))
                g.Op(OpCodes.Stloc, g.T1);
                g.Const(0);
                g.Load(sel, 0); g.Const((ulong)k); g.Op(OpCodes.Ceq);
                if (sl > 1) { g.Op(OpCodes.Ldloc, g.I0); g.Op(OpCodes.And); }
                g.Op(OpCodes.Conv_U8); g.Op(OpCodes.Sub); g.Op(OpCodes.Stloc, g.T0);
                g.Op(OpCodes.Ldloc, g.T1); g.Op(OpCodes.Ldloc, g.T1); g.Load(o[k + 1], j); g.Op(OpCodes.Xor); g.Op(OpCodes.Ldloc, g.T0); g.Op(OpCodes.And); g.Op(OpCodes.Xor);
            }
            store(j);
        }
    }

    /// <summary>The clock edge for one state element, placed in the schedule after everything that reads its old value.</summary>
    private void EmitUpdate(Gen g, Item a, int[] memBase)
    {
        var end = g.Il.DefineLabel();
        switch (a.Kind)
        {
            case Item.Reg:
                {
                    var n = _n[a.Node];
                    if (n.ResetValue != null && _f.HasReset)
                    {
                        var notReset = g.Il.DefineLabel();
                        g.LoadWord(_offset[_f.Reset]);
                        g.Op(_f.Clock.ResetActiveLow ? OpCodes.Brtrue : OpCodes.Brfalse, notReset);
                        var rv = new ulong[n.Limbs];
                        Limbs.FromBigInteger(n.ResetValue.Value, rv);
                        for (int j = 0; j < n.Limbs; j++) { g.Const(rv[j]); g.StoreWord(_offset[a.Node] + j); }
                        g.Op(OpCodes.Br, end);
                        g.Il.MarkLabel(notReset);
                    }
                    if (n.Operands.Length > 1)
                    {
                        g.Load(n.Operands[1], 0);
                        g.Op(OpCodes.Brfalse, end);
                    }
                    if (_alias[n.Operands[0]] == a.Node) break;
                    for (int j = 0; j < n.Limbs; j++) { g.Load(n.Operands[0], j); g.StoreWord(_offset[a.Node] + j); }
                    break;
                }
            case Item.Read:
                {
                    var n = _n[a.Node];
                    if (n.Operands.Length > 1)
                    {
                        g.Load(n.Operands[1], 0);
                        g.Op(OpCodes.Brfalse, end);
                    }
                    for (int j = 0; j < n.Limbs; j++)
                    {
                        MemAddress(g, memBase[a.Memory], n.Limbs, n.Operands[0], j);
                        g.Op(OpCodes.Ldind_I8);
                        g.StoreWord(_offset[a.Node] + j);
                    }
                    break;
                }
            case Item.Write:
                {
                    var (e, addr, data) = _f.Memories[a.Memory].Writes[a.Port];
                    int limbs = Limbs.Count(_f.Memories[a.Memory].Width);
                    g.Load(e, 0);
                    g.Op(OpCodes.Brfalse, end);
                    for (int j = 0; j < limbs; j++)
                    {
                        MemAddress(g, memBase[a.Memory], limbs, addr, j);
                        g.Load(data, j);
                        g.Op(OpCodes.Stind_I8);
                    }
                    break;
                }
        }
        g.Il.MarkLabel(end);
    }

    private static void MemAddress(Gen g, int memBase, int limbs, int addr, int j)
    {
        g.Op(OpCodes.Ldarg_0);
        g.Load(addr, 0);
        g.Op(OpCodes.Conv_U);
        g.Op(OpCodes.Ldc_I4, limbs * 8);
        g.Op(OpCodes.Conv_U);
        g.Op(OpCodes.Mul);
        g.Op(OpCodes.Add);
        g.Op(OpCodes.Ldc_I4, (memBase + j) * 8);
        g.Op(OpCodes.Add);
    }
}
