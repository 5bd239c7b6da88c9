using System.Globalization;
using System.Numerics;
using ComputeAsic.Hdl.Emit;

namespace ComputeAsic.Hardware.Card;

/// <summary>
/// The golden model of a <see cref="CardShell"/> (or a bare <see cref="AxiLiteSlave"/>), fed cycle by cycle: a register
/// file driven by the AXI4-Lite handshakes seen in the run. It checks every response (OKAY or SLVERR as the map says,
/// read data from the model, constants, or the engine inputs of the cycle the address was taken), that each response
/// comes exactly when the slave promises (a write's two cycles after address and data, a read's one cycle after its
/// address: nothing hangs), and on every cycle the register ports, write pulses and interrupt lines.
/// </summary>
public sealed class RegisterFileChecker : GoldenChecker
{
    private readonly RegisterMap _map;
    private readonly IReadOnlyDictionary<string, uint> _constants;
    private readonly Dictionary<string, uint> _state = new(StringComparer.Ordinal);
    private readonly string[] _engines;
    private BigInteger[]? _prevIn, _prevOut;
    private bool _known;
    private long? _aw;
    private (uint Data, uint Strb)? _w;
    private long _awAt, _wAt;
    private (uint Data, int Resp, long At)? _read;
    private readonly Dictionary<string, uint> _pulse = new(StringComparer.Ordinal);

    /// <summary>A checker for a slave of <paramref name="map"/> with these constants; <paramref name="engines"/> name the <c>ENGINE_irq</c> outputs to check.</summary>
    public RegisterFileChecker(RegisterMap map, IReadOnlyDictionary<string, uint> constants, IEnumerable<string> engines,
        IReadOnlyList<TracePort> inputs, IReadOnlyList<TracePort> outputs) : base(inputs, outputs)
    {
        _map = map;
        _constants = constants;
        _engines = engines.Where(e => OutputIndex(e + "_irq") >= 0).ToArray();
        Reset();
    }

    private void Reset()
    {
        foreach (var r in _map.Registers)
            if (r.Access is RegisterAccess.RW or RegisterAccess.W1C) _state[r.Name] = r.Reset;
        _aw = null;
        _w = null;
        _read = null;
    }

    private static bool One(BigInteger v) => !v.IsZero;

    private BigInteger In(BigInteger[] row, string name) => row[InputIndex(name)];

    private BigInteger Out(BigInteger[] row, string name) => row[OutputIndex(name)];

    /// <inheritdoc/>
    public override void Cycle(int cycle, BigInteger[] inputs, BigInteger[] outputs)
    {
        string at = $"cycle {cycle.ToString(CultureInfo.InvariantCulture)}";
        _pulse.Clear();
        if (_prevIn is { } pin && _prevOut is { } pout)
        {
            if (One(In(pin, "rst")))
            {
                Reset();
                _known = true;
            }
            else if (_known)
            {
                bool bRose = One(Out(outputs, "s_axi_bvalid")) && !One(Out(pout, "s_axi_bvalid"));
                if (bRose) Write(at, outputs);
                foreach (var r in _map.Registers.Where(r => r.Access == RegisterAccess.W1C))
                    _state[r.Name] |= (uint)In(pin, r.Name + "_set");
                bool rRose = One(Out(outputs, "s_axi_rvalid")) && !One(Out(pout, "s_axi_rvalid"));
                if (rRose) ReadBack(at, outputs);
            }
        }
        if (_known && !One(In(inputs, "rst")))
        {
            CheckPorts(at, outputs);
            if (_aw != null && _w != null && cycle == System.Math.Max(_awAt, _wAt) + 2)
                Checked($"{at}: no write response two cycles after address 0x{_aw:X} and data were accepted");
            if (_read is { } rd && cycle == rd.At + 2)
                Checked($"{at}: no read data one cycle after the read address was accepted");
            if (One(In(inputs, "s_axi_awvalid")) && One(Out(outputs, "s_axi_awready"))) (_aw, _awAt) = ((long)In(inputs, "s_axi_awaddr"), cycle);
            if (One(In(inputs, "s_axi_wvalid")) && One(Out(outputs, "s_axi_wready")))
                (_w, _wAt) = (((uint)In(inputs, "s_axi_wdata"), (uint)In(inputs, "s_axi_wstrb")), cycle);
            if (One(In(inputs, "s_axi_arvalid")) && One(Out(outputs, "s_axi_arready")))
            {
                var (data, resp) = Expect((int)In(inputs, "s_axi_araddr"), inputs);
                _read = (data, resp, cycle);
            }
        }
        (_prevIn, _prevOut) = (inputs, outputs);
    }

    private void Write(string at, BigInteger[] outputs)
    {
        if (_aw is not { } addr || _w is not { } wd)
        {
            Checked($"{at}: a write response without a complete request");
            return;
        }
        var r = _map.At((int)addr);
        int want = r == null || r.Access == RegisterAccess.RO ? AxiLiteSlave.SlvErr : AxiLiteSlave.Okay;
        int got = (int)Out(outputs, "s_axi_bresp");
        Checked(got == want ? null : $"{at}: write to 0x{addr:X} answered {Resp(got)}, expected {Resp(want)}");
        _aw = null;
        _w = null;
        if (r == null || r.Access == RegisterAccess.RO) return;
        uint mask = 0;
        for (int i = 0; i < 4; i++)
            if ((wd.Strb >> i & 1) != 0) mask |= 0xFFu << (8 * i);
        uint bits = wd.Data & mask & r.Mask;
        switch (r.Access)
        {
            case RegisterAccess.RW: _state[r.Name] = (_state[r.Name] & ~mask) | bits; break;
            case RegisterAccess.W1C: _state[r.Name] &= ~bits; break;
            case RegisterAccess.WO: _pulse[r.Name] = bits; break;
        }
    }

    private void ReadBack(string at, BigInteger[] outputs)
    {
        if (_read is not { } rd)
        {
            Checked($"{at}: read data without a request");
            return;
        }
        _read = null;
        uint data = (uint)Out(outputs, "s_axi_rdata");
        int resp = (int)Out(outputs, "s_axi_rresp");
        Checked(data == rd.Data && resp == rd.Resp ? null
            : $"{at}: read answered 0x{data:X8} {Resp(resp)}, expected 0x{rd.Data:X8} {Resp(rd.Resp)}");
    }

    private (uint Data, int Resp) Expect(int addr, BigInteger[] inputs)
    {
        var r = _map.At(addr);
        if (r == null) return (0, AxiLiteSlave.SlvErr);
        uint v = r.Access switch
        {
            RegisterAccess.WO => 0,
            RegisterAccess.RO when r.Constant => _constants[r.Name],
            RegisterAccess.RO => (uint)In(inputs, r.Name),
            _ => _state[r.Name],
        };
        return (v, AxiLiteSlave.Okay);
    }

    private void CheckPorts(string at, BigInteger[] outputs)
    {
        foreach (var r in _map.Registers)
        {
            uint? want = r.Access switch
            {
                RegisterAccess.RW or RegisterAccess.W1C => _state[r.Name],
                RegisterAccess.WO => _pulse.GetValueOrDefault(r.Name),
                _ => null,
            };
            if (want is not { } w) continue;
            var got = Out(outputs, r.Name);
            Checked(got == w ? null : $"{at}: port {r.Name} {Hex(got)}, expected {Hex(w)}");
        }
        foreach (var e in _engines)
        {
            bool want = (_state[e + "_irq_status"] & _state[e + "_irq_enable"]) != 0;
            Checked(One(Out(outputs, e + "_irq")) == want ? null : $"{at}: {e}_irq is {(want ? 0 : 1)}, expected {(want ? 1 : 0)}");
        }
    }

    private static string Resp(int r) => r switch { 0 => "OKAY", 1 => "EXOKAY", 2 => "SLVERR", _ => "DECERR" };
}
