using BenchmarkDotNet.Attributes;
using ComputeAsic.Hardware.Library;
using ComputeAsic.Hdl;
using ComputeAsic.Sim;

namespace ComputeAsic.Bench;

/// <summary>
/// The compiled simulator on the 256-bit tiled multiplier: 10,000 clock cycles with new operands every cycle.
/// The side-by-side comparison with Verilator and GHDL is <c>computeasic hdl bench</c>.
/// </summary>
public class SimulatorBenchmarks
{
    private const int Cycles = 10_000;
    private Simulator _sim = null!;
    private SimPort _a = null!, _b = null!;
    private readonly ulong[] _words = new ulong[4];
    private ulong _x = 0x9E3779B97F4A7C15UL;

    /// <summary>Elaborates and compiles the multiplier once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _sim = new Simulator(new Design(new TiledMultiplier(256)));
        _a = _sim.Port("a");
        _b = _sim.Port("b");
    }

    /// <summary>Releases the simulator.</summary>
    [GlobalCleanup]
    public void Cleanup() => _sim.Dispose();

    private void Fill()
    {
        for (int i = 0; i < 4; i++)
        {
            _x ^= _x << 13;
            _x ^= _x >> 7;
            _x ^= _x << 17;
            _words[i] = _x;
        }
    }

    /// <summary>10,000 cycles of mul256 (divide the time by 10,000 for one cycle).</summary>
    [Benchmark(OperationsPerInvoke = Cycles)]
    public void Mul256Cycle()
    {
        for (int c = 0; c < Cycles; c++)
        {
            Fill();
            _a.Set(_words);
            Fill();
            _b.Set(_words);
            _sim.Run(1);
        }
    }
}
