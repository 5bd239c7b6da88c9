using System.Numerics;
using ComputeAsic.Hardware.Arithmetic;
using ComputeAsic.Hdl;
using CsCheck;
using static ComputeAsic.Hardware.Tests.Arithmetic.TestValues;

namespace ComputeAsic.Hardware.Tests.Arithmetic;

public class ProductTests
{
    private static Gen<BigInteger> Value(int width) =>
        Gen.Byte.Array[(width + 7) / 8 + 1].Select(b => new BigInteger(b, isUnsigned: true) & ((BigInteger.One << width) - 1));

    [Fact]
    public void Karatsuba_is_chosen_where_it_saves_tiles_and_not_where_it_does_not()
    {
        var tile = TileShape.Dsp48E2;
        var p254 = ProductPlan.Square(254, tile);
        Assert.IsType<KaratsubaPlan>(p254);
        Assert.True(p254.Tiles < TileGrid.Full(254, 254, tile).Tiles * 3 / 4, p254.Describe());
        Assert.IsType<TileGrid>(ProductPlan.Square(64, tile));
        Assert.IsType<TileGrid>(ProductPlan.Square(254, tile, karatsuba: false));
        // Karatsuba trades tiles for adders: at a very low LUT price per tile it never pays.
        Assert.IsType<TileGrid>(ProductPlan.Square(254, tile, lutsPerTile: 1));
    }

    [Theory]
    [InlineData(26, 17)]
    [InlineData(18, 25)]
    [InlineData(16, 16)]
    [InlineData(9, 4)]
    public void Square_products_equal_BigInteger_products(int tileA, int tileB)
    {
        var tile = new TileShape(tileA, tileB);
        Gen.Int[2, 300].SelectMany(n => Value(n).Select(Value(n), (a, b) => (n, a, b))).Sample(x =>
        {
            var plan = ProductPlan.Square(x.n, tile);
            var r = Products.Multiply(W, At0(x.a, x.n), At0(x.b, x.n), plan, 2, "p");
            Assert.Equal(2 * x.n, r.Width);
            Assert.Equal(x.a * x.b, r.Value.ToBigInteger());
        }, iter: 60);
    }

    [Fact]
    public void Products_of_extreme_operands_are_exact()
    {
        foreach (int n in new[] { 17, 26, 64, 127, 254, 381 })
        {
            var plan = ProductPlan.Square(n, TileShape.Dsp48E2);
            var max = (BigInteger.One << n) - 1;
            foreach (var (a, b) in new[] { (max, max), (max, BigInteger.Zero), (BigInteger.One, max), (max >> 1, max) })
                Assert.Equal(a * b, Products.Multiply(W, At0(a, n), At0(b, n), plan, 1, "p").Value.ToBigInteger());
        }
    }

    [Fact]
    public void Low_products_are_exact_modulo_the_cut_and_skip_tiles_above_it()
    {
        var c = FieldSpec.Bn254Fq.Modulus;
        var full = TileGrid.Full(255, 254, TileShape.Dsp48E2, c);
        var low = TileGrid.Low(255, 254, TileShape.Dsp48E2, c, 256);
        Assert.True(low.Tiles < full.Tiles * 2 / 3, low.Describe());
        Value(255).Sample(x =>
        {
            var r = Products.MultiplyByConstant(W, At0(x, 255), low, 2, "qp");
            Assert.Equal(256, r.Width);
            Assert.Equal(x * c % (BigInteger.One << 256), r.Value.ToBigInteger());
        }, iter: 100);
    }

    [Fact]
    public void High_products_fall_short_by_no_more_than_the_dropped_tiles()
    {
        var mu = (BigInteger.One << 508) / FieldSpec.Bn254Fq.Modulus;
        var budget = BigInteger.One << 255;
        var high = TileGrid.High(255, 255, TileShape.Dsp48E2, mu, 255, budget);
        Assert.InRange(high.Shortfall, BigInteger.One, budget);
        Assert.True(high.Tiles < TileGrid.Full(255, 255, TileShape.Dsp48E2, mu).Tiles * 2 / 3, high.Describe());
        var max = (BigInteger.One << 255) - 1;
        Value(255).Sample(x =>
        {
            foreach (var q in new[] { x, max })
            {
                var got = Products.MultiplyByConstant(W, At0(q, 255), high, 2, "q").Value.ToBigInteger();
                Assert.InRange(got, (q * mu - high.Shortfall) >> 255, (q * mu) >> 255);
            }
        }, iter: 100);
    }

    [Fact]
    public void Zero_and_power_of_two_pieces_of_a_constant_cost_no_tile()
    {
        // BLS12-377's p ends in ...8508c00000000001: a piece equal to 1 and zero pieces.
        var p = FieldSpec.Bls12377Fq.Modulus;
        var g = TileGrid.Full(200, 377, TileShape.Dsp48E2, p);
        Assert.Contains(g.Cells, c => !c.IsTile);
        Assert.True(g.Tiles < g.Cells.Count);
        var x = (BigInteger.One << 200) - 12345;
        Assert.Equal(x * p, Products.MultiplyByConstant(W, At0(x, 200), g, 2, "xp").Value.ToBigInteger());
    }

    [Fact]
    public void Latency_of_a_product_is_its_register_stages()
    {
        // One tile: the tile register only. A 4-tile grid: tile register + ceil(2 levels / levelsPerStage).
        Assert.Equal(1, Products.Multiply(W, At0(3, 17), At0(5, 17), TileGrid.Full(17, 17, new(26, 17)), 1, "p").Time);
        Assert.Equal(3, Products.Multiply(W, At0(3, 34), At0(5, 34), TileGrid.Full(34, 34, new(17, 17)), 1, "p").Time);
        Assert.Equal(2, Products.Multiply(W, At0(3, 34), At0(5, 34), TileGrid.Full(34, 34, new(17, 17)), 2, "p").Time);
    }
}
