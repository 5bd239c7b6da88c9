using System.Buffers.Binary;
using ComputeAsic.Bitstreams.Boards;
using ComputeAsic.Bitstreams.Tops;
using ComputeAsic.Hardware.Card;
using ComputeAsic.Sim;
using ComputeAsic.Sim.Card;

namespace ComputeAsic.Bitstreams.Tests;

/// <summary>A package of a card top records exactly the design hash the card's identity block reports.</summary>
public class CardIdentityTests
{
    [Fact]
    public void APackagedCardShellRecordsTheHashItsIdentityBlockReports()
    {
        var top = TopLevel.Resolve(BoardCatalog.Find("alveo-u250"), CardDesigns.ShellName, ["clock_mhz=300"]);
        using var sim = new Simulator(top.Design);
        foreach (var p in sim.Inputs) sim.Set(p.Name, 0UL);
        sim.Reset(2);
        var axi = new AxiLiteMaster(sim);
        var hash = new byte[32];
        for (int i = 0; i < 8; i++)
        {
            var (v, resp) = axi.Read(CardRegisters.Identity.DesignHash[i].Offset);
            Assert.Equal(AxiResponse.Okay, resp);
            BinaryPrimitives.WriteUInt32LittleEndian(hash.AsSpan(4 * i), v);
        }
        Assert.Equal(top.Hash, Convert.ToHexStringLower(hash));
        Assert.Equal(300u, axi.Read(CardRegisters.Identity.CapClock.Offset).Value);
    }
}
