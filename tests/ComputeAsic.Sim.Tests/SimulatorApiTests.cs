using System.Numerics;
using System.Text.RegularExpressions;
using ComputeAsic.Hardware.Examples;
using ComputeAsic.Hardware.Library;
using ComputeAsic.Hdl;
using ComputeAsic.Hdl.Emit;

namespace ComputeAsic.Sim.Tests;

/// <summary>The test-bench API: set inputs, step, read outputs, run until a condition, reset, peek, memories.</summary>
public class SimulatorApiTests
{
    [Fact]
    public void CounterCountsEnabledCyclesAndResets()
    {
        using var sim = new Simulator(new Counter(4));
        sim.Reset(2);
        Assert.Equal(0, sim.Get("count"));
        sim.Set("en", 1UL);
        sim.Step(5);
        Assert.Equal(5, sim.Get("count"));
        sim.Set("en", 0UL);
        sim.Step(3);
        Assert.Equal(5, sim.Get("count"));
        sim.Set("en", 1UL);
        sim.Step(11);
        Assert.Equal(0, sim.Get("count")); // wraps at 16
        Assert.Equal(21, sim.Cycle);
        sim.Reset();
        Assert.Equal(0, sim.Get("count"));
    }

    [Fact]
    public void RunUntilStopsAtTheConditionOrTimesOut()
    {
        using var sim = new Simulator(new Counter(8));
        sim.Reset();
        sim.Set("en", 1UL);
        int taken = sim.RunUntil(s => s.Get("count") == 42, 100);
        Assert.Equal(42, taken);
        Assert.Equal(42, sim.Get("count"));
        Assert.Throws<TimeoutException>(() => sim.RunUntil(s => s.Get("count") == 41, 50));
    }

    [Fact]
    public void MultiplierPipelineHasItsDeclaredLatency()
    {
        var mul = new TiledMultiplier(64, 26, 17);
        int latency = mul.Latency!.Value;
        using var sim = new Simulator(mul);
        var rng = new Random(5);
        var inputs = new List<(BigInteger, BigInteger)>();
        for (int c = 0; c < 40; c++)
        {
            var a = RandomDesigns.Value(rng, 64);
            var b = RandomDesigns.Value(rng, 64);
            inputs.Add((a, b));
            sim.Set("a", a);
            sim.Set("b", b);
            if (c >= latency) Assert.Equal(inputs[c - latency].Item1 * inputs[c - latency].Item2, sim.Get("p"));
            sim.Step();
        }
    }

    [Fact]
    public void FastPortsAndBigIntegerPortsAgree()
    {
        using var sim = new Simulator(new TiledMultiplier(128, 26, 17));
        var a = sim.Port("a");
        a.Set([0x0123456789abcdefUL, 0xfedcba9876543210UL]);
        sim.Port("b").Set(3UL);
        sim.Run(12);
        Assert.Equal(new BigInteger(0xfedcba9876543210UL) << 64 | 0x0123456789abcdefUL, a.Big);
        Assert.Equal(((new BigInteger(0xfedcba9876543210UL) << 64) | 0x0123456789abcdefUL) * 3, sim.Get("p"));
    }

    [Fact]
    public void BadPortsAndValuesAreRejected()
    {
        using var sim = new Simulator(new Counter(4));
        Assert.Contains("ports: rst, en, count", Assert.Throws<ArgumentException>(() => sim.Port("nope")).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Set("en", 2UL));
        Assert.Throws<ArgumentException>(() => sim.Set("count", 1UL));
        Assert.Throws<ArgumentException>(() => sim.Peek("count_q_nope"));
    }

    [Fact]
    public void PeekReadsNamedInternalSignals()
    {
        using var sim = new Simulator(new StreamStage(8), new SimulatorOptions { StoreNamedSignals = true });
        Assert.Contains("skid_valid_q", sim.Signals);
        Assert.Contains("out_valid_next", sim.Signals);
        sim.Reset();
        sim.Set("in_valid", 1UL);
        sim.Set("in_data", 0x5aUL);
        sim.Set("out_ready", 0UL);
        sim.Step();                 // item 1 to the output register
        Assert.Equal(1, sim.Peek("out_valid_q").ToBigInteger());
        sim.Set("in_data", 0x6bUL);
        sim.Step();                 // output stalled: item 2 to the skid register
        Assert.Equal(1, sim.Peek("skid_valid_q").ToBigInteger());
        Assert.Equal(0, sim.Get("in_ready"));
        sim.Set("out_ready", 1UL);
        Assert.Equal(0x5a, sim.Get("out_data"));
        sim.Step();
        Assert.Equal(0x6b, sim.Get("out_data"));
    }

    [Fact]
    public void MemoryReadsReturnTheOldWordWhenWrittenInTheSameCycle()
    {
        var m = new Module("ram_test");
        var we = m.Input("we", 1);
        var addr = m.Input("addr", 2);
        var data = m.Input("data", 70);
        var mem = m.Memory("ram", 4, 70);
        mem.Write(we, addr, data);
        m.Output("q", mem.Read(addr));
        using var sim = new Simulator(m);
        var big = (BigInteger.One << 69) + 5;
        sim.Set("we", 1UL);
        sim.Set("addr", 2UL);
        sim.Set("data", big);
        sim.Step();
        Assert.Equal(0, sim.Get("q"));    // read of the old word as the write happened
        sim.Set("we", 0UL);
        sim.Step();
        Assert.Equal(big, sim.Get("q"));
    }

    [Fact]
    public void InterpreterAndCompiledAgreeOnCatalogDesigns()
    {
        foreach (var e in ComputeAsic.Hardware.DesignCatalog.All.Where(e => e.Name != "mul256" && !e.Large))
        {
            var args = e.Parse(null);
            CompilerTests.Compare(e.Build(args), e.Build(args), 9, 200);
        }
    }

    [Fact]
    public void VcdParsesAndMatchesTheSimulation()
    {
        var w = new StringWriter();
        using var sim = new Simulator(new Fifo(8, 4), new SimulatorOptions { StoreNamedSignals = true });
        sim.DumpVcd(w);
        var trace = sim.StartRecording();
        Cosimulation.Drive(sim, new ComputeAsic.Hardware.RandomStimulus(4), 50);
        sim.StopRecording();
        var vcd = Vcd.Parse(w.ToString());
        Assert.Equal("1ns", vcd.Timescale);
        Assert.Contains("fifo_w8_d4.clk", vcd.Widths.Keys);
        Assert.Equal(8, vcd.Widths["fifo_w8_d4.out_data"]);
        Assert.Contains("fifo_w8_d4.wptr_q", vcd.Widths.Keys);
        for (int c = 0; c < trace.Cycles; c++)
        {
            Assert.Equal(trace.Input(c, "in_data"), vcd.ValueAt("fifo_w8_d4.in_data", 10 * c));
            Assert.Equal(trace.Output(c, "out_valid"), vcd.ValueAt("fifo_w8_d4.out_valid", 10 * c));
            Assert.Equal(0, vcd.ValueAt("fifo_w8_d4.clk", 10 * c));
            Assert.Equal(1, vcd.ValueAt("fifo_w8_d4.clk", 10 * c + 5));
        }
    }

    [Fact]
    public void GtkWaveToolsReadTheVcd()
    {
        string dir = Directory.CreateTempSubdirectory("vcd-gtkwave-").FullName;
        try
        {
            string vcdPath = Path.Combine(dir, "fifo.vcd");
            Trace trace;
            using (var file = new StreamWriter(vcdPath))
            {
                using var sim = new Simulator(new Fifo(8, 4), new SimulatorOptions { StoreNamedSignals = true });
                sim.DumpVcd(file);
                trace = sim.StartRecording();
                Cosimulation.Drive(sim, new ComputeAsic.Hardware.RandomStimulus(5), 60);
            }
            // GTKWave's converters parse the file with GTKWave's own reader; converting back must keep every value.
            var toFst = ComputeAsic.Hdl.Tools.ToolRunner.Run("vcd2fst", [vcdPath, "fifo.fst"], dir, TimeSpan.FromMinutes(1));
            Assert.True(toFst.ExitCode == 0, toFst.Output);
            var back = ComputeAsic.Hdl.Tools.ToolRunner.Run("fst2vcd", ["fifo.fst"], dir, TimeSpan.FromMinutes(1));
            Assert.True(back.ExitCode == 0, back.Output);
            var vcd = Vcd.Parse(back.Output);
            for (int c = 0; c < trace.Cycles; c++)
            {
                Assert.Equal(trace.Input(c, "in_data"), vcd.ValueAt("fifo_w8_d4.in_data", 10 * c));
                Assert.Equal(trace.Output(c, "out_data"), vcd.ValueAt("fifo_w8_d4.out_data", 10 * c));
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void VcdHasScopesForInstances()
    {
        var w = new StringWriter();
        using var sim = new Simulator(new TiledMultiplier(32, 16, 16), new SimulatorOptions { StoreNamedSignals = true });
        sim.DumpVcd(w);
        sim.Set("a", 7UL);
        sim.Set("b", 6UL);
        sim.Step(6);
        var vcd = Vcd.Parse(w.ToString());
        Assert.Contains("mul32_t16x16.tile_1_1.p_q", vcd.Widths.Keys);
        Assert.Equal(42, vcd.ValueAt("mul32_t16x16.p", 50));
    }
}

/// <summary>A strict reader of the VCD subset the simulator writes (IEEE 1364 §18): declarations, then value changes.</summary>
internal sealed class Vcd
{
    public string Timescale = "";
    public Dictionary<string, int> Widths = new();
    private readonly Dictionary<string, string> _idToName = new();
    private readonly Dictionary<string, List<(long Time, BigInteger Value)>> _changes = new();

    public static Vcd Parse(string text)
    {
        var v = new Vcd();
        var tokens = Regex.Split(text.Trim(), @"\s+");
        var scope = new List<string>();
        int i = 0;
        string Next() => i < tokens.Length ? tokens[i++] : throw new FormatException("unexpected end of VCD");
        void End() { if (Next() != "$end") throw new FormatException("missing $end"); }
        while (true)
        {
            string t = Next();
            if (t == "$enddefinitions") { End(); break; }
            switch (t)
            {
                case "$version" or "$date" or "$comment": while (Next() != "$end") { } break;
                case "$timescale": v.Timescale = Next(); End(); break;
                case "$scope": Assert.Equal("module", Next()); scope.Add(Next()); End(); break;
                case "$upscope": scope.RemoveAt(scope.Count - 1); End(); break;
                case "$var":
                    Assert.Equal("wire", Next());
                    int width = int.Parse(Next());
                    string id = Next(), name = Next();
                    string tail = Next();
                    if (tail != "$end") { Assert.Matches(@"^\[\d+:0\]$", tail); End(); }
                    string full = string.Join('.', scope.Append(name));
                    v.Widths[full] = width;
                    v._idToName[id] = full;
                    v._changes[full] = [];
                    break;
                default: throw new FormatException($"unexpected {t} in VCD header");
            }
        }
        Assert.Empty(scope);
        long time = -1;
        while (i < tokens.Length)
        {
            string t = Next();
            if (t is "$dumpvars" or "$end") continue;
            if (t[0] == '#') { long nt = long.Parse(t[1..]); Assert.True(nt > time, "time must increase"); time = nt; continue; }
            BigInteger value;
            string id;
            if (t[0] == 'b') { value = Bin(t[1..]); id = Next(); }
            else { value = t[0] == '1' ? 1 : t[0] == '0' ? 0 : throw new FormatException($"bad scalar {t}"); id = t[1..]; }
            string name = v._idToName[id];
            Assert.True(t[0] != 'b' || t.Length - 1 == v.Widths[name], $"{name}: value width {t.Length - 1} != {v.Widths[name]}");
            v._changes[name].Add((time, value));
        }
        return v;
    }

    private static BigInteger Bin(string s)
    {
        BigInteger r = 0;
        foreach (char c in s) r = (r << 1) + (c == '1' ? 1 : c == '0' ? 0 : throw new FormatException($"bad bit {c}"));
        return r;
    }

    public BigInteger ValueAt(string name, long time) => _changes[name].Last(c => c.Time <= time).Value;
}

/// <summary>The module example of the README, kept compiling and correct here.</summary>
public sealed class MacStage : Module
{
    public Signal A { get; }
    public Signal B { get; }
    public Signal Acc { get; }

    public MacStage(int w) : base($"mac_w{w}")
    {
        A = Input("a", w);
        B = Input("b", w);
        var product = Reg(A * B);
        var next = Wire(2 * w + 8, "acc_next");
        var acc = Reg(next, enable: Input("en", 1), reset: 0, name: "acc_q");
        next.Assign(acc + product.Resize(2 * w + 8));
        Acc = Output("acc", acc);
    }
}

public class ReadmeExampleTests
{
    [Fact]
    public void MacStageAccumulatesProducts()
    {
        using var sim = new Simulator(new MacStage(16));
        sim.Reset();
        sim.Set("en", 1UL);
        BigInteger expect = 0;
        var rng = new Random(1);
        ulong prevA = 0, prevB = 0;
        for (int c = 0; c < 100; c++)
        {
            ulong a = (ulong)rng.Next(65536), b = (ulong)rng.Next(65536);
            sim.Set("a", a);
            sim.Set("b", b);
            Assert.Equal(expect, sim.Get("acc"));
            sim.Step();
            expect += c == 0 ? 0 : (BigInteger)prevA * prevB;   // the product register delays by one cycle
            (prevA, prevB) = (a, b);
        }
    }
}
