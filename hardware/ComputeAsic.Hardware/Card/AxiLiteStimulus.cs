using System.Numerics;
using ComputeAsic.Hdl.Emit;

namespace ComputeAsic.Hardware.Card;

/// <summary>
/// Open-loop AXI4-Lite traffic for a <see cref="AxiLiteSlave"/>: one transaction per slot of <see cref="SlotCycles"/>
/// cycles, timed so the slave is always ready when a valid is raised (so every valid lasts one legal cycle), with the
/// response channel's ready held low for 0 to 3 cycles. Addresses are mostly registers of the map (any access), the
/// rest unknown, misaligned or random; strobes are sometimes partial. Engine-side inputs are random, W1C set pulses
/// rare; reset at the start and now and then between slots. Deterministic for a seed, computed from the cycle alone.
/// </summary>
public sealed class AxiLiteStimulus(RegisterMap map, int seed) : Stimulus
{
    /// <summary>Cycles per transaction slot: enough for the slowest write (both parts on cycle 1, response held 3 cycles) to finish.</summary>
    public const int SlotCycles = 10;

    private readonly record struct Plan(bool Reset, bool Write, int Addr, uint Data, uint Strb, int AwAt, int WAt, int ArAt, int RespAt);

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private ulong Key(long a, long b) => Mix((ulong)seed * 0x100000001B3UL ^ Mix((ulong)a) ^ ((ulong)b << 40));

    private Plan PlanOf(long slot)
    {
        ulong k = Key(slot, 0x51_07);
        int r(int n, int salt) => (int)(Mix(k + (ulong)salt) % (ulong)n);
        if (slot == 0 || r(40, 1) == 0) return new Plan(true, false, 0, 0, 0, -1, -1, -1, 0);
        var regs = map.Registers;
        int choice = r(10, 2);
        int window = 1 << map.AddressBits;
        int addr = choice switch
        {
            < 7 => regs[r(regs.Count, 3)].Offset,
            7 => UnknownAligned(r(window / 4, 4) * 4, window),
            8 => regs[r(regs.Count, 3)].Offset + 1 + r(3, 5),
            _ => r(window, 6),
        };
        uint data = (uint)Mix(k + 7);
        uint strb = r(4, 8) == 0 ? (uint)r(16, 9) : 0xF;
        bool write = r(2, 10) == 0;
        int aw = r(2, 11), w = r(3, 12);
        // A write's response rises two cycles after its address and data are both in; a read's data one cycle after its address.
        return write
            ? new Plan(false, true, addr, data, strb, aw, w, -1, System.Math.Max(aw, w) + 2 + r(4, 13))
            : new Plan(false, false, addr, 0, 0, -1, -1, aw, aw + 1 + r(4, 13));
    }

    private int UnknownAligned(int start, int window)
    {
        for (int a = start; ; a = (a + 4) % window)
            if (map.At(a) == null) return a;
    }

    private long _cachedSlot = -1;
    private Plan _cached;

    /// <inheritdoc/>
    public override BigInteger Value(long cycle, int index, TracePort port)
    {
        long slot = cycle / SlotCycles;
        int at = (int)(cycle % SlotCycles);
        if (slot != _cachedSlot) (_cachedSlot, _cached) = (slot, PlanOf(slot));
        var p = _cached;
        return port.Name switch
        {
            "rst" => p.Reset && (at == 0 || cycle < 2) ? 1 : 0,
            "s_axi_awvalid" => at == p.AwAt ? 1 : 0,
            "s_axi_awaddr" => at == p.AwAt ? p.Addr : 0,
            "s_axi_wvalid" => at == p.WAt ? 1 : 0,
            "s_axi_wdata" => at == p.WAt ? p.Data : 0,
            "s_axi_wstrb" => at == p.WAt ? p.Strb : 0,
            "s_axi_arvalid" => at == p.ArAt ? 1 : 0,
            "s_axi_araddr" => at == p.ArAt ? p.Addr : 0,
            "s_axi_bready" or "s_axi_rready" => p.Reset || at >= p.RespAt ? 1 : 0,
            _ when port.Name.EndsWith("_set", StringComparison.Ordinal) => Key(cycle, index) % 8 == 0 ? Random(cycle, index, port.Width) : 0,
            _ => Random(cycle, index, port.Width),
        };
    }

    private BigInteger Random(long cycle, int index, int width) => new BigInteger(Key(cycle, index + 1000)) & ((BigInteger.One << width) - 1);
}
