using ComputeAsic.Hdl;

namespace ComputeAsic.Hardware.Library;

/// <summary>A value standing for <c>Value · 2^Offset</c>: a partial product in a multiplier's column sum.</summary>
/// <param name="Value">The bits.</param>
/// <param name="Offset">Its weight as a power of two.</param>
public readonly record struct Term(Signal Value, int Offset);

/// <summary>
/// Pipelined sums of shifted terms, the back end of every tiled multiplier: terms are sorted by weight and added in
/// pairs, and only the overlapping bits of a pair go through an adder (the low bits of the lower term pass straight
/// through), so adders stay as narrow as the data allows.
/// </summary>
public static class ShiftedSum
{
    /// <summary>
    /// Σ term.Value · 2^term.Offset mod 2^<paramref name="width"/>, with a register after every
    /// <paramref name="levelsPerStage"/> adder levels. Returns the sum and the registers on its path (its latency).
    /// </summary>
    public static (Signal Sum, int Latency) Build(Module m, IReadOnlyList<Term> terms, int width, int levelsPerStage = 1, string name = "sum")
    {
        if (terms.Count == 0) throw new ArgumentException("no terms to sum", nameof(terms));
        if (levelsPerStage < 1) throw new ArgumentOutOfRangeException(nameof(levelsPerStage), "at least one adder level per stage");
        var level = terms.Select((t, i) => (Term: Trim(t, width), Index: i)).OrderBy(t => t.Term.Offset).ThenBy(t => t.Index).Select(t => t.Term).ToList();
        int latency = 0, depth = 0;
        while (level.Count > 1)
        {
            var next = new List<Term>();
            for (int i = 0; i < level.Count; i += 2)
                next.Add(i + 1 < level.Count ? Trim(Add(level[i], level[i + 1]), width) : level[i]);
            depth++;
            if (depth % levelsPerStage == 0 || next.Count == 1)
            {
                int d = depth;
                next = next.Select((t, k) => new Term(m.Reg(t.Value, name: $"{name}_l{d}_{k}"), t.Offset)).ToList();
                latency++;
            }
            level = next;
        }
        var last = level[0];
        var sum = last.Offset == 0 ? last.Value : last.Value.Concat(Signal.Constant(0, last.Offset));
        return (sum.Resize(width), latency);
    }

    /// <summary>x + y for terms with x.Offset ≤ y.Offset: the bits of x below y's offset are passed through, only the rest is added.</summary>
    public static Term Add(Term x, Term y)
    {
        if (x.Offset > y.Offset) (x, y) = (y, x);
        int d = y.Offset - x.Offset, wx = x.Value.Width;
        if (d >= wx)
        {
            var gap = d > wx ? y.Value.Concat(Signal.Constant(0, d - wx)) : y.Value;
            return new Term(gap.Concat(x.Value), x.Offset);
        }
        var high = d == 0 ? x.Value : x.Value.Slice(wx - 1, d);
        int w = System.Math.Max(high.Width, y.Value.Width);
        var s = high.Resize(w).AddWithCarry(y.Value.Resize(w));
        return new Term(d == 0 ? s : s.Concat(x.Value.Slice(d - 1, 0)), x.Offset);
    }

    private static Term Trim(Term t, int width)
    {
        if (t.Offset >= width) throw new ArgumentException($"term at offset {t.Offset} lies beyond the {width}-bit result");
        int room = width - t.Offset;
        return t.Value.Width > room ? new Term(t.Value.Resize(room), t.Offset) : t;
    }
}
