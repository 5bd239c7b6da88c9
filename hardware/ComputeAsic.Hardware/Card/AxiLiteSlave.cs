using ComputeAsic.Hdl;

namespace ComputeAsic.Hardware.Card;

/// <summary>
/// An AXI4-Lite slave derived from a <see cref="RegisterMap"/>: 32-bit data, byte strobes, one transaction in flight per
/// direction. Every request is answered: OKAY for a known, 4-byte aligned address; SLVERR for an unknown or misaligned
/// address and for a write to an RO register, which changes nothing (reads of such addresses return 0). A write's
/// response comes two cycles after both its address and data were accepted, a read's data one cycle after its address.
/// </summary>
/// <remarks>
/// Ports besides the AXI channels (<c>s_axi_*</c>, AWPROT/ARPROT omitted), one set per register, named after it:
/// RO (not constant): input <c>NAME</c>; RW: output <c>NAME</c>; W1C: input <c>NAME_set</c> (bits to set) and output
/// <c>NAME</c>; WO: output <c>NAME</c>, the written bits for one cycle, 0 otherwise. Constant RO registers take their
/// values from <c>constants</c>.
/// </remarks>
public sealed class AxiLiteSlave : Module
{
    /// <summary>AXI response code OKAY.</summary>
    public const int Okay = 0;

    /// <summary>AXI response code SLVERR.</summary>
    public const int SlvErr = 2;

    /// <summary>The map the slave decodes.</summary>
    public RegisterMap Map { get; }

    /// <summary>A slave named <paramref name="name"/> for <paramref name="map"/>; every constant RO register needs a value in <paramref name="constants"/>.</summary>
    public AxiLiteSlave(string name, RegisterMap map, IReadOnlyDictionary<string, uint> constants) : base(name)
    {
        Map = map;
        int ab = map.AddressBits;
        static Signal C(long v, int w) => Signal.Constant(v, w);

        var awValid = Input("s_axi_awvalid", 1);
        var awAddrIn = Input("s_axi_awaddr", ab);
        var wValid = Input("s_axi_wvalid", 1);
        var wDataIn = Input("s_axi_wdata", 32);
        var wStrbIn = Input("s_axi_wstrb", 4);
        var bReady = Input("s_axi_bready", 1);
        var arValid = Input("s_axi_arvalid", 1);
        var arAddr = Input("s_axi_araddr", ab);
        var rReady = Input("s_axi_rready", 1);

        // Write channel: address and data are taken independently, then written together while no response is waiting.
        var awFullD = Wire(1, "aw_full_d");
        var wFullD = Wire(1, "w_full_d");
        var bValidD = Wire(1, "b_valid_d");
        var awFull = Reg(awFullD, reset: 0, name: "aw_full_q");
        var wFull = Reg(wFullD, reset: 0, name: "w_full_q");
        var bValid = Reg(bValidD, reset: 0, name: "b_valid_q");
        var awReady = ~awFull & ~bValid;
        var wReady = ~wFull & ~bValid;
        var awFire = awValid & awReady;
        var wFire = wValid & wReady;
        var awAddr = Reg(awAddrIn, enable: awFire, name: "aw_addr_q");
        var wData = Reg(wDataIn, enable: wFire, name: "w_data_q");
        var wStrb = Reg(wStrbIn, enable: wFire, name: "w_strb_q");
        var doWrite = (awFull & wFull & ~bValid).Named("do_write");
        awFullD.Assign(Signal.Mux(doWrite, C(0, 1), Signal.Mux(awFire, C(1, 1), awFull)));
        wFullD.Assign(Signal.Mux(doWrite, C(0, 1), Signal.Mux(wFire, C(1, 1), wFull)));
        bValidD.Assign(Signal.Mux(doWrite, C(1, 1), Signal.Mux(bValid & bReady, C(0, 1), bValid)));

        var mask = Signal.Concat(Enumerable.Range(0, 4).Reverse().Select(i => Signal.Mux(wStrb.Slice(i, i), C(0xFF, 8), C(0, 8))).ToArray()).Named("w_mask");
        var wMasked = (wData & mask).Named("w_bits");
        var wAligned = awAddr.Slice(1, 0).Eq(C(0, 2));
        var rAligned = arAddr.Slice(1, 0).Eq(C(0, 2));
        Signal Hit(Signal addr, Signal aligned, Register r) => aligned & addr.Slice(ab - 1, 2).Eq(C(r.Offset >> 2, ab - 2));

        var writable = new List<Signal>();
        var readTerms = new List<Signal>();
        var anyRead = new List<Signal>();
        foreach (var r in map.Registers)
        {
            int w = r.Width;
            var wHit = Hit(awAddr, wAligned, r).Named($"{r.Name}_wsel");
            var rHit = Hit(arAddr, rAligned, r);
            anyRead.Add(rHit);
            if (r.Access != RegisterAccess.RO) writable.Add(wHit);
            var write = doWrite & wHit;
            var bits = wMasked.Resize(w);
            var keep = (~mask).Resize(w);
            Signal? value = null;
            switch (r.Access)
            {
                case RegisterAccess.RO when r.Constant:
                    if (!constants.TryGetValue(r.Name, out uint cv)) throw new ArgumentException($"register {r.Name} is a build constant but no value was given", nameof(constants));
                    if ((cv & ~r.Mask) != 0) throw new ArgumentException($"register {r.Name}: constant 0x{cv:X} does not fit {w} bits", nameof(constants));
                    value = C(cv, w).Named(r.Name);   // named, so the identity words are findable in the emitted HDL
                    break;
                case RegisterAccess.RO:
                    value = Input(r.Name, w);
                    break;
                case RegisterAccess.RW:
                    {
                        var d = Wire(w, $"{r.Name}_d");
                        var q = Reg(d, reset: r.Reset, name: $"{r.Name}_q");
                        d.Assign(Signal.Mux(write, (q & keep) | bits, q));
                        value = Output(r.Name, q);
                        break;
                    }
                case RegisterAccess.W1C:
                    {
                        var set = Input(r.Name + "_set", w);
                        var d = Wire(w, $"{r.Name}_d");
                        var q = Reg(d, reset: r.Reset, name: $"{r.Name}_q");
                        d.Assign(Signal.Mux(write, q & ~bits, q) | set);
                        value = Output(r.Name, q);
                        break;
                    }
                case RegisterAccess.WO:
                    Output(r.Name, Reg(Signal.Mux(write, bits, C(0, w)), reset: 0, name: $"{r.Name}_q"));
                    break;
            }
            if (value != null) readTerms.Add(Signal.Mux(rHit, value.Resize(32), C(0, 32)));
        }
        var writeOk = Tree(writable, (a, b) => a | b) ?? C(0, 1);
        var readData = Tree(readTerms, (a, b) => a | b) ?? C(0, 32);
        var readOk = Tree(anyRead, (a, b) => a | b) ?? C(0, 1);

        var bResp = Reg(Signal.Mux(writeOk, C(Okay, 2), C(SlvErr, 2)), enable: doWrite, name: "b_resp_q");

        // Read channel: the address is taken when no data is waiting; data and response are registered.
        var rValidD = Wire(1, "r_valid_d");
        var rValid = Reg(rValidD, reset: 0, name: "r_valid_q");
        var arReady = ~rValid;
        var arFire = arValid & arReady;
        rValidD.Assign(Signal.Mux(arFire, C(1, 1), Signal.Mux(rValid & rReady, C(0, 1), rValid)));
        var rData = Reg(readData, enable: arFire, name: "r_data_q");
        var rResp = Reg(Signal.Mux(readOk, C(Okay, 2), C(SlvErr, 2)), enable: arFire, name: "r_resp_q");

        Output("s_axi_awready", awReady);
        Output("s_axi_wready", wReady);
        Output("s_axi_bvalid", bValid);
        Output("s_axi_bresp", bResp);
        Output("s_axi_arready", arReady);
        Output("s_axi_rvalid", rValid);
        Output("s_axi_rdata", rData);
        Output("s_axi_rresp", rResp);
    }

    /// <summary>A balanced reduction (shallow logic for wide OR trees), or null for nothing.</summary>
    private static Signal? Tree(List<Signal> items, Func<Signal, Signal, Signal> op)
    {
        if (items.Count == 0) return null;
        var level = items;
        while (level.Count > 1)
        {
            var next = new List<Signal>((level.Count + 1) / 2);
            for (int i = 0; i + 1 < level.Count; i += 2) next.Add(op(level[i], level[i + 1]));
            if (level.Count % 2 == 1) next.Add(level[^1]);
            level = next;
        }
        return level[0];
    }
}
