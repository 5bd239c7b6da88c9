using System.Numerics;
using ComputeAsic.Hdl;

namespace ComputeAsic.Hdl.Tests;

/// <summary>The software bits type against System.Numerics.BigInteger, at widths around every word boundary up to 1024.</summary>
public class BitsTests
{
    public static readonly int[] Widths = [1, 2, 7, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 191, 192, 255, 256, 257, 381, 512, 763, 1024];

    internal static BigInteger Random(Random rng, int width)
    {
        var bytes = new byte[(width + 7) / 8 + 1];
        rng.NextBytes(bytes);
        bytes[^1] = 0;
        var v = new BigInteger(bytes) & ((BigInteger.One << width) - 1);
        return (rng.Next(6)) switch
        {
            0 => 0,
            1 => (BigInteger.One << width) - 1,
            2 => BigInteger.One << rng.Next(width),
            _ => v,
        };
    }

    private static BigInteger Mask(int w) => (BigInteger.One << w) - 1;

    [Fact]
    public void ArithmeticMatchesBigInteger()
    {
        var rng = new Random(11);
        foreach (int w in Widths)
            for (int k = 0; k < 40; k++)
            {
                var x = Random(rng, w);
                var y = Random(rng, w);
                var a = Bits.Const(x, w);
                var b = Bits.Const(y, w);
                Assert.Equal(x, a.ToBigInteger());
                Assert.Equal((x + y) & Mask(w), (a + b).ToBigInteger());
                Assert.Equal((x - y) & Mask(w), (a - b).ToBigInteger());
                Assert.Equal(x * y, (a * b).ToBigInteger());
                Assert.Equal(2 * w, (a * b).Width);
                Assert.Equal(x + y, a.AddWithCarry(b).ToBigInteger());
                Assert.Equal(w + 1, a.AddWithCarry(b).Width);
                Assert.Equal(x & y, (a & b).ToBigInteger());
                Assert.Equal(x | y, (a | b).ToBigInteger());
                Assert.Equal(x ^ y, (a ^ b).ToBigInteger());
                Assert.Equal(Mask(w) ^ x, (~a).ToBigInteger());
                Assert.Equal(x < y, (a < b).IsTrue);
                Assert.Equal(x > y, (a > b).IsTrue);
                Assert.Equal(x <= y, (a <= b).IsTrue);
                Assert.Equal(x >= y, (a >= b).IsTrue);
                Assert.Equal(x == y, a.Eq(b).IsTrue);
                Assert.Equal(x != y, a.Ne(b).IsTrue);
                int s = rng.Next(w + 1);
                Assert.Equal((x << s) & Mask(w), (a << s).ToBigInteger());
                Assert.Equal(x >> s, (a >> s).ToBigInteger());
            }
    }

    [Fact]
    public void SliceConcatResizeMuxMatchBigInteger()
    {
        var rng = new Random(12);
        foreach (int w in Widths)
            for (int k = 0; k < 40; k++)
            {
                var x = Random(rng, w);
                var a = Bits.Const(x, w);
                int lo = rng.Next(w), hi = lo + rng.Next(w - lo);
                Assert.Equal((x >> lo) & Mask(hi - lo + 1), a.Slice(hi, lo).ToBigInteger());
                int w2 = 1 + rng.Next(300);
                var y = Random(rng, w2);
                var c = a.Concat(Bits.Const(y, w2));
                Assert.Equal(w + w2, c.Width);
                Assert.Equal((x << w2) | y, c.ToBigInteger());
                int r = 1 + rng.Next(1100);
                Assert.Equal(x & Mask(r), a.Resize(r).ToBigInteger());
                var z = Bits.Const(Random(rng, w), w);
                Assert.Equal(a, Bits.Mux(Bits.Const(1, 1), a, z));
                Assert.Equal(z, Bits.Mux(Bits.Const(0, 1), a, z));
                var cases = new[] { a, z, ~a };
                Assert.Equal(z, Bits.Select(Bits.Const(1, 2), cases));
                Assert.Equal(~a, Bits.Select(Bits.Const(3, 2), cases)); // past the end: the last case
                Assert.Equal(x & 1, a.Bit(0).ToBigInteger());
            }
    }

    [Fact]
    public void ConstantsAreRangeChecked()
    {
        Assert.Equal((BigInteger.One << 100) - 1, Bits.Const(-1, 100).ToBigInteger());
        Assert.Equal(0xffUL, Bits.Ones(8).ToUInt64());
        var e = Assert.Throws<HdlException>(() => Bits.Const(256, 8));
        Assert.Equal(DesignRule.ConstantRange, e.Rule);
        Assert.Throws<HdlException>(() => Bits.Const(-129, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bits.FromUInt64(16, 4));
        Assert.Throws<HdlException>(() => Bits.Const(1, 4) + Bits.Const(1, 5));
        Assert.Throws<HdlException>(() => Bits.Const(1, 4).Slice(4, 0));
    }

    [Fact]
    public void EqualityHashingAndText()
    {
        var a = Bits.Const(0x2a, 8);
        Assert.Equal(a, Bits.FromUInt64(0x2a, 8));
        Assert.NotEqual(a, Bits.Const(0x2a, 9));
        Assert.Equal(a.GetHashCode(), Bits.Const(0x2a, 8).GetHashCode());
        Assert.Equal("8'h2a", a.ToString());
        var wide = Bits.Const(BigInteger.Parse("123456789012345678901234567890"), 100);
        Assert.Equal(wide, Bits.FromLimbs([0xc373e0ee4e3f0ad2UL, 0x18ee90ff6UL], 100));
        Assert.Throws<OverflowException>(() => wide.ToUInt64());
    }
}
