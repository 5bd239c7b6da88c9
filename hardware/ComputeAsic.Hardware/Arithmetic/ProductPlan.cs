using System.Globalization;
using System.Numerics;

namespace ComputeAsic.Hardware.Arithmetic;

/// <summary>The shape of one DSP multiplier used as an unsigned tile: a DSP48E2 is 27×18 signed, so 26×17 unsigned.</summary>
/// <param name="A">Bits of the wider side.</param>
/// <param name="B">Bits of the narrower side.</param>
public readonly record struct TileShape(int A, int B)
{
    /// <summary>Xilinx DSP48E2 (UltraScale+) used unsigned.</summary>
    public static TileShape Dsp48E2 { get; } = new(26, 17);

    /// <inheritdoc/>
    public override string ToString() => $"{A}x{B}";
}

/// <summary>
/// How a product is cut into DSP tiles, decided once from widths (and a constant operand's value) before any hardware
/// is built, so tile counts and the error bounds of truncated products are known and can be reported and tested.
/// </summary>
public abstract class ProductPlan
{
    private protected ProductPlan(int widthX, int widthY)
    {
        WidthX = widthX;
        WidthY = widthY;
    }

    /// <summary>Bits of the first operand.</summary>
    public int WidthX { get; }

    /// <summary>Bits of the second operand (or of the constant).</summary>
    public int WidthY { get; }

    /// <summary>DSP tiles used: the resource the plan minimises.</summary>
    public abstract int Tiles { get; }

    /// <summary>Bits of the result.</summary>
    public abstract int ResultWidth { get; }

    /// <summary>One line describing the decomposition, for reports.</summary>
    public abstract string Describe();

    /// <summary>
    /// The cheapest exact product of two <paramref name="width"/>-bit variables: a tile grid, or a Karatsuba split
    /// (whose three sub-products are planned the same way) when <paramref name="karatsuba"/> allows it and it is cheaper
    /// counting its extra adders at <paramref name="lutsPerTile"/> LUTs per DSP tile. Karatsuba trades a quarter of the
    /// tiles for about 4n bits of pre-adders and recombination, which pays at 254 bits but not at 76.
    /// </summary>
    public static ProductPlan Square(int width, TileShape tile, bool karatsuba = true, double lutsPerTile = DefaultLutsPerTile)
    {
        var memo = new Dictionary<int, (ProductPlan Plan, double Cost)>();
        return Best(width).Plan;

        (ProductPlan Plan, double Cost) Best(int n)
        {
            if (memo.TryGetValue(n, out var done)) return done;
            ProductPlan grid = TileGrid.Full(n, n, tile);
            (ProductPlan Plan, double Cost) best = (grid, grid.Tiles);
            if (karatsuba && n >= 2 * tile.A)
            {
                int half = (n + 1) / 2;
                for (int h = half; h <= System.Math.Min(n - 2, half + tile.A); h++)
                {
                    var (lo, hi, mid) = (Best(h), Best(n - h), Best(h + 1));
                    double cost = lo.Cost + hi.Cost + mid.Cost + KaratsubaPlan.AdderBits(n, h) / lutsPerTile;
                    if (cost < best.Cost) best = (new KaratsubaPlan(n, h, lo.Plan, hi.Plan, mid.Plan), cost);
                }
            }
            memo[n] = best;
            return best;
        }
    }

    /// <summary>LUTs a DSP tile is worth when trading one for the other: a Virtex UltraScale+ VU9P has 1,182,240 LUTs and 6,840 DSPs (about 173 to one).</summary>
    public const double DefaultLutsPerTile = 173;
}

/// <summary>What part of a grid product is wanted.</summary>
public enum ProductPart
{
    /// <summary>The exact full product.</summary>
    Full,

    /// <summary>The product modulo 2^k: tiles wholly above bit k are left out.</summary>
    Low,

    /// <summary>The product shifted down by k bits, computed without the lowest tiles: may fall short by at most <see cref="TileGrid.Shortfall"/>.</summary>
    High,
}

/// <summary>One cell of a tile grid: x piece <paramref name="I"/> times y piece <paramref name="J"/>.</summary>
/// <param name="I">Index of the x piece.</param>
/// <param name="J">Index of the y piece.</param>
/// <param name="Shift">-1 for a DSP tile; otherwise the constant y piece is 2^Shift and the cell is a plain shift.</param>
public readonly record struct GridCell(int I, int J, int Shift)
{
    /// <summary>Whether the cell uses a DSP.</summary>
    public bool IsTile => Shift < 0;
}

/// <summary>
/// Schoolbook product on a grid of tiles: x cut into <see cref="PieceX"/>-bit pieces, y into <see cref="PieceY"/>-bit
/// pieces (whichever orientation of the tile needs fewer DSPs). When y is a constant, zero pieces are skipped and
/// power-of-two pieces become shifts, so sparse primes (BLS12-377) cost fewer DSPs.
/// </summary>
public sealed class TileGrid : ProductPlan
{
    private TileGrid(int wx, int wy, int px, int py, BigInteger? constY, ProductPart part, int cut, List<GridCell> cells, BigInteger shortfall)
        : base(wx, wy)
    {
        PieceX = px;
        PieceY = py;
        ConstY = constY;
        Part = part;
        Cut = cut;
        Cells = cells;
        Shortfall = shortfall;
        Tiles = cells.Count(c => c.IsTile);
    }

    /// <summary>Bits per x piece.</summary>
    public int PieceX { get; }

    /// <summary>Bits per y piece.</summary>
    public int PieceY { get; }

    /// <summary>The constant second operand, or null when y is a variable.</summary>
    public BigInteger? ConstY { get; }

    /// <summary>Which part of the product is computed.</summary>
    public ProductPart Part { get; }

    /// <summary>For <see cref="ProductPart.Low"/> the bits kept; for <see cref="ProductPart.High"/> the bits shifted away.</summary>
    public int Cut { get; }

    /// <summary>Cells computed, in row order.</summary>
    public IReadOnlyList<GridCell> Cells { get; }

    /// <summary>Upper bound of the cells left out of a <see cref="ProductPart.High"/> product (before the shift).</summary>
    public BigInteger Shortfall { get; }

    /// <inheritdoc/>
    public override int Tiles { get; }

    /// <inheritdoc/>
    public override int ResultWidth => Part switch
    {
        ProductPart.Low => Cut,
        ProductPart.High => WidthX + WidthY - Cut,
        _ => WidthX + WidthY,
    };

    /// <summary>Offset and width of x piece <paramref name="i"/>.</summary>
    public (int Offset, int Width) PieceOfX(int i) => Piece(i, PieceX, WidthX);

    /// <summary>Offset and width of y piece <paramref name="j"/>.</summary>
    public (int Offset, int Width) PieceOfY(int j) => Piece(j, PieceY, WidthY);

    /// <summary>Value of constant y piece <paramref name="j"/>.</summary>
    public BigInteger ConstPiece(int j)
    {
        var (o, w) = PieceOfY(j);
        return (ConstY!.Value >> o) & ((BigInteger.One << w) - 1);
    }

    private static (int, int) Piece(int i, int size, int total) => (i * size, System.Math.Min(size, total - i * size));

    /// <summary>The exact product of a <paramref name="wx"/>-bit x and a <paramref name="wy"/>-bit y (or constant).</summary>
    public static TileGrid Full(int wx, int wy, TileShape tile, BigInteger? constY = null) =>
        Plan(wx, wy, tile, constY, ProductPart.Full, 0, 0);

    /// <summary>x·y mod 2^<paramref name="bits"/>.</summary>
    public static TileGrid Low(int wx, int wy, TileShape tile, BigInteger? constY, int bits) =>
        Plan(wx, wy, tile, constY, ProductPart.Low, bits, 0);

    /// <summary>⌊(x·y − d) / 2^<paramref name="shift"/>⌋ for some 0 ≤ d ≤ <paramref name="budget"/>: the smallest cells are dropped while their bounds fit the budget.</summary>
    public static TileGrid High(int wx, int wy, TileShape tile, BigInteger? constY, int shift, BigInteger budget) =>
        Plan(wx, wy, tile, constY, ProductPart.High, shift, budget);

    private static TileGrid Plan(int wx, int wy, TileShape tile, BigInteger? constY, ProductPart part, int cut, BigInteger budget)
    {
        if (wx < 1 || wy < 1) throw new ArgumentException($"product widths must be positive ({wx}, {wy})");
        if (tile.A < 1 || tile.B < 1) throw new ArgumentException($"tile {tile} must have positive sides");
        if (constY is { } c && (c.Sign < 0 || c.GetBitLength() > wy)) throw new ArgumentException($"constant does not fit {wy} bits");
        var a = Build(wx, wy, tile.A, tile.B, constY, part, cut, budget);
        if (tile.A == tile.B) return a;
        var b = Build(wx, wy, tile.B, tile.A, constY, part, cut, budget);
        return b.Tiles < a.Tiles ? b : a;
    }

    private static TileGrid Build(int wx, int wy, int px, int py, BigInteger? constY, ProductPart part, int cut, BigInteger budget)
    {
        int nx = (wx + px - 1) / px, ny = (wy + py - 1) / py;
        var cells = new List<(GridCell Cell, BigInteger Bound)>();
        var probe = new TileGrid(wx, wy, px, py, constY, part, cut, [], 0);
        for (int i = 0; i < nx; i++)
        {
            var (ox, bx) = probe.PieceOfX(i);
            for (int j = 0; j < ny; j++)
            {
                var (oy, by) = probe.PieceOfY(j);
                if (part == ProductPart.Low && ox + oy >= cut) continue;
                BigInteger maxY = (BigInteger.One << by) - 1;
                int shift = -1;
                if (constY != null)
                {
                    maxY = probe.ConstPiece(j);
                    if (maxY.IsZero) continue;
                    if (maxY.IsPowerOfTwo) shift = (int)maxY.GetBitLength() - 1;
                }
                cells.Add((new GridCell(i, j, shift), (((BigInteger.One << bx) - 1) * maxY) << (ox + oy)));
            }
        }
        BigInteger dropped = 0;
        if (part == ProductPart.High)
        {
            var order = cells.OrderBy(c => c.Bound).ToList();
            var keep = new HashSet<GridCell>(cells.Select(c => c.Cell));
            foreach (var (cell, bound) in order)
            {
                if (dropped + bound > budget) break;
                dropped += bound;
                keep.Remove(cell);
            }
            cells = cells.Where(c => keep.Contains(c.Cell)).ToList();
        }
        return new TileGrid(wx, wy, px, py, constY, part, cut, cells.Select(c => c.Cell).ToList(), dropped);
    }

    /// <inheritdoc/>
    public override string Describe()
    {
        string what = Part switch
        {
            ProductPart.Low => $"low {Cut} bits of ",
            ProductPart.High => $"bits from {Cut} of ",
            _ => "",
        };
        string y = ConstY != null ? $"constant {WidthY}" : WidthY.ToString(CultureInfo.InvariantCulture);
        return $"{what}{WidthX}x{y}: {Tiles} tiles of {PieceX}x{PieceY}" + (Cells.Count > Tiles ? $" + {Cells.Count - Tiles} shifts" : "");
    }
}

/// <summary>
/// One Karatsuba level: with x = x1·2^h + x0 and y = y1·2^h + y0, x·y = z2·2^2h + (zm − z0 − z2)·2^h + z0 where
/// z0 = x0·y0, z2 = x1·y1 and zm = (x0 + x1)(y0 + y1): three (h+1)-bit products instead of four.
/// </summary>
public sealed class KaratsubaPlan : ProductPlan
{
    /// <summary>A split of a <paramref name="width"/>-bit square product at bit <paramref name="split"/>.</summary>
    public KaratsubaPlan(int width, int split, ProductPlan low, ProductPlan high, ProductPlan middle) : base(width, width)
    {
        if (split < (width + 1) / 2 || split >= width) throw new ArgumentException($"Karatsuba split {split} of {width} bits must be in [{(width + 1) / 2}, {width})");
        Split = split;
        Low = low;
        High = high;
        Middle = middle;
    }

    /// <summary>h: bits of the low halves.</summary>
    public int Split { get; }

    /// <summary>Plan of x0·y0 (h × h bits).</summary>
    public ProductPlan Low { get; }

    /// <summary>Plan of x1·y1.</summary>
    public ProductPlan High { get; }

    /// <summary>Plan of (x0 + x1)(y0 + y1), (h+1) × (h+1) bits.</summary>
    public ProductPlan Middle { get; }

    /// <inheritdoc/>
    public override int Tiles => Low.Tiles + High.Tiles + Middle.Tiles;

    /// <summary>Adder bits a split of <paramref name="width"/> at <paramref name="split"/> adds: two (h+1)-bit pre-adders, two (2h+2)-bit subtractions, one 2n-bit recombination.</summary>
    public static int AdderBits(int width, int split) => 2 * (split + 1) + 2 * (2 * split + 2) + 2 * width;

    /// <inheritdoc/>
    public override int ResultWidth => 2 * WidthX;

    /// <inheritdoc/>
    public override string Describe() =>
        $"Karatsuba {WidthX} at {Split}: {Tiles} tiles [{Low.Describe()}; {High.Describe()}; {Middle.Describe()}]";
}
