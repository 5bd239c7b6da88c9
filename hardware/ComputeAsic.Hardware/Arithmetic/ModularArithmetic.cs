using System.Numerics;
using ComputeAsic.Hdl;

namespace ComputeAsic.Hardware.Arithmetic;

/// <summary>Knobs shared by the arithmetic generators; every combination gives a correct block, they trade DSPs, LUTs and latency.</summary>
public sealed record ArithmeticOptions
{
    /// <summary>The DSP tile (default: DSP48E2 used as 26×17 unsigned).</summary>
    public TileShape Tile { get; init; } = TileShape.Dsp48E2;

    /// <summary>Adder levels (or conditional subtractions) between pipeline registers: fewer means more registers and a faster clock.</summary>
    public int LevelsPerStage { get; init; } = 2;

    /// <summary>Whether full products may use Karatsuba where it saves tiles.</summary>
    public bool Karatsuba { get; init; } = true;

    /// <summary>LUTs one DSP tile is worth when Karatsuba trades tiles for adders (see <see cref="ProductPlan.DefaultLutsPerTile"/>).</summary>
    public double LutsPerTile { get; init; } = ProductPlan.DefaultLutsPerTile;

    /// <summary>Conditional subtractions the Barrett reduction may end with: a larger value lets the quotient product drop more tiles.</summary>
    public int MaxCorrections { get; init; } = 3;

    /// <summary>The plan of an exact <paramref name="width"/>-bit square product under these options.</summary>
    public ProductPlan SquarePlan(int width) => ProductPlan.Square(width, Tile, Karatsuba, LutsPerTile);

    /// <summary>The defaults above.</summary>
    public static ArithmeticOptions Default { get; } = new();

    /// <summary>Checks ranges; throws <see cref="ArgumentException"/> naming the bad knob.</summary>
    public ArithmeticOptions Validate()
    {
        if (Tile.A < 2 || Tile.B < 2) throw new ArgumentException($"tile {Tile}: sides must be at least 2 bits");
        if (LevelsPerStage < 1) throw new ArgumentException($"levels per stage {LevelsPerStage} must be at least 1");
        if (LutsPerTile <= 0) throw new ArgumentException($"LUTs per tile {LutsPerTile} must be positive");
        if (MaxCorrections < 1) throw new ArgumentException($"max corrections {MaxCorrections} must be at least 1");
        return this;
    }
}

/// <summary>
/// Modular addition, subtraction, doubling, reduction of small multiples and multiplication by small constants, generic
/// over the bits type. Elements are canonical (in [0, p)) on input and output; each operation is one or a few
/// registered stages built from carry chains only (no DSPs).
/// </summary>
public static class ModArith
{
    /// <summary>a + b mod p in one stage: the sum, and the sum minus p whose borrow picks between them.</summary>
    public static Timed<T> Add<T>(Pipe<T> pipe, Timed<T> a, Timed<T> b, BigInteger p, string name) where T : IBits<T>
    {
        int t = Align(pipe, ref a, ref b, name);
        return pipe.Stage(SubtractIfAtLeast(a.Value.AddWithCarry(b.Value), p, a.Width), t, name);
    }

    /// <summary>a − b mod p in one stage: the difference, plus p when it borrowed.</summary>
    public static Timed<T> Sub<T>(Pipe<T> pipe, Timed<T> a, Timed<T> b, BigInteger p, string name) where T : IBits<T>
    {
        int t = Align(pipe, ref a, ref b, name);
        int n = a.Width;
        var d = a.Value.Resize(n + 1) - b.Value.Resize(n + 1);
        var low = d.Resize(n);
        return pipe.Stage(T.Mux(d.Msb(), low + T.Const(p, n), low), t, name);
    }

    /// <summary>2a mod p in one stage (a shift, then one conditional subtraction).</summary>
    public static Timed<T> Double<T>(Pipe<T> pipe, Timed<T> a, BigInteger p, string name) where T : IBits<T> =>
        pipe.Stage(SubtractIfAtLeast(a.Value.Concat(T.Zero(1)), p, a.Width), a.Time, name);

    /// <summary>
    /// k·a mod p for a small constant k (such as 3b of a curve): k·a as a sum of shifted copies of a (adders, not a
    /// multiplier), then <see cref="Reduce{T}"/>.
    /// </summary>
    public static Timed<T> MulSmall<T>(Pipe<T> pipe, Timed<T> a, int k, BigInteger p, int levelsPerStage, string name) where T : IBits<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (k == 1) return a;
        var max = p - 1;
        var terms = new List<Shifted<T>>();
        for (int i = 0; k >> i != 0; i++)
            if ((k >> i & 1) != 0) terms.Add(new(a.Value.Resize(AdderTree.Bits(max)), i, max));
        var product = max * k;
        var sum = AdderTree.Sum(pipe, terms, a.Time, AdderTree.Bits(product), levelsPerStage, $"{name}_sum");
        return Reduce(pipe, sum, p, product + 1, levelsPerStage, name);
    }

    /// <summary>
    /// v mod p for 0 ≤ v &lt; <paramref name="bound"/> (a few multiples of p): conditional subtractions of 2^(j−1)·p, …, 2p, p,
    /// each leaving v below the multiple just tried, <paramref name="stepsPerStage"/> of them between registers.
    /// The result is registered (so <paramref name="v"/> may come straight from logic) and has the width of p.
    /// </summary>
    public static Timed<T> Reduce<T>(Pipe<T> pipe, Timed<T> v, BigInteger p, BigInteger bound, int stepsPerStage, string name) where T : IBits<T>
    {
        int n = (int)p.GetBitLength();
        int j = 0;
        while ((p << j) < bound) j++;
        var x = v.Value;
        int time = v.Time, done = 0;
        for (int s = j - 1; s >= 0; s--)
        {
            var m = p << s;
            x = SubtractIfAtLeast(x, m, AdderTree.Bits(m - 1));
            if (++done % stepsPerStage == 0 && s > 0) x = pipe.Stage(x, time++, $"{name}_r{s}").Value;
        }
        return pipe.Stage(x.Resize(n), time, name);
    }

    /// <summary>x − m when x ≥ m, else x, as <paramref name="width"/> bits (the caller guarantees the result fits): the borrow of one subtraction selects.</summary>
    public static T SubtractIfAtLeast<T>(T x, BigInteger m, int width) where T : IBits<T>
    {
        int w = System.Math.Max(x.Width, (int)m.GetBitLength()) + 1;
        var d = x.Resize(w) - T.Const(m, w);
        return T.Mux(d.Msb(), x.Resize(width), d.Resize(width));
    }

    private static int Align<T>(Pipe<T> pipe, ref Timed<T> a, ref Timed<T> b, string name) where T : IBits<T>
    {
        if (a.Width != b.Width) throw new ArgumentException($"{name}: operands are {a.Width} and {b.Width} bits");
        int t = Pipe<T>.Latest(a, b);
        a = pipe.At(a, t, $"{name}_a");
        b = pipe.At(b, t, $"{name}_b");
        return t;
    }
}
