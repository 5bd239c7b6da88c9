using ComputeAsic.Hdl;

namespace ComputeAsic.Sim;

/// <summary>
/// A slow, obviously-correct evaluator of the flat netlist on <see cref="Bits"/> values: the reference the compiled
/// simulator is tested against (it computes every next state before committing any, so it needs no ordering).
/// </summary>
internal sealed class Interpreter
{
    private readonly FlatNetlist _f;
    private readonly Bits[] _v;
    private readonly Bits[][] _mem;

    public Interpreter(FlatNetlist f)
    {
        _f = f;
        _v = f.Nodes.Select(n => n.Op == Op.Const ? Bits.Const(n.ConstValue, n.Width) : Bits.Zero(n.Width)).ToArray();
        _mem = f.Memories.Select(m => Enumerable.Range(0, m.Depth).Select(a => m.Contents is { } c ? Bits.Const(c[a], m.Width) : Bits.Zero(m.Width)).ToArray()).ToArray();
    }

    public Bits this[int node]
    {
        get => _v[node];
        set => _v[node] = value;
    }

    private bool ResetAsserted => _f.HasReset && (_v[_f.Reset].IsTrue != _f.Clock.ResetActiveLow);

    public void Eval()
    {
        if (_f.Clock.AsyncReset && ResetAsserted)
            for (int i = 0; i < _v.Length; i++)
                if (_f.Nodes[i] is { Op: Op.Reg, ResetValue: { } rv } n) _v[i] = Bits.Const(rv, n.Width);
        for (int i = 0; i < _v.Length; i++)
        {
            var n = _f.Nodes[i];
            var o = n.Operands;
            _v[i] = n.Op switch
            {
                Op.Add => _v[o[0]] + _v[o[1]],
                Op.Sub => _v[o[0]] - _v[o[1]],
                Op.Mul => _v[o[0]] * _v[o[1]],
                Op.And => _v[o[0]] & _v[o[1]],
                Op.Or => _v[o[0]] | _v[o[1]],
                Op.Xor => _v[o[0]] ^ _v[o[1]],
                Op.Not => ~_v[o[0]],
                Op.Eq => _v[o[0]].Eq(_v[o[1]]),
                Op.Lt => _v[o[0]] < _v[o[1]],
                Op.Mux => Bits.Select(_v[o[0]], o.Skip(1).Select(k => _v[k]).ToArray()),
                Op.Slice => _v[o[0]].Slice(n.SliceLow + n.Width - 1, n.SliceLow),
                Op.Concat => Bits.Concat(o.Select(k => _v[k]).ToArray()),
                _ => _v[i],
            };
        }
    }

    public void Latch()
    {
        bool reset = ResetAsserted;
        var next = new List<(int Node, Bits Value)>();
        for (int i = 0; i < _v.Length; i++)
        {
            var n = _f.Nodes[i];
            if (n.Op == Op.Reg)
            {
                if (reset && n.ResetValue is { } rv) next.Add((i, Bits.Const(rv, n.Width)));
                else if (n.Operands.Length == 1 || _v[n.Operands[1]].IsTrue) next.Add((i, _v[n.Operands[0]]));
            }
            else if (n.Op == Op.MemRead && (n.Operands.Length == 1 || _v[n.Operands[1]].IsTrue))
                next.Add((i, _mem[n.Memory][(int)_v[n.Operands[0]].ToUInt64()]));
        }
        var writes = new List<(int Mem, int Addr, Bits Data)>();
        for (int m = 0; m < _f.Memories.Count; m++)
            foreach (var (e, a, d) in _f.Memories[m].Writes)
                if (_v[e].IsTrue) writes.Add((m, (int)_v[a].ToUInt64(), _v[d]));
        foreach (var (node, value) in next) _v[node] = value;
        foreach (var (m, a, d) in writes) _mem[m][a] = d;
    }
}
