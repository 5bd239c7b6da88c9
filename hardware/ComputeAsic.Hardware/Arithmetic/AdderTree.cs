using System.Numerics;
using ComputeAsic.Hdl;

namespace ComputeAsic.Hardware.Arithmetic;

/// <summary>A partial sum standing for <c>Value · 2^Offset</c>, with an upper bound on Value that sizes its adders.</summary>
/// <param name="Value">The bits; always exactly as wide as <paramref name="Max"/> needs.</param>
/// <param name="Offset">Weight as a power of two.</param>
/// <param name="Max">Largest value <paramref name="Value"/> can take (positive).</param>
public readonly record struct Shifted<T>(T Value, int Offset, BigInteger Max) where T : IBits<T>;

/// <summary>
/// Pipelined sum of shifted terms, generic so the same tree is the software model and the hardware: terms are ordered
/// by weight and added in neighbouring pairs; the bits of the lower term under the higher term's offset bypass the
/// adder and every adder is exactly as wide as the bounds of its operands allow.
/// </summary>
public static class AdderTree
{
    /// <summary>
    /// Σ term · 2^offset mod 2^<paramref name="width"/>, for terms valid at <paramref name="time"/>; a register level
    /// after every <paramref name="levelsPerStage"/> adder levels and after the last. Latency: ⌈levels / levelsPerStage⌉.
    /// </summary>
    public static Timed<T> Sum<T>(Pipe<T> pipe, IEnumerable<Shifted<T>> terms, int time, int width, int levelsPerStage, string name)
        where T : IBits<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(levelsPerStage, 1);
        var level = terms.Select((t, i) => (Term: Trim(t, width), Index: i))
            .Where(t => t.Term.Max > 0)
            .OrderBy(t => t.Term.Offset).ThenBy(t => t.Index)
            .Select(t => t.Term).ToList();
        if (level.Count == 0) return Timed<T>.Constant(0, width);
        int depth = 0;
        while (level.Count > 1)
        {
            var next = new List<Shifted<T>>((level.Count + 1) / 2);
            for (int i = 0; i < level.Count; i += 2)
                next.Add(i + 1 < level.Count ? Trim(Add(level[i], level[i + 1]), width) : level[i]);
            depth++;
            if (depth % levelsPerStage == 0 || next.Count == 1)
            {
                for (int k = 0; k < next.Count; k++)
                    next[k] = next[k] with { Value = pipe.Stage(next[k].Value, time, $"{name}_s{depth}_{k}").Value };
                time++;
            }
            level = next;
        }
        return new(Place(level[0], width), time);
    }

    /// <summary>x + y as one term: the low bits of the lower-weight term pass through, only the overlap is added.</summary>
    public static Shifted<T> Add<T>(Shifted<T> x, Shifted<T> y) where T : IBits<T>
    {
        if (x.Offset > y.Offset) (x, y) = (y, x);
        int gap = y.Offset - x.Offset;
        var max = x.Max + (y.Max << gap);
        if (gap >= x.Value.Width)
        {
            var value = gap == x.Value.Width ? y.Value.Concat(x.Value) : T.Concat(y.Value, T.Zero(gap - x.Value.Width), x.Value);
            return new(value, x.Offset, max);
        }
        int high = Bits(max >> gap);
        var sum = x.Value.Slice(x.Value.Width - 1, gap).Resize(high) + y.Value.Resize(high);
        return new(gap == 0 ? sum : sum.Concat(x.Value.Slice(gap - 1, 0)), x.Offset, max);
    }

    /// <summary>The term as a plain value of <paramref name="width"/> bits (its offset applied, high bits dropped).</summary>
    public static T Place<T>(Shifted<T> t, int width) where T : IBits<T>
    {
        var v = t.Offset == 0 ? t.Value : t.Value.Concat(T.Zero(t.Offset));
        return v.Resize(width);
    }

    /// <summary>Drops bits at or above <paramref name="width"/> (sums are modulo 2^width) and bits the bound rules out.</summary>
    public static Shifted<T> Trim<T>(Shifted<T> t, int width) where T : IBits<T>
    {
        if (t.Offset >= width) return t with { Max = 0 };
        int room = width - t.Offset;
        var max = t.Max;
        if (max.GetBitLength() > room) max = (BigInteger.One << room) - 1;
        int w = Bits(max);
        return w == t.Value.Width ? t with { Max = max } : new(t.Value.Resize(w), t.Offset, max);
    }

    /// <summary>Bits needed for values up to <paramref name="max"/> (at least one).</summary>
    public static int Bits(BigInteger max) => System.Math.Max(1, (int)max.GetBitLength());
}
