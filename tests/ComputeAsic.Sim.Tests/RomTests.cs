using System.Numerics;
using ComputeAsic.Hdl;

namespace ComputeAsic.Sim.Tests;

/// <summary>Memories with initial contents (ROMs): both simulator modes read the words from the first cycle, and bad contents are design-rule errors.</summary>
public class RomTests
{
    private sealed class Rom : Module
    {
        public Rom(BigInteger[] words) : base("rom_test")
        {
            var a = Input("a", 3);
            var m = Memory("words", 8, 40);
            m.Initialize(words);
            Output("y", m.Read(a));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsReturnTheContents(bool interpret)
    {
        var words = Enumerable.Range(0, 6).Select(i => (BigInteger.One << 39) + i * 977).ToArray();   // two words left zero
        using var sim = new Simulator(new Rom(words), new SimulatorOptions { Interpret = interpret });
        for (int a = 0; a < 8; a++)
        {
            sim.Set("a", (ulong)a);
            sim.Step();
            Assert.Equal(a < 6 ? words[a] : BigInteger.Zero, sim.Get("y"));
        }
    }

    [Fact]
    public void TooManyOrTooWideWordsAreRejected()
    {
        Assert.Throws<HdlException>(() => new Rom(new BigInteger[9]));
        Assert.Throws<HdlException>(() => new Rom([BigInteger.One << 40]));
    }
}
