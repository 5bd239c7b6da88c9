using System.Buffers.Binary;
using ComputeAsic.Math;

namespace ComputeAsic.Prover.Formats;

/// <summary>
/// The iden3 binary container shared by .r1cs, .wtns, .zkey and .ptau: <c>magic[4] · u32 version · u32 nSections ·
/// {u32 id · u64 size · data}*</c>, little-endian. Sections are indexed by id because writers order them differently.
/// Every structural problem becomes an <see cref="InvalidInputException"/> naming the file (and section), never an
/// out-of-range read.
/// </summary>
public sealed class BinFile
{
    private readonly byte[] data;
    private readonly Dictionary<uint, (int Offset, int Size)> sections;

    private BinFile(string name, byte[] data, uint version, Dictionary<uint, (int, int)> sections)
    {
        Name = name;
        this.data = data;
        Version = version;
        this.sections = sections;
    }

    /// <summary>The file name used in error messages.</summary>
    public string Name { get; }

    /// <summary>The container's format version.</summary>
    public uint Version { get; }

    /// <summary>Section ids present, in id order.</summary>
    public IEnumerable<uint> SectionIds => sections.Keys.Order();

    /// <summary>Parses the container header and section table; the magic and version must be the expected ones.</summary>
    public static BinFile Parse(string name, byte[] data, string magic, uint version)
    {
        if (data.Length < 12)
            throw new InvalidInputException($"{name}: truncated: {data.Length} bytes is shorter than the 12-byte {magic} header");
        string found = System.Text.Encoding.ASCII.GetString(data, 0, 4);
        if (found != magic)
            throw new InvalidInputException($"{name}: not a .{magic} file (magic \"{Printable(found)}\", expected \"{magic}\")");
        uint ver = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(4));
        if (ver != version) throw new InvalidInputException($"{name}: {magic} version {ver} is not supported (expected {version})");
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(8));
        var table = new Dictionary<uint, (int, int)>();
        long pos = 12;
        for (uint i = 0; i < count; i++)
        {
            if (data.Length - pos < 12)
                throw new InvalidInputException($"{name}: truncated: header of section #{i + 1} of {count} needs 12 bytes at offset {pos}, {data.Length - pos} left");
            uint id = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan((int)pos));
            ulong size = BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan((int)pos + 4));
            pos += 12;
            if (size > (ulong)(data.Length - pos))
                throw new InvalidInputException($"{name}: section {id}: truncated: declares {size} bytes at offset {pos}, only {data.Length - pos} left in the file");
            if (!table.TryAdd(id, ((int)pos, (int)size)))
                throw new InvalidInputException($"{name}: section {id} appears more than once");
            pos += (long)size;
        }
        if (pos != data.Length)
            throw new InvalidInputException($"{name}: {data.Length - pos} unexpected bytes after the last of {count} sections (offset {pos})");
        return new BinFile(name, data, ver, table);
    }

    /// <summary>Whether the section is present.</summary>
    public bool Has(uint id) => sections.ContainsKey(id);

    /// <summary>A reader over a required section; <paramref name="title"/> names it in errors.</summary>
    public SectionReader Section(uint id, string title)
    {
        if (!sections.TryGetValue(id, out var s)) throw new InvalidInputException($"{Name}: section {id} ({title}) is missing");
        return new SectionReader(this, id, title, data.AsMemory(s.Offset, s.Size));
    }

    /// <summary>The size in bytes of a present section.</summary>
    public int SectionSize(uint id) => sections.TryGetValue(id, out var s) ? s.Size : 0;

    private static string Printable(string s) => new(s.Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
}

/// <summary>Sequential little-endian reads within one section, with errors naming file, section and offset.</summary>
public sealed class SectionReader
{
    private readonly BinFile file;
    private int pos;

    internal SectionReader(BinFile file, uint id, string title, ReadOnlyMemory<byte> bytes)
    {
        this.file = file;
        Id = id;
        Title = title;
        Bytes = bytes;
    }

    /// <summary>The section id.</summary>
    public uint Id { get; }

    /// <summary>The section's name in errors.</summary>
    public string Title { get; }

    /// <summary>The whole section.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>Bytes not yet read.</summary>
    public int Remaining => Bytes.Length - pos;

    /// <summary>An input error located in this section.</summary>
    public InvalidInputException Error(string message) => new($"{file.Name}: section {Id} ({Title}): {message}");

    /// <summary>Requires the section to be exactly <paramref name="expected"/> bytes, explaining where the count comes from.</summary>
    public void RequireSize(long expected, string because)
    {
        if (Bytes.Length != expected) throw Error($"size is {Bytes.Length} bytes, expected {expected} ({because})");
    }

    /// <summary>Takes the next <paramref name="n"/> bytes.</summary>
    public ReadOnlySpan<byte> Take(int n)
    {
        if (n < 0 || n > Remaining) throw Error($"truncated: needs {n} bytes at offset {pos}, {Remaining} left");
        var s = Bytes.Span.Slice(pos, n);
        pos += n;
        return s;
    }

    /// <summary>The next u32.</summary>
    public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    /// <summary>The next u64.</summary>
    public ulong U64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>The next u32, required to lie in [min, max] so it can size arrays safely.</summary>
    public int Count(string what, long min, long max)
    {
        uint v = U32();
        if (v < min || v > max) throw Error($"{what} is {v}, expected {(min == max ? $"{min}" : $"{min}..{max}")}");
        return (int)v;
    }

    /// <summary>Requires the whole section to have been read.</summary>
    public void RequireEnd()
    {
        if (Remaining != 0) throw Error($"{Remaining} unexpected bytes after offset {pos}");
    }
}
