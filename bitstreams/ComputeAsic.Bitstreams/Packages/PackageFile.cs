using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ComputeAsic.Signing;

namespace ComputeAsic.Bitstreams.Packages;

/// <summary>A package's signature: the signer's Ed25519 public key and its signature of <see cref="PackageFile.SignedMessage"/>.</summary>
/// <param name="Key">The signer's public key.</param>
/// <param name="Signature">64 bytes.</param>
public sealed record PackageSignature(VerifyingKey Key, byte[] Signature);

/// <summary>
/// A bitstream package file: the magic <c>CAPKG1\r\n</c>, then sections, each a 4-byte ASCII tag, a 64-bit little-endian
/// length and that many bytes: <c>MANI</c> (the manifest JSON), <c>DATA</c> (the payload), and optionally <c>SIGN</c>
/// (algorithm byte 1 = Ed25519, 32-byte public key, 64-byte signature), in that order and nothing after. See bitstreams/FORMAT.md.
/// </summary>
public sealed class PackageFile
{
    /// <summary>The first 8 bytes of every package.</summary>
    public static ReadOnlySpan<byte> Magic => "CAPKG1\r\n"u8;

    /// <summary>The domain-separation prefix of the signed message.</summary>
    public const string SignatureDomain = "computeasic-bitstream-signature-v1\n";

    /// <summary>Largest manifest accepted (1 MiB): a bigger one is malformed, not a reason to allocate.</summary>
    public const int MaxManifest = 1 << 20;

    private const byte Ed25519 = 1;

    /// <summary>A package of a manifest (its exact bytes) and a payload, optionally signed.</summary>
    public PackageFile(byte[] manifestJson, byte[] payload, PackageSignature? signature = null)
    {
        ManifestJson = manifestJson;
        Payload = payload;
        Signature = signature;
    }

    /// <summary>The manifest's bytes as stored (and signed).</summary>
    public byte[] ManifestJson { get; }

    /// <summary>The bitstream, xclbin or AFI reference.</summary>
    public byte[] Payload { get; }

    /// <summary>The signature, or null when unsigned.</summary>
    public PackageSignature? Signature { get; }

    /// <summary>What a signer signs: the domain line, SHA-256 of the manifest bytes, SHA-256 of the payload (32 + 32 bytes).</summary>
    public byte[] SignedMessage()
    {
        var domain = Encoding.ASCII.GetBytes(SignatureDomain);
        return [.. domain, .. SHA256.HashData(ManifestJson), .. SHA256.HashData(Payload)];
    }

    /// <summary>This package signed by <paramref name="key"/> (any earlier signature replaced).</summary>
    public PackageFile SignedBy(SigningKey key) => new(ManifestJson, Payload, new PackageSignature(key.Public, key.Sign(SignedMessage())));

    /// <summary>The file's bytes.</summary>
    public void WriteTo(Stream s)
    {
        s.Write(Magic);
        Section(s, "MANI", ManifestJson);
        Section(s, "DATA", Payload);
        if (Signature is { } sig) Section(s, "SIGN", [Ed25519, .. sig.Key.Raw, .. sig.Signature]);
    }

    /// <summary>The file's bytes as an array.</summary>
    public byte[] ToBytes()
    {
        using var ms = new MemoryStream();
        WriteTo(ms);
        return ms.ToArray();
    }

    /// <summary>Reads a package; any structural fault (magic, truncation, order, sizes, trailing bytes) throws <see cref="PackageFormatException"/>.</summary>
    public static PackageFile Parse(ReadOnlySpan<byte> file)
    {
        if (file.Length < Magic.Length || !file[..Magic.Length].SequenceEqual(Magic))
            throw new PackageFormatException($"not a ComputeAsic bitstream package (the first bytes are not 'CAPKG1'; {file.Length} bytes)");
        int at = Magic.Length;
        byte[] manifest = Take(file, ref at, "MANI", MaxManifest);
        byte[] payload = Take(file, ref at, "DATA", int.MaxValue);
        PackageSignature? signature = null;
        if (at < file.Length)
        {
            byte[] sign = Take(file, ref at, "SIGN", 1 + 32 + Ed25519Keys.SignatureSize);
            if (sign.Length != 1 + 32 + Ed25519Keys.SignatureSize || sign[0] != Ed25519)
                throw new PackageFormatException($"SIGN section: expected algorithm 1 (Ed25519), a 32-byte key and a 64-byte signature ({sign.Length} bytes, algorithm {sign[0]})");
            signature = new PackageSignature(new VerifyingKey(sign[1..33]), sign[33..]);
        }
        if (at != file.Length) throw new PackageFormatException($"{file.Length - at} bytes after the last section at offset {at}");
        return new PackageFile(manifest, payload, signature);
    }

    /// <summary>Reads a package file; a missing file is <see cref="Math.InvalidInputException"/>.</summary>
    public static PackageFile Read(string path)
    {
        if (!File.Exists(path)) throw new Math.InvalidInputException($"{path}: package file does not exist");
        try
        {
            return Parse(File.ReadAllBytes(path));
        }
        catch (PackageFormatException e)
        {
            throw new PackageFormatException($"{path}: {e.Message}");
        }
    }

    private static void Section(Stream s, string tag, ReadOnlySpan<byte> body)
    {
        s.Write(Encoding.ASCII.GetBytes(tag));
        Span<byte> len = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)body.Length);
        s.Write(len);
        s.Write(body);
    }

    private static byte[] Take(ReadOnlySpan<byte> file, ref int at, string tag, int max)
    {
        if (file.Length - at < 12) throw new PackageFormatException($"truncated: section {tag} header expected at offset {at}, the file ends at {file.Length}");
        string got = Encoding.ASCII.GetString(file.Slice(at, 4));
        if (got != tag) throw new PackageFormatException($"section at offset {at} is '{Printable(got)}', expected {tag}");
        ulong len = BinaryPrimitives.ReadUInt64LittleEndian(file.Slice(at + 4, 8));
        at += 12;
        if (len > (ulong)max) throw new PackageFormatException($"section {tag} declares {len} bytes, more than the {max} allowed");
        if ((ulong)(file.Length - at) < len) throw new PackageFormatException($"truncated: section {tag} declares {len} bytes, {file.Length - at} remain");
        var body = file.Slice(at, (int)len).ToArray();
        at += (int)len;
        return body;
    }

    private static string Printable(string s) => new(s.Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
}
