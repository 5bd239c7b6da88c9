using System.Security.Cryptography;
using System.Text;

namespace ComputeAsic.Hdl.Emit;

/// <summary>
/// The identity of a top level: one SHA-256 over its emitted VHDL, which a bitstream package records, the card's
/// identity register reports, and the driver compares before it trusts a card.
/// </summary>
/// <remarks>
/// Definition (version 1). Emit the design as VHDL (<see cref="VhdlEmitter"/>): one file per entity, children first,
/// the top last. For each file in that order take the line <c>"{file name} {content hash}\n"</c>, where the content
/// hash is the lowercase hex SHA-256 of the file's text below its two header lines (the hash the header already
/// prints). The design hash is the SHA-256 of the UTF-8 bytes of <c>"computeasic-design-hash-v1\n"</c> followed by
/// those lines. The generator version in the header is left out, so a new toolkit version that emits the same HDL
/// keeps the same hash; any change to any entity's text, its name or the order changes it.
/// <para>
/// A top that carries its own hash in an identity register cannot hash itself: build it with the hash input set to
/// 32 zero bytes, hash that design, then build it again with the result (<see cref="OfSelfReferencing"/>). The
/// identity register then reports exactly the value this class computes for the zero-filled build.
/// </para>
/// </remarks>
public static class DesignHash
{
    /// <summary>The domain-separation line the hash starts with; bump it if the definition ever changes.</summary>
    public const string Domain = "computeasic-design-hash-v1\n";

    /// <summary>Bytes in a design hash.</summary>
    public const int Size = 32;

    /// <summary>The design hash of <paramref name="design"/>: 32 bytes.</summary>
    public static byte[] Of(Design design) => OfFiles(new VhdlEmitter().Emit(design));

    /// <summary>The design hash from emitted VHDL files given in emission order (children first, top last).</summary>
    public static byte[] OfFiles(IReadOnlyList<EmittedFile> files)
    {
        var text = new StringBuilder(Domain);
        foreach (var f in files) text.Append(f.FileName).Append(' ').Append(ContentHash(f.Text)).Append('\n');
        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>Lowercase hex of a design hash, as packages and reports print it.</summary>
    public static string Hex(Design design) => Convert.ToHexStringLower(Of(design));

    /// <summary>
    /// For a top that embeds its own hash: hashes <c>build(zeros)</c>, then returns that hash and <c>build(hash)</c>.
    /// </summary>
    public static (byte[] Hash, Design Design) OfSelfReferencing(Func<byte[], Design> build)
    {
        byte[] hash = Of(build(new byte[Size]));
        return (hash, build(hash));
    }

    /// <summary>SHA-256 of the text below the two header lines an <see cref="Emitter"/> writes (hex, lowercase).</summary>
    private static string ContentHash(string text)
    {
        int first = text.IndexOf('\n', StringComparison.Ordinal);
        int second = first < 0 ? -1 : text.IndexOf('\n', first + 1);
        if (second < 0) throw new ArgumentException("emitted file has no two-line header", nameof(text));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text[(second + 1)..])));
    }
}
