using ComputeAsic.Hdl;

namespace ComputeAsic.Hardware.Library;

/// <summary>One DSP-sized product a·b with its output registered (Latency 1): the shape of a DSP48 or SB_MAC16 slice.</summary>
public sealed class TileProduct : Module
{
    /// <summary>Multiplicand port.</summary>
    public Signal A { get; }

    /// <summary>Multiplier port.</summary>
    public Signal B { get; }

    /// <summary>Registered product port.</summary>
    public Signal P { get; }

    /// <summary>A <paramref name="aWidth"/> × <paramref name="bWidth"/> unsigned tile.</summary>
    public TileProduct(int aWidth, int bWidth) : base($"tile_mul_{aWidth}x{bWidth}")
    {
        A = Input("a", aWidth);
        B = Input("b", bWidth);
        P = Output("p", Reg(A * B, name: "p_q"));
        Latency = 1;
    }
}

/// <summary>The pipelined sum of shifted terms as its own module (one entity), so a parent instantiates the tree.</summary>
public sealed class ShiftedAdderTree : Module
{
    /// <summary>Term inputs t0..t(n-1).</summary>
    public Signal[] Terms { get; }

    /// <summary>The sum, <see cref="Module.Latency"/> cycles later.</summary>
    public Signal Sum { get; }

    /// <summary>A tree over terms of the given widths and weights, summed modulo 2^<paramref name="width"/>.</summary>
    public ShiftedAdderTree(IReadOnlyList<(int Width, int Offset)> terms, int width, int levelsPerStage = 1, string name = "shifted_sum")
        : base(name)
    {
        Terms = terms.Select((t, i) => Input($"t{i}", t.Width)).ToArray();
        var (sum, latency) = ShiftedSum.Build(this, Terms.Select((s, i) => new Term(s, terms[i].Offset)).ToList(), width, levelsPerStage);
        Sum = Output("sum", sum);
        Latency = latency;
    }
}

/// <summary>
/// A fully pipelined unsigned multiplier built from DSP-sized tiles: operands are registered, cut into
/// <c>tileA</c>- and <c>tileB</c>-bit pieces, every piece pair multiplied in its own <see cref="TileProduct"/>, and the
/// shifted products summed by a <see cref="ShiftedAdderTree"/>. Takes a new pair every cycle.
/// </summary>
public sealed class TiledMultiplier : Module
{
    /// <summary>First operand port.</summary>
    public Signal A { get; }

    /// <summary>Second operand port.</summary>
    public Signal B { get; }

    /// <summary>Full product port (2·width bits), <see cref="Module.Latency"/> cycles after its operands.</summary>
    public Signal P { get; }

    /// <summary>Number of tile products.</summary>
    public int Tiles { get; }

    /// <summary>A <paramref name="width"/>-bit multiplier of <paramref name="tileA"/> × <paramref name="tileB"/> tiles.</summary>
    public TiledMultiplier(int width = 256, int tileA = 26, int tileB = 17, int levelsPerStage = 1)
        : base($"mul{width}_t{tileA}x{tileB}")
    {
        A = Input("a", width);
        B = Input("b", width);
        var a = Reg(A, name: "a_q");
        var b = Reg(B, name: "b_q");
        var tile = new TileProduct(tileA, tileB);
        var terms = new List<Term>();
        var bPieces = Enumerable.Range(0, (width + tileB - 1) / tileB).Select(j => Piece(b, j * tileB, tileB)).ToArray();
        for (int i = 0; i * tileA < width; i++)
        {
            var ai = Piece(a, i * tileA, tileA);
            for (int j = 0; j < bPieces.Length; j++)
            {
                var t = Instantiate(tile, $"tile_{i}_{j}");
                t.Connect(tile.A, ai);
                t.Connect(tile.B, bPieces[j]);
                terms.Add(new Term(t.Output(tile.P), i * tileA + j * tileB));
            }
        }
        Tiles = terms.Count;
        var tree = new ShiftedAdderTree(terms.Select(t => (t.Value.Width, t.Offset)).ToList(), 2 * width, levelsPerStage, $"mul{width}_sum_t{tileA}x{tileB}");
        var u = Instantiate(tree, "sum_tree");
        for (int k = 0; k < terms.Count; k++) u.Connect(tree.Terms[k], terms[k].Value);
        P = Output("p", u.Output(tree.Sum));
        Latency = 2 + tree.Latency!.Value;
        if (Latency != LatencyOf(width, tileA, tileB, levelsPerStage)) throw new InvalidOperationException("latency formula out of date");
    }

    /// <summary>
    /// The latency of a multiplier with these parameters without building it: input registers, tile registers, and
    /// one register per <paramref name="levelsPerStage"/> levels of the ceil(log2(tiles))-level adder tree.
    /// </summary>
    public static int LatencyOf(int width, int tileA = 26, int tileB = 17, int levelsPerStage = 1)
    {
        int tiles = ((width + tileA - 1) / tileA) * ((width + tileB - 1) / tileB);
        int levels = tiles <= 1 ? 0 : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)(tiles - 1));
        return 2 + (levels + levelsPerStage - 1) / levelsPerStage;
    }

    /// <summary>Bits [lo, lo+width) of x, zero-padded past its top so every tile has the same shape.</summary>
    private static Signal Piece(Signal x, int lo, int width)
    {
        int hi = System.Math.Min(lo + width, x.Width) - 1;
        return x.Slice(hi, lo).Resize(width);
    }
}
