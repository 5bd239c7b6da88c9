using System.Globalization;

namespace ComputeAsic.Sim.Card;

/// <summary>What an AXI4-Lite slave answered.</summary>
public enum AxiResponse
{
    /// <summary>Done.</summary>
    Okay = 0,

    /// <summary>Exclusive access done (not used by AXI4-Lite slaves).</summary>
    ExOkay = 1,

    /// <summary>The slave refused: unknown or misaligned address, or a write to a read-only register.</summary>
    SlvErr = 2,

    /// <summary>No slave at the address (interconnect).</summary>
    DecErr = 3,
}

/// <summary>
/// A host's AXI4-Lite master on a simulated slave (ports <c>s_axi_*</c>): one register access at a time, each valid held
/// until its ready, responses taken at once. An access with no answer within the timeout throws, so a hang is a failure
/// and never a stuck test. The register transport of the simulated card will sit on this.
/// </summary>
public sealed class AxiLiteMaster
{
    private readonly Simulator _sim;
    private readonly int _timeout;

    /// <summary>A master on <paramref name="sim"/>; every channel idle. An access waits at most <paramref name="timeoutCycles"/> cycles per phase.</summary>
    public AxiLiteMaster(Simulator sim, int timeoutCycles = 64)
    {
        _sim = sim;
        _timeout = timeoutCycles;
        foreach (var p in (string[])["awvalid", "wvalid", "bready", "arvalid", "rready", "awaddr", "araddr", "wdata", "wstrb"]) Set(p, 0);
    }

    /// <summary>Clock cycles the accesses took so far.</summary>
    public long Cycles { get; private set; }

    private void Set(string port, ulong v) => _sim.Set("s_axi_" + port, v);

    private bool High(string port) => !_sim.Get("s_axi_" + port).IsZero;

    private void Step()
    {
        _sim.Step();
        Cycles++;
    }

    private void Wait(string what, int offset, int waited)
    {
        if (waited >= _timeout)
            throw new TimeoutException($"AXI-Lite {what} at 0x{offset.ToString("X3", CultureInfo.InvariantCulture)}: no handshake within {_timeout} cycles");
    }

    /// <summary>Writes <paramref name="value"/> at byte <paramref name="offset"/> (bytes selected by <paramref name="strobe"/>); returns the response.</summary>
    public AxiResponse Write(int offset, uint value, uint strobe = 0xF)
    {
        Set("awaddr", (ulong)offset);
        Set("wdata", value);
        Set("wstrb", strobe);
        Set("awvalid", 1);
        Set("wvalid", 1);
        Set("bready", 1);
        bool aw = false, w = false;
        for (int n = 0; !(aw && w); n++)
        {
            Wait("write address/data", offset, n);
            bool awFire = !aw && High("awready"), wFire = !w && High("wready");
            Step();
            if (awFire) { aw = true; Set("awvalid", 0); }
            if (wFire) { w = true; Set("wvalid", 0); }
        }
        for (int n = 0; !High("bvalid"); n++)
        {
            Wait("write response", offset, n);
            Step();
        }
        var resp = (AxiResponse)(int)_sim.Get("s_axi_bresp");
        Step();
        Set("bready", 0);
        return resp;
    }

    /// <summary>Reads the word at byte <paramref name="offset"/>; returns its value and the response.</summary>
    public (uint Value, AxiResponse Response) Read(int offset)
    {
        Set("araddr", (ulong)offset);
        Set("arvalid", 1);
        Set("rready", 1);
        for (int n = 0; ; n++)
        {
            Wait("read address", offset, n);
            bool fire = High("arready");
            Step();
            if (fire) break;
        }
        Set("arvalid", 0);
        for (int n = 0; !High("rvalid"); n++)
        {
            Wait("read data", offset, n);
            Step();
        }
        var value = (uint)_sim.Get("s_axi_rdata");
        var resp = (AxiResponse)(int)_sim.Get("s_axi_rresp");
        Step();
        Set("rready", 0);
        return (value, resp);
    }
}
