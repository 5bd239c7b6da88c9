using System.Numerics;
using ComputeAsic.Hdl;

namespace ComputeAsic.Sim.Tests;

/// <summary>The compiled simulator against the reference interpreter, cycle by cycle, on random designs.</summary>
public class CompilerTests
{
    internal static void Compare(Module a, Module b, int seed, int cycles)
    {
        using var fast = new Simulator(a);
        using var slow = new Simulator(b, new SimulatorOptions { Interpret = true });
        var rng = new Random(seed);
        for (int c = 0; c < cycles; c++)
        {
            foreach (var p in fast.Inputs)
            {
                var v = p.Name == "rst" ? (c < 2 || rng.Next(20) == 0 ? 1 : 0) : RandomDesigns.Value(rng, p.Width);
                fast.Set(p.Name, v);
                slow.Set(p.Name, v);
            }
            if (rng.Next(3) > 0)
                foreach (var p in fast.Outputs)
                    Assert.True(fast.Get(p.Name) == slow.Get(p.Name), $"seed {seed} cycle {c} output {p.Name}: compiled {fast.Get(p.Name)}, reference {slow.Get(p.Name)}");
            switch (rng.Next(3))
            {
                case 0: fast.Step(); break;
                case 1: fast.Run(1); break;
                default: fast.Eval(); fast.Step(); break;
            }
            slow.Step();
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void CompiledCodeMatchesTheReferenceInterpreter(int seed)
    {
        Compare(RandomDesigns.Build(seed), RandomDesigns.Build(seed), seed, 150);
    }

    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 24));

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void ResetStylesMatchTheReferenceInterpreter(bool async, bool activeLow)
    {
        var clock = new ClockDomain("clk", "rst", async, activeLow);
        Compare(RandomDesigns.Build(100, clock: clock), RandomDesigns.Build(100, clock: clock), 100, 200);
    }

    [Fact]
    public void WideDesignsMatchTheReferenceInterpreter()
    {
        for (int seed = 200; seed < 204; seed++)
            Compare(RandomDesigns.Build(seed, ops: 120, maxWidth: 1024), RandomDesigns.Build(seed, ops: 120, maxWidth: 1024), seed, 60);
    }

    [Fact]
    public void LargeDesignsAreSplitIntoSeveralKernelsAndStillAgree()
    {
        using var sim = new Simulator(new Hardware.Library.TiledMultiplier(256));
        Assert.True(sim.Kernels > 1, $"expected several kernels, got {sim.Kernels}");
        Compare(new Hardware.Library.TiledMultiplier(256), new Hardware.Library.TiledMultiplier(256), 300, 25);
    }
}
