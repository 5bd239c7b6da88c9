using System.Numerics;
using ComputeAsic.Hdl;

namespace ComputeAsic.Sim.Tests;

/// <summary>Random netlists using every node kind: the fuzzing input for the compiler and the emitters.</summary>
internal static class RandomDesigns
{
    public static BigInteger Value(Random rng, int width)
    {
        var bytes = new byte[(width + 7) / 8 + 1];
        rng.NextBytes(bytes);
        bytes[^1] = 0;
        var v = new BigInteger(bytes) & ((BigInteger.One << width) - 1);
        return rng.Next(8) switch
        {
            0 => 0,
            1 => (BigInteger.One << width) - 1,
            _ => v,
        };
    }

    private sealed class Leaf : Module
    {
        public Leaf(int w, ClockDomain clock) : base($"leaf_w{w}")
        {
            Clock = clock;
            var a = Input("a", w);
            var b = Input("b", w);
            var en = Input("en", 1);
            Output("comb", a ^ ~b);
            var next = Wire(w, "acc_next");
            var acc = Reg(next, enable: en, reset: 1, name: "acc_q");
            next.Assign(acc + (a ^ b));
            Output("acc", acc);
        }
    }

    /// <summary>A design of roughly <paramref name="ops"/> operators with registers, feedback, memories and a child instance.</summary>
    public static Module Build(int seed, int ops = 60, int maxWidth = 160, ClockDomain? clock = null)
    {
        var rng = new Random(seed);
        var m = new Module($"fuzz_{seed}") { Clock = clock ?? ClockDomain.Default };
        var pool = new List<Signal>();
        int W() => rng.Next(4) == 0 ? 1 + rng.Next(maxWidth) : 1 + rng.Next(70);
        for (int i = 0; i < 2 + rng.Next(4); i++) pool.Add(m.Input($"in{i}", W()));
        pool.Add(Signal.Constant(Value(rng, 13), 13));
        Signal Pick() => pool[rng.Next(pool.Count)];
        Signal Fit(Signal s, int w) => s.Width == w ? s : s.Resize(w);
        Signal Bit() => Pick().Bit(0);

        // Feedback: registers whose next value is assigned at the end (including a ring of two).
        var pending = new List<Signal>();
        for (int i = 0; i < 3; i++)
        {
            var w = m.Wire(W(), $"fb{i}");
            pending.Add(w);
            pool.Add(m.Reg(w, enable: rng.Next(2) == 0 ? null : Bit(), reset: rng.Next(2) == 0 ? null : Value(rng, System.Math.Min(w.Width, 20)), name: $"fbq{i}"));
        }
        int rw = W();
        var ring1 = m.Wire(rw, "ring1w");
        var ring2 = m.Wire(rw, "ring2w");
        var r1 = m.Reg(ring1, reset: 1, name: "ring1");
        var r2 = m.Reg(ring2, name: "ring2");
        ring1.Assign(r2);
        ring2.Assign(r1 ^ Fit(pool[0], rw));
        pool.Add(r1);

        for (int i = 0; i < ops; i++)
        {
            var a = Pick();
            var b = Fit(Pick(), a.Width);
            Signal r = rng.Next(20) switch
            {
                0 => a + b,
                1 => a - b,
                2 => a.Width <= 100 ? a * Fit(Pick(), 1 + rng.Next(64)) : a & b,
                3 => a & b,
                4 => a | b,
                5 => a ^ b,
                6 => ~a,
                7 => (a < b).Concat(a >= b),
                8 => a.Eq(b).Concat(a.Ne(b)).Concat(a > b).Concat(a <= b),
                9 => a.Slice(a.Width - 1, rng.Next(a.Width)),
                10 => Signal.Concat(a, Pick(), Pick()),
                11 => Signal.Mux(Bit(), a, b),
                12 => Signal.Select(Fit(Pick(), 1 + rng.Next(3)), new[] { a, b, ~a, a ^ b, b }.AsSpan(0, 1 + rng.Next(5))),
                13 => a.AddWithCarry(b),
                14 => a << rng.Next(a.Width + 1),
                15 => a >> rng.Next(a.Width + 1),
                16 => m.Reg(a, enable: rng.Next(2) == 0 ? null : Bit(), reset: rng.Next(2) == 0 ? null : 0),
                17 => m.Pipeline(a, 1 + rng.Next(3)),
                18 => a.Resize(1 + rng.Next(200)),
                _ => Signal.Constant(Value(rng, a.Width), a.Width) + a,
            };
            if (r.Width > 600) r = r.Resize(600);
            pool.Add(r);
        }

        // A memory with two write ports and two read ports.
        var mem = m.Memory("ram", 8, W());
        mem.Write(Bit(), Fit(Pick(), 3), Fit(Pick(), mem.Width));
        mem.Write(Bit(), Fit(Pick(), 3), Fit(Pick(), mem.Width));
        pool.Add(mem.Read(Fit(Pick(), 3)));
        pool.Add(mem.Read(Fit(Pick(), 3), enable: Bit()));

        // A child instance, fed from and feeding the pool.
        int lw = 1 + rng.Next(90);
        var leaf = new Leaf(lw, m.Clock);
        var u = m.Instantiate(leaf, "u_leaf");
        u.Connect("a", Fit(Pick(), lw));
        u.Connect("b", Fit(Pick(), lw));
        u.Connect("en", Bit());
        pool.Add(u.Output("comb"));
        pool.Add(u.Output("acc"));

        foreach (var w in pending) w.Assign(Fit(pool[rng.Next(pool.Count / 2, pool.Count)], w.Width));
        for (int i = 0; i < 4; i++) m.Output($"out{i}", pool[rng.Next(pool.Count / 2, pool.Count)]);
        m.Output("out_ring", r1);
        m.Output("out_q", pool[^3]);
        return m;
    }
}
