using System.Reflection;
using System.Reflection.Emit;
using ComputeAsic.Hdl;

namespace ComputeAsic.Sim;

/// <summary>A compiled simulation model: straight-line kernels over one block of 64-bit words.</summary>
internal sealed unsafe class CompiledModel
{
    public delegate void Kernel(ulong* state);

    public required Kernel[] Eval { get; init; }
    public required Kernel Latch { get; init; }
    public required Kernel? AsyncReset { get; init; }
    /// <summary>Word offset of each node's value, or -1 when it only ever lives in IL locals (or is a constant).</summary>
    public required int[] Offset { get; init; }
    public required int[] MemoryBase { get; init; }
    public required int Words { get; init; }
    public required List<(int Offset, ulong[] Limbs)> Constants { get; init; }
    public required int EvalInstructions { get; init; }
    /// <summary>State copied at the end of evaluation because the clock edge reads it after overwriting it (register rings).</summary>
    public required (int From, int To, int Limbs)[] Snapshots { get; init; }
}

/// <summary>Helpers the generated code calls for operations too large to inline.</summary>
internal static unsafe class SimOps
{
    public static void Mul(ulong* s, int a, int aLimbs, int b, int bLimbs, int dst, int width) =>
        Limbs.Mul(new ReadOnlySpan<ulong>(s + a, aLimbs), new ReadOnlySpan<ulong>(s + b, bLimbs), new Span<ulong>(s + dst, Limbs.Count(width)), width);
}

/// <summary>
/// Compiles a flat netlist to IL with <see cref="DynamicMethod"/>: combinational logic as straight-line code in
/// topological order (values kept in IL locals, which the JIT puts in registers, and stored to the state block
/// only when another kernel, the clock edge, an output or a trace reads them), then one kernel for the clock edge.
/// Values up to 64 bits are single words; wider values are fixed runs of words with inlined carry chains.
/// </summary>
internal sealed unsafe class IlCompiler
{
    private const int ChunkBudget = 4000;   // estimated IL instructions per kernel, well under the JIT's optimisation limits

    private static readonly MethodInfo BigMul = typeof(System.Math).GetMethod(nameof(System.Math.BigMul), [typeof(ulong), typeof(ulong), typeof(ulong).MakeByRefType()])!;
    private static readonly MethodInfo MulHelper = typeof(SimOps).GetMethod(nameof(SimOps.Mul))!;

    private readonly FlatNetlist _f;
    private readonly List<FlatNode> _n;
    private readonly bool[] _slot;
    private readonly int[] _offset;
    private readonly int[] _chunk;
    private readonly int[] _snapshot;     // state node -> word offset of its snapshot, or -1
    private readonly List<Action> _actions = [];
    private int _words;
    private int _instructions;

    private IlCompiler(FlatNetlist f)
    {
        _f = f;
        _n = f.Nodes;
        _slot = new bool[_n.Count];
        _offset = new int[_n.Count];
        _chunk = new int[_n.Count];
        _snapshot = new int[_n.Count];
        Array.Fill(_offset, -1);
        Array.Fill(_chunk, -1);
        Array.Fill(_snapshot, -1);
    }

    public static CompiledModel Compile(FlatNetlist f, bool storeAll, ISet<int>? traced = null) => new IlCompiler(f).Run(storeAll, traced);

    private static bool IsComb(FlatNode n) => n.Op is not (Op.Input or Op.Const or Op.Reg or Op.MemRead);

    /// <summary>Multiplications whose operands or result span several words go through <see cref="SimOps.Mul"/>.</summary>
    private bool IsHelper(FlatNode n) => n.Op == Op.Mul && n.Limbs > 1 && (_n[n.Operands[0]].Limbs > 1 || _n[n.Operands[1]].Limbs > 1 || n.Limbs > 2);

    private static int Cost(FlatNode n) => n.Op switch
    {
        Op.Add or Op.Sub => n.Limbs == 1 ? 6 : 16 * n.Limbs,
        Op.Mux => 6 + 8 * n.Limbs * (n.Operands.Length - 1),
        Op.Concat => 4 + 6 * n.Limbs * n.Operands.Length,
        Op.Lt or Op.Eq => 8 * n.Limbs,
        _ => 8 * n.Limbs,
    };

    private sealed record Action(int Kind, int Node, int Memory, int Port)
    {
        public const int Reg = 0, Read = 1, Write = 2;
    }

    private CompiledModel Run(bool storeAll, ISet<int>? traced)
    {
        // Which values must be stored in the state block.
        for (int i = 0; i < _n.Count; i++)
        {
            var n = _n[i];
            if (n.Op is Op.Input or Op.Reg or Op.MemRead) _slot[i] = true;
            else if (IsComb(n) && (storeAll || (traced?.Contains(i) ?? false))) _slot[i] = true;
            if (IsHelper(n))
            {
                _slot[i] = true;
                foreach (var o in n.Operands) _slot[o] = true;
            }
            if (n.IsState) foreach (var o in n.Operands) _slot[o] = true;
        }
        foreach (var m in _f.Memories)
            foreach (var (e, a, d) in m.Writes) { _slot[e] = true; _slot[a] = true; _slot[d] = true; }
        foreach (var (_, o) in _f.Outputs) _slot[o] = true;

        // Kernels of bounded size; values read by a later kernel are stored.
        int chunk = 0, budget = 0;
        for (int i = 0; i < _n.Count; i++)
        {
            if (!IsComb(_n[i])) continue;
            int c = Cost(_n[i]);
            if (budget > 0 && budget + c > ChunkBudget) { chunk++; budget = 0; }
            _chunk[i] = chunk;
            budget += c;
        }
        int chunks = _n.Any(IsComb) ? chunk + 1 : 0;
        for (int i = 0; i < _n.Count; i++)
        {
            if (!IsComb(_n[i])) continue;
            foreach (var o in _n[i].Operands)
                if (IsComb(_n[o]) && _chunk[o] != _chunk[i]) _slot[o] = true;
        }

        OrderActions();

        // Layout: every stored value gets a run of words, constants too (helpers read them from memory).
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
            _words += _f.Memories[m].Depth * Limbs.Count(_f.Memories[m].Width);
        }

        var eval = new CompiledModel.Kernel[chunks];
        for (int c = 0; c < chunks; c++) eval[c] = EmitChunk(c, c == chunks - 1);
        if (chunks == 0) eval = [EmitChunk(-1, true)];
        return new CompiledModel
        {
            Eval = eval,
            Latch = EmitLatch(memBase),
            AsyncReset = _f.Clock.AsyncReset && _f.HasReset ? EmitAsyncReset() : null,
            Offset = _offset,
            MemoryBase = memBase,
            Words = System.Math.Max(1, _words),
            Constants = constants,
            EvalInstructions = _instructions,
            Snapshots = Enumerable.Range(0, _n.Count).Where(i => _snapshot[i] >= 0).Select(i => (_offset[i], _snapshot[i], _n[i].Limbs)).ToArray(),
        };
    }

    private static ulong[] LimbsOf(FlatNode n)
    {
        var l = new ulong[n.Limbs];
        Limbs.FromBigInteger(n.ConstValue, l);
        return l;
    }

    /// <summary>
    /// Orders the clock-edge actions so every action reads state before it is overwritten (a register fed by a
    /// register is updated first, memory reads precede writes); reads that close a cycle use a snapshot taken during
    /// evaluation.
    /// </summary>
    private void OrderActions()
    {
        var all = new List<Action>();
        for (int i = 0; i < _n.Count; i++)
        {
            if (_n[i].Op == Op.Reg) all.Add(new Action(Action.Reg, i, -1, -1));
            else if (_n[i].Op == Op.MemRead) all.Add(new Action(Action.Read, i, _n[i].Memory, -1));
        }
        for (int m = 0; m < _f.Memories.Count; m++)
            for (int p = 0; p < _f.Memories[m].Writes.Count; p++) all.Add(new Action(Action.Write, -1, m, p));

        IEnumerable<int> Reads(Action a) => a.Kind switch
        {
            Action.Write => [_f.Memories[a.Memory].Writes[a.Port].Enable, _f.Memories[a.Memory].Writes[a.Port].Address, _f.Memories[a.Memory].Writes[a.Port].Data],
            _ => _n[a.Node].Operands,
        };
        var writerOf = new Dictionary<int, int>();
        for (int k = 0; k < all.Count; k++)
            if (all[k].Kind != Action.Write) writerOf[all[k].Node] = k;

        // Edges a -> b: a must run before b.
        var succ = Enumerable.Range(0, all.Count).Select(_ => new List<(int To, int Via)>()).ToArray();
        var indeg = new int[all.Count];
        void Edge(int a, int b, int via)
        {
            if (a == b) return;
            succ[a].Add((b, via));
            indeg[b]++;
        }
        for (int k = 0; k < all.Count; k++)
        {
            foreach (var r in Reads(all[k]))
                if (_n[r].IsState && writerOf.TryGetValue(r, out int w)) Edge(k, w, r);
            if (all[k].Kind == Action.Read)
                for (int j = 0; j < all.Count; j++)
                    if (all[j].Kind == Action.Write && all[j].Memory == all[k].Memory) Edge(k, j, -1);
            if (all[k].Kind == Action.Write)
                for (int j = k + 1; j < all.Count; j++)
                    if (all[j].Kind == Action.Write && all[j].Memory == all[k].Memory) { Edge(k, j, -1); break; }
        }
        var done = new bool[all.Count];
        var ready = new SortedSet<int>(Enumerable.Range(0, all.Count).Where(k => indeg[k] == 0));
        int emitted = 0;
        while (emitted < all.Count)
        {
            if (ready.Count == 0)
            {
                // A cycle: snapshot the state one action writes, so its readers no longer need to run before it.
                int k = Enumerable.Range(0, all.Count).Where(x => !done[x]).OrderBy(x => all[x].Kind == Action.Write ? 1 : 0).First();
                if (all[k].Kind != Action.Write) _snapshot[all[k].Node] = -2;
                indeg[k] = 0;
                ready.Add(k);
                continue;
            }
            int next = ready.Min;
            ready.Remove(next);
            if (done[next]) continue;
            done[next] = true;
            emitted++;
            _actions.Add(all[next]);
            foreach (var (to, _) in succ[next])
                if (!done[to] && --indeg[to] == 0) ready.Add(to);
        }
    }

    // ---------------------------------------------------------------- code generation helpers

    private sealed class Gen(ILGenerator il, IlCompiler c)
    {
        public readonly ILGenerator Il = il;
        public LocalBuilder?[]?[] Locals = [];
        public LocalBuilder T0 = null!, T1 = null!, T2 = null!, T3 = null!;
        public LocalBuilder I0 = null!;
        public readonly Stack<LocalBuilder> Free = new();
        public int Count;

        public void Op(OpCode op) { Il.Emit(op); Count++; }
        public void Op(OpCode op, int v) { Il.Emit(op, v); Count++; }
        public void Op(OpCode op, LocalBuilder l) { Il.Emit(op, l); Count++; }

        public void Const(ulong v) { Il.Emit(OpCodes.Ldc_I8, unchecked((long)v)); Count++; }

        public void Address(int word)
        {
            Op(OpCodes.Ldarg_0);
            if (word != 0)
            {
                Op(OpCodes.Ldc_I4, word * 8);
                Op(OpCodes.Add);
            }
        }

        public void LoadWord(int word)
        {
            Address(word);
            Op(OpCodes.Ldind_I8);
        }

        /// <summary>Pushes word <paramref name="j"/> of node <paramref name="node"/> (zero past its end).</summary>
        public void Load(int node, int j, bool latch = false)
        {
            var n = c._n[node];
            if (j >= n.Limbs) { Const(0); return; }
            if (n.Op == Hdl.Op.Const)
            {
                Const(j == 0 && n.Limbs == 1 ? (ulong)(n.ConstValue & ulong.MaxValue) : c.ConstWord(node, j));
                return;
            }
            if (latch && c._snapshot[node] >= 0) { LoadWord(c._snapshot[node] + j); return; }
            var loc = node < Locals.Length ? Locals[node] : null;
            if (loc != null && loc[j] != null) { Op(OpCodes.Ldloc, loc[j]!); return; }
            if (c._offset[node] < 0) throw new InvalidOperationException($"simulator compiler: node {node} ({n.Op}) has no storage");
            LoadWord(c._offset[node] + j);
        }

        /// <summary>Pushes the 64 bits of node starting at bit k (k may be negative: low bits are zero).</summary>
        public void Window(int node, int k)
        {
            var n = c._n[node];
            if (k < 0)
            {
                Load(node, 0);
                Op(OpCodes.Ldc_I4, -k);
                Op(OpCodes.Shl);
                return;
            }
            int w = k >> 6, s = k & 63;
            Load(node, w);
            if (s == 0) return;
            Op(OpCodes.Ldc_I4, s);
            Op(OpCodes.Shr_Un);
            if (w + 1 < n.Limbs)
            {
                Load(node, w + 1);
                Op(OpCodes.Ldc_I4, 64 - s);
                Op(OpCodes.Shl);
                Op(OpCodes.Or);
            }
        }

        public LocalBuilder Take()
        {
            if (Free.Count > 0) return Free.Pop();
            return Il.DeclareLocal(typeof(ulong));
        }
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

    private static DynamicMethod NewMethod(string name) =>
        new(name, typeof(void), [typeof(ulong*)], typeof(IlCompiler).Module, skipVisibility: true);

    private CompiledModel.Kernel Finish(DynamicMethod dm) => (CompiledModel.Kernel)dm.CreateDelegate(typeof(CompiledModel.Kernel));

    private CompiledModel.Kernel EmitChunk(int chunk, bool last)
    {
        var dm = NewMethod($"eval_{chunk}");
        var g = new Gen(dm.GetILGenerator(), this) { Locals = new LocalBuilder?[]?[_n.Count] };
        g.T0 = g.Il.DeclareLocal(typeof(ulong));
        g.T1 = g.Il.DeclareLocal(typeof(ulong));
        g.T2 = g.Il.DeclareLocal(typeof(ulong));
        g.T3 = g.Il.DeclareLocal(typeof(ulong));
        g.I0 = g.Il.DeclareLocal(typeof(int));

        var members = Enumerable.Range(0, _n.Count).Where(i => _chunk[i] == chunk).ToList();
        // Last use inside this kernel, so locals can be recycled.
        var lastUse = new Dictionary<int, int>();
        foreach (var i in members)
            foreach (var o in _n[i].Operands)
                if (_chunk[o] == chunk) lastUse[o] = i;
        var releaseAt = new Dictionary<int, List<int>>();
        foreach (var (node, at) in lastUse)
        {
            if (!releaseAt.TryGetValue(at, out var l)) releaseAt[at] = l = [];
            l.Add(node);
        }

        foreach (var i in members)
        {
            var n = _n[i];
            if (IsHelper(n)) EmitHelper(g, i);
            else
            {
                bool keep = lastUse.ContainsKey(i);
                if (!keep && !_slot[i]) throw new InvalidOperationException($"simulator compiler: node {i} ({n.Op}) is never read");
                if (keep) g.Locals[i] = Enumerable.Range(0, n.Limbs).Select(_ => (LocalBuilder?)g.Take()).ToArray();
                EmitNode(g, i, j => Store(g, i, j, keep));
            }
            if (releaseAt.TryGetValue(i, out var rel))
                foreach (var r in rel)
                {
                    if (g.Locals[r] is { } ls) foreach (var l in ls) g.Free.Push(l!);
                    g.Locals[r] = null;
                }
            if (!lastUse.ContainsKey(i) && g.Locals[i] is { } own)
            {
                foreach (var l in own) g.Free.Push(l!);
                g.Locals[i] = null;
            }
        }
        g.Op(OpCodes.Ret);
        _instructions += g.Count;
        return Finish(dm);
    }

    /// <summary>Pops the value of word j of node i into its local and/or its state words.</summary>
    private void Store(Gen g, int i, int j, bool keep)
    {
        if (keep)
        {
            var l = g.Locals[i]![j]!;
            g.Op(OpCodes.Stloc, l);
            if (_slot[i])
            {
                g.Address(_offset[i] + j);
                g.Op(OpCodes.Ldloc, l);
                g.Op(OpCodes.Stind_I8);
            }
        }
        else
        {
            g.Op(OpCodes.Stloc, g.T3);
            g.Address(_offset[i] + j);
            g.Op(OpCodes.Ldloc, g.T3);
            g.Op(OpCodes.Stind_I8);
        }
    }

    private void EmitHelper(Gen g, int i)
    {
        var n = _n[i];
        int a = n.Operands[0], b = n.Operands[1];
        g.Op(OpCodes.Ldarg_0);
        g.Op(OpCodes.Ldc_I4, _offset[a]);
        g.Op(OpCodes.Ldc_I4, _n[a].Limbs);
        g.Op(OpCodes.Ldc_I4, _offset[b]);
        g.Op(OpCodes.Ldc_I4, _n[b].Limbs);
        g.Op(OpCodes.Ldc_I4, _offset[i]);
        g.Op(OpCodes.Ldc_I4, n.Width);
        g.Il.Emit(OpCodes.Call, MulHelper);
        g.Count++;
    }

    private void Mask(Gen g, int width, int j)
    {
        if (j != Limbs.Count(width) - 1) return;
        ulong m = Limbs.TopMask(width);
        if (m == ulong.MaxValue) return;
        g.Const(m);
        g.Op(OpCodes.And);
    }

    /// <summary>Emits node i, calling <paramref name="store"/> once per result word, lowest first, with the word on the stack.</summary>
    private void EmitNode(Gen g, int i, Action<int> store)
    {
        var n = _n[i];
        var o = n.Operands;
        int L = n.Limbs, w = n.Width;
        switch (n.Op)
        {
            case Op.And or Op.Or or Op.Xor:
                var bop = n.Op == Op.And ? OpCodes.And : n.Op == Op.Or ? OpCodes.Or : OpCodes.Xor;
                for (int j = 0; j < L; j++) { g.Load(o[0], j); g.Load(o[1], j); g.Op(bop); store(j); }
                break;
            case Op.Not:
                for (int j = 0; j < L; j++) { g.Load(o[0], j); g.Op(OpCodes.Not); Mask(g, w, j); store(j); }
                break;
            case Op.Add when L == 1:
                g.Load(o[0], 0); g.Load(o[1], 0); g.Op(OpCodes.Add); Mask(g, w, 0); store(0);
                break;
            case Op.Add:
                // T0 = carry; T1 = a + carry; T2 = result word
                for (int j = 0; j < L; j++)
                {
                    g.Load(o[0], j);
                    if (j > 0) { g.Op(OpCodes.Ldloc, g.T0); g.Op(OpCodes.Add); }
                    g.Op(OpCodes.Stloc, g.T1);
                    if (j > 0 && j < L - 1)
                    {
                        // carry out of a + c: only when the sum wrapped below c
                        g.Op(OpCodes.Ldloc, g.T1); g.Op(OpCodes.Ldloc, g.T0); g.Op(OpCodes.Clt_Un); g.Op(OpCodes.Conv_U8); g.Op(OpCodes.Stloc, g.T0);
                    }
                    g.Op(OpCodes.Ldloc, g.T1); g.Load(o[1], j); g.Op(OpCodes.Add); g.Op(OpCodes.Stloc, g.T2);
                    if (j < L - 1)
                    {
                        g.Op(OpCodes.Ldloc, g.T2); g.Load(o[1], j); g.Op(OpCodes.Clt_Un); g.Op(OpCodes.Conv_U8);
                        if (j > 0) { g.Op(OpCodes.Ldloc, g.T0); g.Op(OpCodes.Or); }
                        g.Op(OpCodes.Stloc, g.T0);
                    }
                    g.Op(OpCodes.Ldloc, g.T2); Mask(g, w, j); store(j);
                }
                break;
            case Op.Sub when L == 1:
                g.Load(o[0], 0); g.Load(o[1], 0); g.Op(OpCodes.Sub); Mask(g, w, 0); store(0);
                break;
            case Op.Sub:
                // T0 = borrow; T1 = a - b; T2 = result word
                for (int j = 0; j < L; j++)
                {
                    g.Load(o[0], j); g.Load(o[1], j); g.Op(OpCodes.Sub); g.Op(OpCodes.Stloc, g.T1);
                    if (j == 0) { g.Op(OpCodes.Ldloc, g.T1); g.Op(OpCodes.Stloc, g.T2); }
                    else { g.Op(OpCodes.Ldloc, g.T1); g.Op(OpCodes.Ldloc, g.T0); g.Op(OpCodes.Sub); g.Op(OpCodes.Stloc, g.T2); }
                    if (j < L - 1)
                    {
                        g.Load(o[0], j); g.Load(o[1], j); g.Op(OpCodes.Clt_Un); g.Op(OpCodes.Conv_U8);
                        if (j > 0) { g.Op(OpCodes.Ldloc, g.T1); g.Op(OpCodes.Ldloc, g.T0); g.Op(OpCodes.Clt_Un); g.Op(OpCodes.Conv_U8); g.Op(OpCodes.Or); }
                        g.Op(OpCodes.Stloc, g.T0);
                    }
                    g.Op(OpCodes.Ldloc, g.T2); Mask(g, w, j); store(j);
                }
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
                int ol = _n[o[0]].Limbs;
                g.Load(o[0], 0); g.Load(o[1], 0); g.Op(OpCodes.Clt_Un);
                for (int j = 1; j < ol; j++)
                {
                    g.Op(OpCodes.Stloc, g.I0);
                    g.Load(o[0], j); g.Load(o[1], j); g.Op(OpCodes.Clt_Un);
                    g.Load(o[0], j); g.Load(o[1], j); g.Op(OpCodes.Ceq); g.Op(OpCodes.Ldloc, g.I0); g.Op(OpCodes.And);
                    g.Op(OpCodes.Or);
                }
                g.Op(OpCodes.Conv_U8); store(0);
                break;
            case Op.Mux when o.Length == 3:
                // T0 = all-ones when sel is 1
                g.Const(0); g.Load(o[0], 0); g.Op(OpCodes.Sub); g.Op(OpCodes.Stloc, g.T0);
                for (int j = 0; j < L; j++)
                {
                    // c0 ^ ((c0 ^ c1) & m)
                    g.Load(o[1], j); g.Load(o[1], j); g.Load(o[2], j); g.Op(OpCodes.Xor); g.Op(OpCodes.Ldloc, g.T0); g.Op(OpCodes.And); g.Op(OpCodes.Xor);
                    store(j);
                }
                break;
            case Op.Mux:
                EmitSelect(g, n, store);
                break;
            case Op.Slice:
                for (int j = 0; j < L; j++) { g.Window(o[0], n.SliceLow + 64 * j); Mask(g, w, j); store(j); }
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
                        if (rel >= _n[o[k]].Width || rel <= -64) continue;
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

    private void EmitSelect(Gen g, FlatNode n, Action<int> store)
    {
        var o = n.Operands;
        int sel = o[0], cases = o.Length - 1, sl = _n[sel].Limbs;
        // I0 = 1 when the select's high words are zero (so it can equal a small case index)
        if (sl > 1)
        {
            g.Load(sel, 1);
            for (int j = 2; j < sl; j++) { g.Load(sel, j); g.Op(OpCodes.Or); }
            g.Const(0); g.Op(OpCodes.Ceq); g.Op(OpCodes.Stloc, g.I0);
        }
        for (int j = 0; j < n.Limbs; j++)
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

    // ---------------------------------------------------------------- clock edge

    private void StoreWordFromStack(Gen g, int word)
    {
        g.Op(OpCodes.Stloc, g.T3);
        g.Address(word);
        g.Op(OpCodes.Ldloc, g.T3);
        g.Op(OpCodes.Stind_I8);
    }

    private CompiledModel.Kernel EmitLatch(int[] memBase)
    {
        var dm = NewMethod("latch");
        var g = new Gen(dm.GetILGenerator(), this);
        g.T3 = g.Il.DeclareLocal(typeof(ulong));
        foreach (var a in _actions)
        {
            var end = g.Il.DefineLabel();
            switch (a.Kind)
            {
                case Action.Reg:
                {
                    var n = _n[a.Node];
                    if (n.ResetValue != null && _f.HasReset)
                    {
                        var notReset = g.Il.DefineLabel();
                        // Active-high: branch over the reset load when rst == 0.
                        g.LoadWord(_offset[_f.Reset]);
                        g.Il.Emit(_f.Clock.ResetActiveLow ? OpCodes.Brtrue : OpCodes.Brfalse, notReset);
                        var rv = new ulong[n.Limbs];
                        Limbs.FromBigInteger(n.ResetValue.Value, rv);
                        for (int j = 0; j < n.Limbs; j++) { g.Const(rv[j]); StoreWordFromStack(g, _offset[a.Node] + j); }
                        g.Il.Emit(OpCodes.Br, end);
                        g.Il.MarkLabel(notReset);
                    }
                    if (n.Operands.Length > 1)
                    {
                        g.Load(n.Operands[1], 0, latch: true);
                        g.Il.Emit(OpCodes.Brfalse, end);
                    }
                    for (int j = 0; j < n.Limbs; j++) { g.Load(n.Operands[0], j, latch: true); StoreWordFromStack(g, _offset[a.Node] + j); }
                    break;
                }
                case Action.Read:
                {
                    var n = _n[a.Node];
                    if (n.Operands.Length > 1)
                    {
                        g.Load(n.Operands[1], 0, latch: true);
                        g.Il.Emit(OpCodes.Brfalse, end);
                    }
                    for (int j = 0; j < n.Limbs; j++)
                    {
                        MemAddress(g, memBase[a.Memory], n.Limbs, n.Operands[0], j);
                        g.Op(OpCodes.Ldind_I8);
                        StoreWordFromStack(g, _offset[a.Node] + j);
                    }
                    break;
                }
                case Action.Write:
                {
                    var (e, addr, data) = _f.Memories[a.Memory].Writes[a.Port];
                    int limbs = Limbs.Count(_f.Memories[a.Memory].Width);
                    g.Load(e, 0, latch: true);
                    g.Il.Emit(OpCodes.Brfalse, end);
                    for (int j = 0; j < limbs; j++)
                    {
                        MemAddress(g, memBase[a.Memory], limbs, addr, j);
                        g.Load(data, j, latch: true);
                        g.Op(OpCodes.Stind_I8);
                    }
                    break;
                }
            }
            g.Il.MarkLabel(end);
        }
        g.Op(OpCodes.Ret);
        return Finish(dm);
    }

    private static void MemAddress(Gen g, int memBase, int limbs, int addr, int j)
    {
        g.Op(OpCodes.Ldarg_0);
        g.Load(addr, 0, latch: true);
        g.Op(OpCodes.Conv_U);
        g.Op(OpCodes.Ldc_I4, limbs * 8);
        g.Op(OpCodes.Conv_U);
        g.Op(OpCodes.Mul);
        g.Op(OpCodes.Add);
        g.Op(OpCodes.Ldc_I4, (memBase + j) * 8);
        g.Op(OpCodes.Add);
    }

    /// <summary>Snapshots (state read by the clock edge after being overwritten) and async reset run at the start of evaluation.</summary>
    private CompiledModel.Kernel EmitAsyncReset()
    {
        var dm = NewMethod("async_reset");
        var g = new Gen(dm.GetILGenerator(), this);
        g.T3 = g.Il.DeclareLocal(typeof(ulong));
        var end = g.Il.DefineLabel();
        g.LoadWord(_offset[_f.Reset]);
        g.Il.Emit(_f.Clock.ResetActiveLow ? OpCodes.Brtrue : OpCodes.Brfalse, end);
        for (int i = 0; i < _n.Count; i++)
        {
            var n = _n[i];
            if (n.Op != Op.Reg || n.ResetValue == null) continue;
            var rv = new ulong[n.Limbs];
            Limbs.FromBigInteger(n.ResetValue.Value, rv);
            for (int j = 0; j < n.Limbs; j++) { g.Const(rv[j]); StoreWordFromStack(g, _offset[i] + j); }
        }
        g.Il.MarkLabel(end);
        g.Op(OpCodes.Ret);
        return Finish(dm);
    }

}
