using System.Runtime.CompilerServices;

namespace ComputeAsic.Hdl;

/// <summary>A synchronous write port: at a rising edge with <see cref="Enable"/> = 1, word <see cref="Address"/> takes <see cref="Data"/>.</summary>
/// <param name="Enable">One-bit write enable.</param>
/// <param name="Address">Word address.</param>
/// <param name="Data">Word written.</param>
/// <param name="Location">Where the port was declared.</param>
public sealed record MemoryWritePort(Signal Enable, Signal Address, Signal Data, SourceLocation Location);

/// <summary>
/// A memory with synchronous write ports and synchronous read ports (data appears the cycle after the address; a read
/// of a word written in the same cycle returns the old word), the shape FPGA block RAMs implement.
/// </summary>
public sealed class Memory
{
    private readonly List<MemoryWritePort> _writes = [];
    private readonly List<Signal> _reads = [];
    private System.Numerics.BigInteger[]? _contents;

    internal Memory(Module owner, string name, int depth, int width, SourceLocation location)
    {
        if (!Naming.IsIdentifier(name)) throw new HdlException(DesignRule.Structure, location, $"memory name '{name}' is not an identifier");
        if (depth < 2 || (depth & (depth - 1)) != 0) throw new HdlException(DesignRule.Structure, location, $"memory depth {depth} is not a power of two (at least 2)");
        if (width < 1) throw new HdlException(DesignRule.WidthMismatch, location, $"memory width {width} is not positive");
        Owner = owner;
        Name = name;
        Depth = depth;
        Width = width;
        AddressWidth = System.Numerics.BitOperations.Log2((uint)depth);
        Location = location;
    }

    /// <summary>The module the memory belongs to.</summary>
    public Module Owner { get; }

    /// <summary>Name of the memory array in emitted HDL.</summary>
    public string Name { get; }

    /// <summary>Number of words (a power of two).</summary>
    public int Depth { get; }

    /// <summary>Bits per word.</summary>
    public int Width { get; }

    /// <summary>Bits of an address: log2(depth).</summary>
    public int AddressWidth { get; }

    /// <summary>Where the memory was declared.</summary>
    public SourceLocation Location { get; }

    /// <summary>Write ports in declaration order; when two write the same word in one cycle, the later port wins.</summary>
    public IReadOnlyList<MemoryWritePort> WritePorts => _writes;

    /// <summary>Read data nodes (<see cref="Op.MemRead"/>) in declaration order.</summary>
    public IReadOnlyList<Signal> ReadPorts => _reads;

    private void Check(Signal s, int width, string what, SourceLocation at)
    {
        if (s.Width != width) throw new HdlException(DesignRule.WidthMismatch, at, $"memory '{Name}' {what} is {s.Width} bits, expected {width}");
    }

    /// <summary>Initial words (power-up contents, also after reset), or null for all zero: a memory without write ports is a ROM.</summary>
    public IReadOnlyList<System.Numerics.BigInteger>? Contents => _contents;

    /// <summary>Sets the power-up contents (at most <see cref="Depth"/> words, the rest zero): twiddle and constant tables as block-RAM ROMs.</summary>
    public void Initialize(IReadOnlyList<System.Numerics.BigInteger> words, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var at = SourceLocation.Of(file, line);
        Owner.Mutable();
        if (words.Count > Depth) throw new HdlException(DesignRule.Structure, at, $"memory '{Name}' has {Depth} words, not {words.Count}");
        var limit = System.Numerics.BigInteger.One << Width;
        var c = new System.Numerics.BigInteger[Depth];
        for (int i = 0; i < words.Count; i++)
        {
            if (words[i].Sign < 0 || words[i] >= limit) throw new HdlException(DesignRule.ConstantRange, at, $"memory '{Name}' word {i} does not fit in {Width} bits");
            c[i] = words[i];
        }
        _contents = c;
    }

    /// <summary>Adds a synchronous write port.</summary>
    public void Write(Signal enable, Signal address, Signal data, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var at = SourceLocation.Of(file, line);
        Owner.Mutable();
        Check(enable, 1, "write enable", at);
        Check(address, AddressWidth, "write address", at);
        Check(data, Width, "write data", at);
        _writes.Add(new MemoryWritePort(enable, address, data, at));
    }

    /// <summary>Adds a synchronous read port: the returned data is the word at <paramref name="address"/> one cycle later; it holds while <paramref name="enable"/> is 0.</summary>
    public Signal Read(Signal address, Signal? enable = null, string? name = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var at = SourceLocation.Of(file, line);
        Owner.Mutable();
        Check(address, AddressWidth, "read address", at);
        if (enable != null) Check(enable, 1, "read enable", at);
        var s = new Signal(Op.MemRead, Width, enable == null ? [address] : [address, enable], at) { Owner = Owner, Memory = this };
        if (name != null) s.Named(name);
        _reads.Add(s);
        return s;
    }
}
