using System.Buffers.Binary;
using ComputeAsic.Hardware.Card;
using ComputeAsic.Hdl;
using ComputeAsic.Hdl.Emit;
using ComputeAsic.Sim;
using ComputeAsic.Sim.Card;
using ComputeAsic.Tests.Shared;

namespace ComputeAsic.Hardware.Tests.Card;

/// <summary>The card shell's register map through its AXI4-Lite slave, in the simulator, GHDL and Verilator; the identity block; the register document.</summary>
public class CardShellTests
{
    private static readonly CardCapabilities Caps = new(BuildVersion: 7, ClockMhz: 250, Msm: true, Ntt: true, Curves: 0b1, Fields: 0b110,
        MsmMaxLogSize: 20, MsmWindow: 13, MsmAdders: 2, NttMaxLogSize: 24, NttLanes: 4);

    private static (Simulator Sim, AxiLiteMaster Axi) Start(CardCapabilities? caps = null)
    {
        var (_, design) = CardShell.Build(caps ?? Caps);
        var sim = new Simulator(design);
        foreach (var p in sim.Inputs) sim.Set(p.Name, 0UL);
        sim.Reset(2);
        return (sim, new AxiLiteMaster(sim));
    }

    private static IEnumerable<Register> Of(params RegisterAccess[] kinds) => CardRegisters.Map.Registers.Where(r => kinds.Contains(r.Access));

    [Fact]
    public void TheMapIsAlignedDistinctAndRefusesBadDeclarations()
    {
        var map = CardRegisters.Map;
        Assert.Equal(CardRegisters.MapVersion, map.Version);
        Assert.All(map.Registers, r => Assert.Equal(0, r.Offset % 4));
        Assert.Equal(map.Registers.Count, map.Registers.Select(r => r.Offset).Distinct().Count());
        Assert.Same(CardRegisters.Msm.Control, map["msm_control"]);
        Assert.Equal(0x10C, CardRegisters.Msm.IrqStatus.Offset);
        Assert.Equal(0x4u, CardRegisters.Ntt.Control.Field("soft_reset").Mask);
        Register R(string n, int off, int w = 32, params RegisterField[] f) => new(n, off, w, RegisterAccess.RW, 0, "x", f);
        RegisterMap M(params Register[] rs) => new(1, 12, [new RegisterBlock("b", 0, "x", rs)]);
        Assert.Contains("not a multiple of 4", Assert.Throws<ArgumentException>(() => M(R("a", 2))).Message);
        Assert.Contains("overlaps another register", Assert.Throws<ArgumentException>(() => M(R("a", 4), R("b", 4))).Message);
        Assert.Contains("outside the 12-bit", Assert.Throws<ArgumentException>(() => M(R("a", 4096))).Message);
        Assert.Contains("used twice", Assert.Throws<ArgumentException>(() => M(R("a", 0), R("a", 4))).Message);
        Assert.Contains("is outside its 8 bits", Assert.Throws<ArgumentException>(() => M(R("a", 0, 8, new RegisterField("f", 4, 5, "x")))).Message);
        Assert.Contains("overlaps another field", Assert.Throws<ArgumentException>(() => M(R("a", 0, 8, new("f", 0, 4, "x"), new("g", 3, 2, "x")))).Message);
        Assert.Contains("does not fit 4 bits", Assert.Throws<ArgumentException>(() => M(new Register("a", 0, 4, RegisterAccess.RW, 0x10, "x", []))).Message);
    }

    [Fact]
    public void EveryWritableRegisterReadsBackWhatWasWrittenAndDrivesItsPort()
    {
        var (sim, axi) = Start();
        using var _ = sim;
        var rng = new Random(5);
        var rw = Of(RegisterAccess.RW).ToList();
        var want = new Dictionary<string, uint>();
        foreach (var r in rw)
        {
            Assert.Equal(r.Reset, axi.Read(r.Offset).Value);
            uint v = (uint)rng.NextInt64();
            Assert.Equal(AxiResponse.Okay, axi.Write(r.Offset, v));
            want[r.Name] = v & r.Mask;
        }
        // All written first, then all read: a write that lands on another register would show here.
        foreach (var r in rw)
        {
            Assert.Equal((want[r.Name], AxiResponse.Okay), axi.Read(r.Offset));
            Assert.Equal(want[r.Name], (uint)sim.Get(r.Name));   // the engine side sees the same value
        }
        // Byte strobes: only the selected bytes change.
        var s = CardRegisters.Identity.Scratch;
        axi.Write(s.Offset, 0x11223344);
        Assert.Equal(AxiResponse.Okay, axi.Write(s.Offset, 0xAABBCCDD, strobe: 0b0101));
        Assert.Equal(0x11BB33DDu, axi.Read(s.Offset).Value);
        // A soft reset of the card returns them to their reset values.
        sim.Reset(1);
        foreach (var r in rw) Assert.Equal(r.Reset, axi.Read(r.Offset).Value);
    }

    [Fact]
    public void InterruptStatusIsSetByTheEngineClearedByWritingOnesAndRaisesTheLineWhenEnabled()
    {
        var (sim, axi) = Start();
        using var _ = sim;
        foreach (var e in CardRegisters.Engines)
        {
            var done = e.IrqStatus.Field("done").Mask;
            var error = e.IrqStatus.Field("error").Mask;
            sim.Set(e.IrqStatus.Name + "_set", done | error);
            sim.Step();
            sim.Set(e.IrqStatus.Name + "_set", 0UL);
            Assert.Equal(done | error, axi.Read(e.IrqStatus.Offset).Value);
            Assert.Equal(0UL, (ulong)sim.Get(e.Name + "_irq"));
            axi.Write(e.IrqEnable.Offset, e.IrqEnable.Field("done").Mask);
            Assert.Equal(1UL, (ulong)sim.Get(e.Name + "_irq"));
            Assert.Equal(AxiResponse.Okay, axi.Write(e.IrqStatus.Offset, done));   // write 1 to clear done only
            Assert.Equal(error, axi.Read(e.IrqStatus.Offset).Value);
            Assert.Equal(0UL, (ulong)sim.Get(e.Name + "_irq"));                    // error is pending but not enabled
            axi.Write(e.IrqStatus.Offset, 0);                                       // writing 0 clears nothing
            Assert.Equal(error, axi.Read(e.IrqStatus.Offset).Value);
            axi.Write(e.IrqStatus.Offset, error);
            Assert.Equal(0u, axi.Read(e.IrqStatus.Offset).Value);
        }
    }

    [Fact]
    public void ControlWritesAreOneCyclePulsesAndReadAsZero()
    {
        var (sim, axi) = Start();
        using var _ = sim;
        foreach (var e in CardRegisters.Engines)
        {
            uint start = e.Control.Field("start").Mask, reset = e.Control.Field("soft_reset").Mask;
            var trace = sim.StartRecording();
            Assert.Equal(AxiResponse.Okay, axi.Write(e.Control.Offset, start | reset | 0xFFFF_FF00));
            sim.StopRecording();
            var pulses = Enumerable.Range(0, trace.Cycles).Select(c => (uint)trace.Output(c, e.Control.Name)).Where(v => v != 0).ToList();
            Assert.Equal([start | reset], pulses);   // one cycle, only the implemented bits
            Assert.Equal((0u, AxiResponse.Okay), axi.Read(e.Control.Offset));
        }
    }

    [Fact]
    public void ReadOnlyRegistersRefuseWritesWithSlverrAndKeepTheirValue()
    {
        var (sim, axi) = Start();
        using var _ = sim;
        var rng = new Random(9);
        var ro = Of(RegisterAccess.RO).ToList();
        foreach (var r in ro.Where(r => !r.Constant)) sim.Set(r.Name, (ulong)(uint)rng.NextInt64() & r.Mask);
        foreach (var r in ro)
        {
            var (before, resp) = axi.Read(r.Offset);
            Assert.Equal(AxiResponse.Okay, resp);
            if (!r.Constant) Assert.Equal((uint)sim.Get(r.Name), before);
            Assert.Equal(AxiResponse.SlvErr, axi.Write(r.Offset, ~before));
            Assert.Equal((before, AxiResponse.Okay), axi.Read(r.Offset));
        }
        Assert.Equal(CardRegisters.Magic, axi.Read(CardRegisters.Identity.Magic.Offset).Value);
        Assert.Equal((uint)CardRegisters.MapVersion, axi.Read(CardRegisters.Identity.MapVersion.Offset).Value);
        var cap = CardRegisters.Identity.CapMsm;
        uint msm = axi.Read(cap.Offset).Value;
        Assert.Equal((20u, 13u, 2u), (cap.Field("max_log_size").Get(msm), cap.Field("window").Get(msm), cap.Field("adders").Get(msm)));
        Assert.Equal(250u, axi.Read(CardRegisters.Identity.CapClock.Offset).Value);
        Assert.Equal(0b11u, axi.Read(CardRegisters.Identity.CapEngines.Offset).Value);
    }

    [Fact]
    public void UnknownAndMisalignedAddressesAnswerSlverrChangeNothingAndNeverHang()
    {
        var (sim, axi) = Start();
        using var _ = sim;
        var map = CardRegisters.Map;
        var rw = Of(RegisterAccess.RW, RegisterAccess.W1C).ToList();
        foreach (var r in Of(RegisterAccess.RW)) axi.Write(r.Offset, 0x5A5A5A5A);
        var before = rw.ToDictionary(r => r.Name, r => axi.Read(r.Offset).Value);
        var bad = Enumerable.Range(0, (1 << map.AddressBits) / 4).Select(i => 4 * i).Where(a => map.At(a) == null)
            .Concat(map.Registers.SelectMany(r => new[] { r.Offset + 1, r.Offset + 2, r.Offset + 3 })).ToList();
        Assert.True(bad.Count > 1000, $"{bad.Count} bad addresses");
        long cycles = axi.Cycles;
        foreach (int a in bad)
        {
            Assert.Equal((0u, AxiResponse.SlvErr), axi.Read(a));
            Assert.Equal(AxiResponse.SlvErr, axi.Write(a, 0xFFFFFFFF));
        }
        // Each refused access is as quick as a good one: a write 3 cycles, a read 2 (the master's timeout would have caught a hang).
        Assert.Equal(5L * bad.Count, axi.Cycles - cycles);
        foreach (var r in rw) Assert.Equal(before[r.Name], axi.Read(r.Offset).Value);
        cycles = axi.Cycles;
        axi.Write(CardRegisters.Identity.Scratch.Offset, 1);
        axi.Read(CardRegisters.Identity.Scratch.Offset);
        Assert.Equal(5L, axi.Cycles - cycles);
    }

    [Fact]
    public void IdentityReportsTheDesignHashOfTheEmittedHdl()
    {
        // Recompute the hash from the definition: the zero-filled build's emitted VHDL.
        byte[] expect = DesignHash.OfFiles(new VhdlEmitter().Emit(new Design(new CardShell(Caps, new byte[DesignHash.Size]))));
        var (sim, axi) = Start();
        using var _ = sim;
        var words = CardRegisters.Identity.DesignHash.Select(r => axi.Read(r.Offset)).ToList();
        Assert.All(words, w => Assert.Equal(AxiResponse.Okay, w.Response));
        var read = new byte[DesignHash.Size];
        for (int i = 0; i < 8; i++) BinaryPrimitives.WriteUInt32LittleEndian(read.AsSpan(4 * i), words[i].Value);
        Assert.Equal(Convert.ToHexStringLower(expect), Convert.ToHexStringLower(read));
        Assert.Equal(7u, axi.Read(CardRegisters.Identity.BuildVersion.Offset).Value);

        // Any change to the build (here its clock) changes the hash; the catalog's card_shell records the value it reports.
        Assert.NotEqual(expect, CardShell.Build(Caps with { ClockMhz = 300 }).Hash);
        var entry = DesignCatalog.Find(CardDesigns.ShellName);
        var args = entry.Parse(["clock_mhz=125", "build_version=3"]);
        var module = entry.Build(args);
        var zero = DesignHash.Of(new Design(new CardShell(CardDesigns.ShellCapabilities(args), new byte[DesignHash.Size])));
        Assert.Equal(zero, entry.HashOf(args, new Design(module)));
        Assert.Equal(zero, ((CardShell)module).Hash);
    }

    [Fact]
    public void TheDriversIdentityReaderDecodesWhatTheCardReports()
    {
        var (sim, axi) = Start();
        using var _ = sim;
        var id = CardIdentity.Read(offset =>
        {
            var (v, resp) = axi.Read(offset);
            Assert.Equal(AxiResponse.Okay, resp);
            return v;
        });
        Assert.Equal(Caps, id.Capabilities);
        Assert.Equal(CardRegisters.MapVersion, id.MapVersion);
        Assert.Equal(CardShell.Build(Caps).Hash, id.DesignHash);
        // Another device, or another map version, is refused with the register named.
        var e = Assert.Throws<InvalidDataException>(() => CardIdentity.Read(o => o == 0 ? 0xFFFFFFFF : axi.Read(o).Value));
        Assert.Contains("not a ComputeAsic card: id_magic at 0x000 reads 0xFFFFFFFF", e.Message);
        e = Assert.Throws<InvalidDataException>(() => CardIdentity.Read(o => o == CardRegisters.Identity.MapVersion.Offset ? 2u : axi.Read(o).Value));
        Assert.Contains("id_map_version at 0x004 reads 2", e.Message);
    }

    [Fact]
    public void TheGoldenModelPassesTheCatalogStimulusAndCatchesWrongAnswers()
    {
        var entry = DesignCatalog.Find(CardDesigns.ShellName);
        var args = entry.Parse(null);
        using var sim = new Simulator(entry.Build(args));
        var trace = Cosimulation.Record(sim, entry.Stimulus(args, 3), 3000);
        var g = entry.Check!(args, trace);
        Assert.True(g.Failed == 0, string.Join("\n", g.Failures.Take(5)));
        Assert.True(g.Checks > 20000, $"only {g.Checks} checks");
        // The stimulus reaches every kind of answer: OKAY and SLVERR on both channels.
        var bResp = Enumerable.Range(1, trace.Cycles - 1).Where(c => trace.Output(c, "s_axi_bvalid") == 1 && trace.Output(c - 1, "s_axi_bvalid") == 0)
            .Select(c => (int)trace.Output(c, "s_axi_bresp")).ToHashSet();
        var rResp = Enumerable.Range(1, trace.Cycles - 1).Where(c => trace.Output(c, "s_axi_rvalid") == 1 && trace.Output(c - 1, "s_axi_rvalid") == 0)
            .Select(c => (int)trace.Output(c, "s_axi_rresp")).ToHashSet();
        Assert.Equal([0, 2], bResp.Order());
        Assert.Equal([0, 2], rResp.Order());

        foreach (var (port, flip) in new[] { ("s_axi_rdata", 1), ("s_axi_bresp", 2), ("s_axi_rresp", 2), ("msm_irq", 1), ("ntt_job_count", 1 << 20), ("s_axi_bvalid", 1) })
        {
            var bad = Cosimulation.Record(new Simulator(entry.Build(args)), entry.Stimulus(args, 3), 3000);
            for (int c = 100; c < bad.Cycles; c++) bad.SetOutput(c, port, bad.Output(c, port) ^ flip);
            Assert.True(entry.Check!(args, bad).Failed > 0, $"flipping {port} went unnoticed");
        }
    }

    [Theory]
    [InlineData(CosimTool.Ghdl)]
    [InlineData(CosimTool.Verilator)]
    public void RegisterAccessInTheEmittedHdlMatchesTheSimulation(CosimTool tool)
    {
        var design = CardShell.Build(Caps).Design;
        using var s2 = new Simulator(design);
        // Reset, then a host's session: identity, writes and read-backs, refused and misaligned accesses, an interrupt.
        var trace = s2.StartRecording();
        foreach (var p in s2.Inputs) s2.Set(p.Name, 0UL);
        s2.Set("rst", 1UL);
        s2.Step(2);
        s2.Set("rst", 0UL);
        var m = new AxiLiteMaster(s2);
        foreach (var r in CardRegisters.Identity.Block.Registers) m.Read(r.Offset);
        foreach (var r in CardRegisters.Msm.Block.Registers) { m.Write(r.Offset, 0xC0DE0000u | (uint)r.Offset); m.Read(r.Offset); }
        m.Write(0x0FF0, 1);
        m.Read(0x0102);
        s2.Set("ntt_irq_status_set", 1UL);
        m.Write(CardRegisters.Ntt.IrqEnable.Offset, 1);
        s2.Set("ntt_irq_status_set", 0UL);
        m.Write(CardRegisters.Ntt.IrqStatus.Offset, 1, strobe: 0b0001);
        s2.StopRecording();
        Assert.InRange(trace.Cycles, 100, 600);
        string dir = Directory.CreateTempSubdirectory("card-cosim-").FullName;
        try
        {
            var r = Cosimulation.Run(design, trace, tool, dir);
            Assert.True(r.Passed, string.Join("\n", r.Mismatches.Take(5)) + r.Log[^System.Math.Min(r.Log.Length, 2000)..]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TheCheckedInRegisterDocumentIsCurrent()
    {
        string path = Path.Combine(TestRepo.Root, RegisterDocument.RepositoryPath);
        string want = RegisterDocument.Markdown(CardRegisters.Map);
        Assert.True(File.Exists(path) && File.ReadAllText(path) == want,
            $"{RegisterDocument.RepositoryPath} is stale: regenerate it with `{RegisterDocument.Regenerate}`");
        foreach (var r in CardRegisters.Map.Registers) Assert.Contains($"| {r.Hex} | `{r.Name}` | {r.Access} |", want);
    }
}
