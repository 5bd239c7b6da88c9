using System.Buffers.Binary;
using System.Globalization;

namespace ComputeAsic.Hardware.Card;

/// <summary>
/// A card's identity block as a host reads it: what the driver checks before it trusts a card (magic, map version) and
/// what it compares with a package (design hash) or uses to plan jobs (capabilities). Decoded with the same
/// <see cref="CardRegisters"/> declaration the slave was built from.
/// </summary>
/// <param name="MapVersion">The card's register map version.</param>
/// <param name="DesignHash">The 32-byte design hash.</param>
/// <param name="Capabilities">Build version, clock and engine shapes.</param>
public sealed record CardIdentity(int MapVersion, byte[] DesignHash, CardCapabilities Capabilities)
{
    /// <summary>The design hash in lowercase hex, as packages print it.</summary>
    public string HashHex => Convert.ToHexStringLower(DesignHash);

    /// <summary>
    /// Reads the identity through <paramref name="read"/> (a 32-bit register read at a byte offset); throws
    /// <see cref="InvalidDataException"/> naming the register when the card is not a ComputeAsic card or speaks another map version.
    /// </summary>
    public static CardIdentity Read(Func<int, uint> read)
    {
        var id = CardRegisters.Identity;
        uint magic = read(id.Magic.Offset);
        if (magic != CardRegisters.Magic)
            throw new InvalidDataException($"not a ComputeAsic card: {id.Magic.Name} at {id.Magic.Hex} reads 0x{magic:X8}, expected 0x{CardRegisters.Magic:X8}");
        uint version = read(id.MapVersion.Offset);
        if (version != CardRegisters.MapVersion)
            throw new InvalidDataException($"{id.MapVersion.Name} at {id.MapVersion.Hex} reads {version.ToString(CultureInfo.InvariantCulture)}; this driver speaks map version {CardRegisters.MapVersion}");
        var hash = new byte[Hdl.Emit.DesignHash.Size];
        for (int i = 0; i < 8; i++) BinaryPrimitives.WriteUInt32LittleEndian(hash.AsSpan(4 * i), read(id.DesignHash[i].Offset));
        uint engines = read(id.CapEngines.Offset), msm = read(id.CapMsm.Offset), ntt = read(id.CapNtt.Offset);
        var caps = new CardCapabilities(read(id.BuildVersion.Offset), (int)id.CapClock.Field("mhz").Get(read(id.CapClock.Offset)),
            Msm: id.CapEngines.Field("msm").Get(engines) == 1, Ntt: id.CapEngines.Field("ntt").Get(engines) == 1,
            Curves: read(id.CapCurves.Offset), Fields: read(id.CapFields.Offset),
            MsmMaxLogSize: (int)id.CapMsm.Field("max_log_size").Get(msm), MsmWindow: (int)id.CapMsm.Field("window").Get(msm),
            MsmAdders: (int)id.CapMsm.Field("adders").Get(msm),
            NttMaxLogSize: (int)id.CapNtt.Field("max_log_size").Get(ntt), NttLanes: (int)id.CapNtt.Field("lanes").Get(ntt));
        return new CardIdentity((int)version, hash, caps);
    }
}
