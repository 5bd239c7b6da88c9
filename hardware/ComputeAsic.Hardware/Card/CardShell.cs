using System.Buffers.Binary;
using ComputeAsic.Hdl;
using ComputeAsic.Hdl.Emit;

namespace ComputeAsic.Hardware.Card;

/// <summary>What a card top level reports in its identity block besides its design hash.</summary>
/// <param name="BuildVersion">The builder's version number of this build.</param>
/// <param name="ClockMhz">Clock the top is built for.</param>
/// <param name="Msm">An MSM engine is attached.</param>
/// <param name="Ntt">An NTT engine is attached.</param>
/// <param name="Curves">Bits of <c>id_cap_curves</c> (MSM curves).</param>
/// <param name="Fields">Bits of <c>id_cap_fields</c> (NTT fields).</param>
/// <param name="MsmMaxLogSize">Largest MSM is 2^this points.</param>
/// <param name="MsmWindow">Bucket window bits.</param>
/// <param name="MsmAdders">Point adders.</param>
/// <param name="NttMaxLogSize">Largest NTT is 2^this values.</param>
/// <param name="NttLanes">Butterflies per cycle.</param>
public sealed record CardCapabilities(uint BuildVersion, int ClockMhz, bool Msm = false, bool Ntt = false, uint Curves = 0, uint Fields = 0,
    int MsmMaxLogSize = 0, int MsmWindow = 0, int MsmAdders = 0, int NttMaxLogSize = 0, int NttLanes = 0)
{
    /// <summary>The values of the identity block's constant registers, the design hash words from <paramref name="hash"/> (32 bytes).</summary>
    public IReadOnlyDictionary<string, uint> Constants(byte[] hash)
    {
        if (hash.Length != DesignHash.Size) throw new ArgumentException($"design hash is {hash.Length} bytes, not {DesignHash.Size}", nameof(hash));
        var id = CardRegisters.Identity;
        var c = new Dictionary<string, uint>(StringComparer.Ordinal)
        {
            [id.Magic.Name] = CardRegisters.Magic,
            [id.MapVersion.Name] = CardRegisters.MapVersion,
            [id.BuildVersion.Name] = BuildVersion,
            [id.CapEngines.Name] = id.CapEngines.Field("msm").Of(Msm ? 1u : 0) | id.CapEngines.Field("ntt").Of(Ntt ? 1u : 0),
            [id.CapCurves.Name] = Curves,
            [id.CapFields.Name] = Fields,
            [id.CapMsm.Name] = id.CapMsm.Field("max_log_size").Of((uint)MsmMaxLogSize) | id.CapMsm.Field("window").Of((uint)MsmWindow) | id.CapMsm.Field("adders").Of((uint)MsmAdders),
            [id.CapNtt.Name] = id.CapNtt.Field("max_log_size").Of((uint)NttMaxLogSize) | id.CapNtt.Field("lanes").Of((uint)NttLanes),
            [id.CapClock.Name] = id.CapClock.Field("mhz").Of((uint)ClockMhz),
        };
        for (int i = 0; i < 8; i++) c[id.DesignHash[i].Name] = BinaryPrimitives.ReadUInt32LittleEndian(hash.AsSpan(4 * i));
        return c;
    }
}

/// <summary>
/// The card shell: the AXI4-Lite register slave of <see cref="CardRegisters"/> with the identity constants of one build,
/// and one interrupt line per engine (<c>ENGINE_irq</c> = irq_status &amp; irq_enable ≠ 0). The engine side of every
/// register is a port, so card top levels attach engines to it.
/// </summary>
public sealed class CardShell : Module
{
    /// <summary>The identity the shell reports.</summary>
    public CardCapabilities Capabilities { get; }

    /// <summary>The design hash this build's identity block holds (zeros in the hashing build).</summary>
    public byte[] Hash { get; }

    /// <summary>A shell reporting <paramref name="caps"/> and <paramref name="hash"/>; use <see cref="Build"/> for the one whose hash is true.</summary>
    public CardShell(CardCapabilities caps, byte[] hash, string name = "card_shell") : base(name)
    {
        Capabilities = caps;
        Hash = hash;
        var regs = new AxiLiteSlave(name + "_regs", CardRegisters.Map, caps.Constants(hash));
        var u = Instantiate(regs, "u_regs");
        foreach (var p in regs.Inputs) u.Connect(p.Name, Input(p.Name, p.Width));
        var outs = regs.Outputs.ToDictionary(p => p.Name, p => Output(p.Name, u.Output(p.Name)));
        foreach (var e in CardRegisters.Engines)
            Output(e.Name + "_irq", (outs[e.IrqStatus.Name] & outs[e.IrqEnable.Name]).Ne(Signal.Constant(0, e.IrqStatus.Width)));
    }

    /// <summary>
    /// The shell whose identity block holds its true design hash (<see cref="DesignHash.OfSelfReferencing"/>: the hash of
    /// the build with zeros there, which is what a bitstream package of this top records).
    /// </summary>
    public static (byte[] Hash, Design Design) Build(CardCapabilities caps, string name = "card_shell") =>
        DesignHash.OfSelfReferencing(h => new Design(new CardShell(caps, h, name)));
}
