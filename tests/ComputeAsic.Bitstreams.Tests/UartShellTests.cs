using System.Numerics;
using ComputeAsic.Hardware.Arithmetic;
using ComputeAsic.Hardware.Shell;
using ComputeAsic.Sim;

namespace ComputeAsic.Bitstreams.Tests;

/// <summary>The UART shell in the cycle-accurate simulator: bytes bit-banged onto rx, the tx line decoded, products checked against BigInteger.</summary>
public class UartShellTests
{
    /// <summary>Drives a shell's rx line and records its tx line, cycle by cycle.</summary>
    private sealed class Harness(Simulator sim, int clocksPerBit)
    {
        private readonly Queue<int> _rx = new();
        private readonly List<int> _tx = [];

        public void Send(params byte[] bytes)
        {
            foreach (var b in bytes)
            {
                for (int i = 0; i < clocksPerBit; i++) _rx.Enqueue(0);
                for (int bit = 0; bit < 8; bit++)
                    for (int i = 0; i < clocksPerBit; i++) _rx.Enqueue((b >> bit) & 1);
                for (int i = 0; i < clocksPerBit; i++) _rx.Enqueue(1);
            }
        }

        public void Run(int cycles)
        {
            for (int c = 0; c < cycles; c++)
            {
                sim.Set("rx", (ulong)(_rx.Count > 0 ? _rx.Dequeue() : 1));
                _tx.Add((int)(ulong)sim.Get("tx"));
                sim.Step();
            }
        }

        /// <summary>The bytes on the tx line: each frame found by its falling edge and sampled in the middle of each bit.</summary>
        public List<byte> Received()
        {
            var bytes = new List<byte>();
            int i = 1;
            while (i < _tx.Count)
            {
                if (!(_tx[i - 1] == 1 && _tx[i] == 0)) { i++; continue; }
                int mid = i + clocksPerBit / 2;
                if (mid + 9 * clocksPerBit >= _tx.Count) break;
                Assert.Equal(0, _tx[mid]);
                int v = 0;
                for (int bit = 0; bit < 8; bit++) v |= _tx[mid + (bit + 1) * clocksPerBit] << bit;
                Assert.Equal(1, _tx[mid + 9 * clocksPerBit]);   // stop bit
                bytes.Add((byte)v);
                i = mid + 9 * clocksPerBit;
            }
            return bytes;
        }
    }

    private static byte[] Le(BigInteger v, int n)
    {
        var b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte)(v >> (8 * i) & 0xFF);
        return b;
    }

    private static BigInteger FromLe(IEnumerable<byte> bytes) => new([.. bytes, 0]);

    private static BigInteger Random(Random rng, BigInteger p, int n)
    {
        var b = new byte[n + 1];
        rng.NextBytes(b.AsSpan(0, n));
        return new BigInteger(b) % p;
    }

    public static TheoryData<string, int> Shells() => new() { { "babybear", 4 }, { "babybear", 7 }, { "goldilocks", 5 } };

    [Theory]
    [MemberData(nameof(Shells))]
    public void MultipliesOverTheUartAndReportsTheModulus(string fieldId, int clocksPerBit)
    {
        var field = ShellDesigns.Fields.Single(f => f.Id == fieldId);
        var shell = new UartShell(field, clocksPerBit, new ArithmeticOptions { Tile = new TileShape(16, 16) });
        int n = shell.OperandBytes;
        using var sim = new Simulator(shell);
        var h = new Harness(sim, clocksPerBit);
        var rng = new Random(7);
        var p = field.Modulus;
        var want = new List<BigInteger> { p };
        h.Send(UartShell.Modulus);
        h.Send(0x00, 0xFF);                 // unknown command bytes are ignored
        BigInteger[] edge = [0, 1, p - 1];
        for (int k = 0; k < 12; k++)
        {
            var a = k < 3 ? edge[k] : Random(rng, p, n);
            var b = k < 3 ? p - 1 : Random(rng, p, n);
            h.Send([UartShell.Multiply, .. Le(a, n), .. Le(b, n)]);
            want.Add(a * b % p);
        }
        // Every byte takes 10 bit times; the host sends back to back, and the shell answers each command before the next is complete.
        int frames = 3 + 12 * (1 + 2 * n) + 20 * n;
        h.Run(frames * 10 * clocksPerBit + 200);
        var got = h.Received();
        Assert.Equal(want.Count * n, got.Count);
        for (int i = 0; i < want.Count; i++) Assert.Equal(want[i], FromLe(got.Skip(i * n).Take(n)));
    }

    [Fact]
    public void TheEmittedVerilogBehavesAsTheSimulationInIcarus()
    {
        const int cpb = 4;
        var shell = new UartShell(FieldSpec.BabyBear, cpb, new ArithmeticOptions { Tile = new TileShape(16, 16) });
        var design = new Hdl.Design(shell);
        using var sim = new Simulator(design);
        var h = new Harness(sim, cpb);
        h.Send(UartShell.Modulus);
        h.Send([UartShell.Multiply, 1, 2, 3, 4, 5, 6, 7, 8]);
        sim.StartRecording();
        h.Run(25 * 10 * cpb);
        var trace = sim.StopRecording();
        Assert.Equal(8, h.Received().Count);
        string dir = Directory.CreateTempSubdirectory("uart-cosim-").FullName;
        try
        {
            var r = Cosimulation.Run(design, trace, CosimTool.Icarus, dir);
            Assert.True(r.Passed, string.Join("\n", r.Mismatches.Take(5)) + r.Log);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void AFrameWithABrokenStopBitIsDropped()
    {
        const int cpb = 4;
        var shell = new UartShell(FieldSpec.BabyBear, cpb, new ArithmeticOptions { Tile = new TileShape(16, 16) });
        using var sim = new Simulator(shell);
        // 'P' with its stop bit held low, then a line break, then a good 'P': only one answer.
        var h = new Harness(sim, cpb);
        var bits = new List<int>();
        for (int i = 0; i < cpb; i++) bits.Add(0);
        for (int bit = 0; bit < 8; bit++) for (int i = 0; i < cpb; i++) bits.Add((UartShell.Modulus >> bit) & 1);
        for (int i = 0; i < 3 * cpb; i++) bits.Add(0);
        foreach (var v in bits)
        {
            sim.Set("rx", (ulong)v);
            sim.Step();
        }
        h.Run(5 * cpb);
        h.Send(UartShell.Modulus);
        h.Run(10 * cpb * 8);
        Assert.Equal(Le(FieldSpec.BabyBear.Modulus, 4), h.Received());
    }
}
