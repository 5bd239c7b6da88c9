using System.Numerics;
using ComputeAsic.Hdl;

namespace ComputeAsic.Hardware.Arithmetic;

/// <summary>
/// Executes a <see cref="ProductPlan"/> generically: each tile is one registered DSP-sized product (a DSP48 with its
/// output register), tiles are summed by a pipelined <see cref="AdderTree"/>, Karatsuba levels pre-add their halves in
/// one registered stage and recombine in two. The same code is the software model (on <see cref="Bits"/>) and the
/// hardware (on <see cref="Signal"/>).
/// </summary>
public static class Products
{
    /// <summary>x·y by <paramref name="plan"/> (a variable-by-variable plan); the result is <see cref="ProductPlan.ResultWidth"/> bits.</summary>
    public static Timed<T> Multiply<T>(Pipe<T> pipe, Timed<T> x, Timed<T> y, ProductPlan plan, int levelsPerStage, string name)
        where T : IBits<T>
    {
        if (x.Width != plan.WidthX || y.Width != plan.WidthY)
            throw new ArgumentException($"{name}: operands are {x.Width} and {y.Width} bits but the plan is for {plan.WidthX} and {plan.WidthY}");
        return plan switch
        {
            KaratsubaPlan k => Karatsuba(pipe, x, y, k, levelsPerStage, name),
            TileGrid { ConstY: null } g => Grid(pipe, x, y, g, levelsPerStage, name),
            _ => throw new ArgumentException($"{name}: plan for a constant operand used with a variable"),
        };
    }

    /// <summary>x·c for the constant c of <paramref name="plan"/>.</summary>
    public static Timed<T> MultiplyByConstant<T>(Pipe<T> pipe, Timed<T> x, TileGrid plan, int levelsPerStage, string name)
        where T : IBits<T>
    {
        if (plan.ConstY == null) throw new ArgumentException($"{name}: plan has no constant operand");
        if (x.Width != plan.WidthX) throw new ArgumentException($"{name}: operand is {x.Width} bits but the plan is for {plan.WidthX}");
        return Grid(pipe, x, Timed<T>.Constant(plan.ConstY.Value, plan.WidthY), plan, levelsPerStage, name);
    }

    private static Timed<T> Grid<T>(Pipe<T> pipe, Timed<T> x, Timed<T> y, TileGrid g, int levelsPerStage, string name)
        where T : IBits<T>
    {
        int t = Pipe<T>.Latest(x, y);
        if (t == Timed<T>.Always) throw new ArgumentException($"{name}: product of two constants");
        var xs = new Dictionary<int, T>();
        var ys = new Dictionary<int, T>();
        T X(int i) => xs.TryGetValue(i, out var v) ? v : xs[i] = Slice(x.Value, g.PieceOfX(i));
        T Y(int j) => ys.TryGetValue(j, out var v) ? v
            : ys[j] = g.ConstY != null ? T.Const(g.ConstPiece(j), g.PieceOfY(j).Width) : Slice(y.Value, g.PieceOfY(j));
        var terms = new List<Shifted<T>>(g.Cells.Count);
        foreach (var c in g.Cells)
        {
            var (ox, wx) = g.PieceOfX(c.I);
            var (oy, wy) = g.PieceOfY(c.J);
            var maxX = (BigInteger.One << wx) - 1;
            if (!c.IsTile)
            {
                // A power-of-two constant piece: the x piece itself, shifted; delayed to line up with the tiles.
                var shifted = pipe.At(new Timed<T>(X(c.I), t), t + 1, $"{name}_x{c.I}");
                terms.Add(new(shifted.Value, ox + oy + c.Shift, maxX));
                continue;
            }
            var maxY = g.ConstY != null ? g.ConstPiece(c.J) : (BigInteger.One << wy) - 1;
            var tileValue = pipe.Stage(X(c.I) * Y(c.J), t, $"{name}_t{c.I}_{c.J}");
            terms.Add(new(tileValue.Value, ox + oy, maxX * maxY));
        }
        int sumWidth = g.Part == ProductPart.Low ? g.Cut : g.WidthX + g.WidthY;
        var sum = AdderTree.Sum(pipe, terms, t + 1, sumWidth, levelsPerStage, $"{name}_sum");
        if (g.Part != ProductPart.High) return sum;
        return sum.IsConstant ? Timed<T>.Constant(0, g.ResultWidth) : sum with { Value = sum.Value.Slice(sumWidth - 1, g.Cut) };
    }

    private static Timed<T> Karatsuba<T>(Pipe<T> pipe, Timed<T> x, Timed<T> y, KaratsubaPlan k, int levelsPerStage, string name)
        where T : IBits<T>
    {
        int n = k.WidthX, h = k.Split;
        Timed<T> Lo(Timed<T> v) => v with { Value = v.Value.Slice(h - 1, 0) };
        Timed<T> Hi(Timed<T> v) => v with { Value = v.Value.Slice(n - 1, h) };
        Timed<T> PreAdd(Timed<T> v, string part) =>
            pipe.Stage(v.Value.Slice(h - 1, 0).AddWithCarry(v.Value.Slice(n - 1, h).Resize(h)), v.Time, $"{name}_{part}s");
        var z0 = Multiply(pipe, Lo(x), Lo(y), k.Low, levelsPerStage, $"{name}_z0");
        var z2 = Multiply(pipe, Hi(x), Hi(y), k.High, levelsPerStage, $"{name}_z2");
        var zm = Multiply(pipe, PreAdd(x, "x"), PreAdd(y, "y"), k.Middle, levelsPerStage, $"{name}_zm");
        int t = Pipe<T>.Latest(z0, z2, zm);
        z0 = pipe.At(z0, t, $"{name}_z0");
        z2 = pipe.At(z2, t, $"{name}_z2");
        zm = pipe.At(zm, t, $"{name}_zm");
        // zm − z0 − z2 = x0·y1 + x1·y0 < 2^(2h+1).
        int wm = 2 * h + 2;
        var cross = pipe.Stage(zm.Value - z0.Value.Resize(wm) - z2.Value.Resize(wm), t, $"{name}_cross");
        var outer = pipe.At(new Timed<T>(z2.Value.Concat(z0.Value), t), t + 1, $"{name}_outer");
        var maxCross = ((BigInteger.One << (h + 1)) - 1) * ((BigInteger.One << h) - 1);
        var sum = AdderTree.Add(new Shifted<T>(outer.Value, 0, (BigInteger.One << (2 * n)) - 1),
                                new Shifted<T>(cross.Value.Resize(AdderTree.Bits(maxCross)), h, maxCross));
        return pipe.Stage(AdderTree.Place(sum, 2 * n), t + 1, $"{name}_p");
    }

    private static T Slice<T>(T v, (int Offset, int Width) piece) where T : IBits<T> =>
        v.Slice(piece.Offset + piece.Width - 1, piece.Offset);
}
