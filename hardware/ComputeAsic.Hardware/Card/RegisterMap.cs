using System.Globalization;

namespace ComputeAsic.Hardware.Card;

/// <summary>How the host may access a register; the slave, the driver and the document all derive their behaviour from it.</summary>
public enum RegisterAccess
{
    /// <summary>Read-only: the value comes from a build constant or an engine port; a write answers SLVERR and changes nothing.</summary>
    RO,

    /// <summary>Read-write: stored in the slave, exposed to the engines as a port, reset to its reset value.</summary>
    RW,

    /// <summary>Write-one-to-clear: bits set by engine pulses, cleared by writing ones; a set in the same cycle wins.</summary>
    W1C,

    /// <summary>Write-only: a write is a one-cycle pulse of the written bits on a port; reads answer OKAY with 0.</summary>
    WO,
}

/// <summary>A named bit field of a register.</summary>
/// <param name="Name">Field name (snake case).</param>
/// <param name="Lsb">Lowest bit.</param>
/// <param name="Width">Bits.</param>
/// <param name="Doc">One line for the register document.</param>
public sealed record RegisterField(string Name, int Lsb, int Width, string Doc)
{
    /// <summary>The field's bits in the register word.</summary>
    public uint Mask => (uint)(((1UL << Width) - 1) << Lsb);

    /// <summary>The field's value in a register word.</summary>
    public uint Get(uint word) => (word & Mask) >> Lsb;

    /// <summary><paramref name="value"/> placed at the field (bits beyond the field are an error).</summary>
    public uint Of(uint value) => value >> Width == 0 || Width == 32
        ? (value << Lsb) & Mask
        : throw new ArgumentOutOfRangeException(nameof(value), $"{value} does not fit the {Width}-bit field {Name}");
}

/// <summary>One 32-bit register slot of the map.</summary>
/// <param name="Name">Name, unique in the map, including its block prefix (<c>msm_status</c>); port names derive from it.</param>
/// <param name="Offset">Byte offset from the start of the BAR (a multiple of 4).</param>
/// <param name="Width">Implemented bits (from bit 0); the bits above read as 0 and ignore writes.</param>
/// <param name="Access">What the host may do.</param>
/// <param name="Reset">Value after reset (RW, W1C); for RO registers the documented value when <see cref="Constant"/>, else 0.</param>
/// <param name="Doc">One line for the register document.</param>
/// <param name="Fields">Named bit fields (may be empty: the whole register is one value).</param>
/// <param name="Constant">An RO register whose value is fixed when the top level is built (identity), not an engine port.</param>
public sealed record Register(string Name, int Offset, int Width, RegisterAccess Access, uint Reset, string Doc,
    IReadOnlyList<RegisterField> Fields, bool Constant = false)
{
    /// <summary>Mask of the implemented bits.</summary>
    public uint Mask => Width == 32 ? uint.MaxValue : (1u << Width) - 1;

    /// <summary>The field named <paramref name="name"/>.</summary>
    public RegisterField Field(string name) => Fields.FirstOrDefault(f => f.Name == name)
        ?? throw new ArgumentException($"register {Name} has no field '{name}' (fields: {string.Join(", ", Fields.Select(f => f.Name))})", nameof(name));

    /// <summary>Offset as the document prints it.</summary>
    public string Hex => "0x" + Offset.ToString("X3", CultureInfo.InvariantCulture);
}

/// <summary>A group of registers that belong together (the identity, one engine's control and status).</summary>
/// <param name="Name">Block name; its registers' names start with it.</param>
/// <param name="Base">Byte offset of the block.</param>
/// <param name="Doc">One paragraph for the register document.</param>
/// <param name="Registers">The registers, in offset order.</param>
public sealed record RegisterBlock(string Name, int Base, string Doc, IReadOnlyList<Register> Registers);

/// <summary>
/// A register map: blocks of 32-bit registers in one little-endian, 4-byte aligned address window. Validated on
/// construction, so every product derived from it (slave, driver constants, document) can rely on its shape.
/// </summary>
public sealed class RegisterMap
{
    private readonly Dictionary<string, Register> _byName;

    /// <summary>Builds and checks a map: aligned, non-overlapping, inside the window, fields inside their registers, resets that fit.</summary>
    public RegisterMap(int version, int addressBits, IReadOnlyList<RegisterBlock> blocks)
    {
        Version = version;
        AddressBits = addressBits;
        Blocks = blocks;
        Registers = blocks.SelectMany(b => b.Registers).OrderBy(r => r.Offset).ToList();
        _byName = new Dictionary<string, Register>(StringComparer.Ordinal);
        int? last = null;
        foreach (var r in Registers)
        {
            string at = $"register {r.Name} at {r.Hex}";
            if (r.Offset % 4 != 0) throw new ArgumentException($"{at}: offset is not a multiple of 4");
            if (r.Offset < 0 || r.Offset >= 1 << addressBits) throw new ArgumentException($"{at}: outside the {addressBits}-bit address window");
            if (last == r.Offset) throw new ArgumentException($"{at}: overlaps another register");
            if (r.Width is < 1 or > 32) throw new ArgumentException($"{at}: width {r.Width} is not in [1, 32]");
            if ((r.Reset & ~r.Mask) != 0) throw new ArgumentException($"{at}: reset value 0x{r.Reset:X} does not fit {r.Width} bits");
            if (r.Constant && r.Access != RegisterAccess.RO) throw new ArgumentException($"{at}: only RO registers can be build constants");
            if (!_byName.TryAdd(r.Name, r)) throw new ArgumentException($"{at}: the name is used twice");
            uint used = 0;
            foreach (var f in r.Fields)
            {
                if (f.Width < 1 || f.Lsb < 0 || f.Lsb + f.Width > r.Width) throw new ArgumentException($"{at}: field {f.Name} [{f.Lsb + f.Width - 1}:{f.Lsb}] is outside its {r.Width} bits");
                if ((used & f.Mask) != 0) throw new ArgumentException($"{at}: field {f.Name} overlaps another field");
                used |= f.Mask;
            }
            last = r.Offset;
        }
    }

    /// <summary>The map's version, reported by the identity block; bump it on any change a driver could notice.</summary>
    public int Version { get; }

    /// <summary>Width of the byte address the slave decodes (the BAR window is 2^AddressBits bytes).</summary>
    public int AddressBits { get; }

    /// <summary>The blocks, in declaration order.</summary>
    public IReadOnlyList<RegisterBlock> Blocks { get; }

    /// <summary>Every register, in offset order.</summary>
    public IReadOnlyList<Register> Registers { get; }

    /// <summary>The register named <paramref name="name"/>.</summary>
    public Register this[string name] => _byName.TryGetValue(name, out var r) ? r
        : throw new ArgumentException($"the register map has no register '{name}'", nameof(name));

    /// <summary>The register at byte offset <paramref name="offset"/>, or null (unknown or misaligned).</summary>
    public Register? At(int offset) => Registers.FirstOrDefault(r => r.Offset == offset);
}
