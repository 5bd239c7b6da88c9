using System.Numerics;
using ComputeAsic.Hardware.Msm;
using ComputeAsic.Hdl;
using ComputeAsic.Sim;
using ComputeAsic.Sim.Engines;

namespace ComputeAsic.Hardware.Tests.Msm;

/// <summary>
/// The scheduler and memories on their own, around the cheap stand-in adder: every addition lands in its bucket
/// exactly once (sums and counts per bucket), the netlist's cycles equal the schedule model's under parking-heavy
/// patterns and a full FIFO, and GHDL replays a recorded run cycle by cycle.
/// </summary>
public sealed class MsmSchedulerTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("msm-sched-");

    public void Dispose() => _dir.Delete(recursive: true);

    /// <summary>Patterns: 0 random digits, 1 every digit equal, 2 digits in {1, -1}, 3 zero digits and identities mixed in.</summary>
    private static MsmEngineJob Job(MsmConfig config, StandInBucketAdder adder, int n, int pattern, int seed)
    {
        var rng = new Random(seed);
        var identity = new bool[n];
        var digits = new int[n * config.Windows];
        var beats = new BigInteger[n];
        int half = config.Buckets;
        int same = 1 + rng.Next(half);
        for (int i = 0; i < n; i++)
        {
            identity[i] = pattern == 3 && rng.Next(5) == 0;
            for (int w = 0; w < config.Windows; w++)
            {
                digits[i * config.Windows + w] = pattern switch
                {
                    1 => same,
                    2 => rng.Next(2) == 0 ? 1 : -1,
                    3 => rng.Next(3) == 0 ? 0 : rng.Next(-half, half + 1),
                    _ => rng.Next(-half, half + 1),
                };
            }
            var m = (long)adder.Modulus;
            beats[i] = config.Beat(rng.NextInt64(m), rng.NextInt64(m), identity[i], digits.AsSpan(i * config.Windows, config.Windows));
        }
        var reads = Enumerable.Range(0, 1 << config.AddressBits).ToArray();
        return new MsmEngineJob(config, adder.Latency, identity, digits, beats, reads);
    }

    private static (MsmConfig, StandInBucketAdder, MsmEngine) Engine(int window = 3, int scalarBits = 11, int fifo = 4, int latency = 6)
    {
        var adder = new StandInBucketAdder(16, latency);
        var config = new MsmConfig(window, scalarBits, 16, fifo);
        return (config, adder, new MsmEngine(config, adder));
    }

    /// <summary>Expected bucket words: x and signed y summed mod m, z the number of additions, written flag set where any landed.</summary>
    private static Dictionary<int, BigInteger> Expected(MsmEngineJob job, StandInBucketAdder adder, out long cycles)
    {
        int n = adder.Bits;
        var m = adder.Modulus;
        var acc = new Dictionary<int, (BigInteger X, BigInteger Y, BigInteger Z)>();
        cycles = MsmScheduleModel.Run(job.Config, job.Latency, job.Identity, job.Digits, op =>
        {
            var beat = job.Beats[op.Point];
            var x = beat & m;
            var y = (beat >> n) & m;
            if (op.Negate && !y.IsZero) y = m - y;
            var (ax, ay, az) = acc.GetValueOrDefault(op.Address);
            acc[op.Address] = ((ax + x) % m, (ay + y) % m, az + 1);
        });
        return acc.ToDictionary(kv => kv.Key, kv => kv.Value.X | (kv.Value.Y << n) | (kv.Value.Z << (2 * n)) | (BigInteger.One << (3 * n)));
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(1, 4)]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    public void EveryAdditionLandsOnceAndCyclesEqualTheModel(int pattern, int fifo)
    {
        var (config, adder, engine) = Engine(fifo: fifo);
        using var sim = new Simulator(engine);
        foreach (int n in new[] { 1, 5, 80 })
        {
            var job = Job(config, adder, n, pattern, n + pattern);
            var expected = Expected(job, adder, out long modelCycles);
            var (cycles, words) = MsmBench.Drive(sim, job);
            Assert.Equal(modelCycles, cycles);
            foreach (var (addr, word) in words)
                Assert.True(expected.GetValueOrDefault(addr, BigInteger.Zero) == word, $"pattern {pattern} n={n} bucket {addr}: {word:x}, expected {expected.GetValueOrDefault(addr):x}");
            // The read-back cleared every bucket: a second run of the same job gives the same words.
            var (again, words2) = MsmBench.Drive(sim, job);
            Assert.Equal(cycles, again);
            Assert.Equal(words, words2);
        }
    }

    [Fact]
    public void AllEqualDigitsAreSlowButCorrectAndRandomOnesNearTheBound()
    {
        var (config, adder, _) = Engine(window: 9, scalarBits: 40, fifo: 16, latency: 20);
        Expected(Job(config, adder, 2000, 0, 1), adder, out long random);
        Expected(Job(config, adder, 2000, 1, 1), adder, out long equal);
        long bound = config.Bound(2000);
        Assert.InRange(random, bound, bound * 103 / 100);
        Assert.True(equal > 2 * bound, $"all-equal digits: {equal} cycles, bound {bound}");
    }

    [Fact]
    public void GhdlReplaysARecordedRunCycleByCycle()
    {
        var (config, adder, engine) = Engine(window: 3, scalarBits: 8, fifo: 2, latency: 4);
        var job = Job(config, adder, 12, 1, 7) with { Reads = [.. Enumerable.Range(0, 1 << config.AddressBits)] };
        var stimulus = new MsmStimulus(job);
        var design = new Design(engine);
        using var sim = new Simulator(design);
        int cycles = (int)(stimulus.ReadStart + job.Reads.Length + 2);
        var trace = Cosimulation.Record(sim, stimulus, cycles);
        // The recorded run is the job: idle when the model says, and the read-back equals the expected buckets.
        var expected = Expected(job, adder, out _);
        for (int j = 0; j < job.Reads.Length; j++)
            Assert.Equal(expected.GetValueOrDefault(job.Reads[j], BigInteger.Zero), trace.Output((int)stimulus.ReadStart + j + 1, "rd_data"));
        Assert.Equal(BigInteger.One, trace.Output((int)stimulus.ReadStart, "idle"));
        var r = Cosimulation.Run(design, trace, CosimTool.Ghdl, Path.Combine(_dir.FullName, "ghdl"), TimeSpan.FromMinutes(10));
        Assert.True(r.Passed, string.Join("\n", r.Mismatches.Take(5)) + (r.Log.Length > 3000 ? r.Log[^3000..] : r.Log));
    }
}
