using System.Numerics;
using ComputeAsic.Hdl;
using ComputeAsic.Sim;

namespace ComputeAsic.Hdl.Tests;

/// <summary>
/// The one idea: combinational code written once against <see cref="IBits{T}"/> runs on concrete values and
/// elaborates to hardware unchanged, and the two agree on random vectors at widths up to 1024.
/// </summary>
public class EquivalenceTests
{
    /// <summary>A modular adder, the motivating example: (a + b) mod p with a, b &lt; p.</summary>
    public static T ModAdd<T>(T a, T b, T p) where T : IBits<T>
    {
        var sum = a.AddWithCarry(b);
        var pw = p.Resize(sum.Width);
        var reduced = sum - pw;
        return T.Mux(sum < pw, sum, reduced).Resize(a.Width);
    }

    /// <summary>Exercises every operator of the interface in one expression tree.</summary>
    public static T Mix<T>(T a, T b, T c) where T : IBits<T>
    {
        int w = a.Width;
        var prod = (a * b).Slice(2 * w - 1, w / 2).Resize(w);
        var logic = (a & ~b) | (b ^ c);
        var shifted = (a << (w / 3)) + (c >> (w / 5)) - b;
        var cmp = T.Concat(a < b, b > c, a <= c, c >= a, a.Eq(c), b.Ne(c));
        var flags = cmp.Resize(w);
        var pick = T.Select(b.Slice(1 < w ? 1 : 0, 0).Resize(2), [logic, shifted, prod, flags]);
        var wide = a.AddWithCarry(c).Slice(w, 1);
        return T.Mux(c.Msb(), pick ^ wide, T.Concat(pick.Slice(w - 1, w - 1), wide.Resize(w - 1 < 1 ? 1 : w - 1)).Resize(w)) + T.Const(BigInteger.One, w);
    }

    private sealed class Harness : Module
    {
        public Harness(int w, Func<Signal, Signal, Signal, Signal> f) : base($"equiv_w{w}")
        {
            var a = Input("a", w);
            var b = Input("b", w);
            var c = Input("c", w);
            Output("y", f(a, b, c));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(128)]
    [InlineData(200)]
    [InlineData(256)]
    [InlineData(381)]
    [InlineData(512)]
    [InlineData(1024)]
    public void MixedOperatorsAgreeInSoftwareAndHardware(int w)
    {
        using var sim = new Simulator(new Harness(w, Mix));
        var rng = new Random(w);
        for (int k = 0; k < 200; k++)
        {
            var x = BitsTests.Random(rng, w);
            var y = BitsTests.Random(rng, w);
            var z = BitsTests.Random(rng, w);
            var soft = Mix(Bits.Const(x, w), Bits.Const(y, w), Bits.Const(z, w));
            sim.Set("a", x);
            sim.Set("b", y);
            sim.Set("c", z);
            Assert.Equal(soft.ToBigInteger(), sim.Get("y"));
        }
    }

    [Theory]
    [InlineData(64)]
    [InlineData(254)]
    [InlineData(381)]
    [InlineData(1024)]
    public void ModularAdderAgreesWithBigInteger(int w)
    {
        var rng = new Random(7 * w);
        var p = (BigInteger.One << (w - 1)) + BitsTests.Random(rng, w - 2) + 1;
        using var sim = new Simulator(new Harness(w, ModAdd));
        sim.Set("c", p);
        for (int k = 0; k < 200; k++)
        {
            var x = BitsTests.Random(rng, w - 1) % p;
            var y = BitsTests.Random(rng, w - 1) % p;
            var soft = ModAdd(Bits.Const(x, w), Bits.Const(y, w), Bits.Const(p, w));
            Assert.Equal((x + y) % p, soft.ToBigInteger());
            sim.Set("a", x);
            sim.Set("b", y);
            Assert.Equal((x + y) % p, sim.Get("y"));
        }
    }
}
