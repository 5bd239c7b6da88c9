using System.Security.Cryptography;
using NSec.Cryptography;

namespace ComputeAsic.Signing;

/// <summary>A key file that is missing, unreadable or not an Ed25519 key of the expected kind.</summary>
public sealed class KeyFileException(string message) : Exception(message);

/// <summary>
/// Ed25519 key files, shared by bitstream packages and the driver's receipts: the private key as PKCS#8 PEM
/// (<c>-----BEGIN PRIVATE KEY-----</c>), the public key as SubjectPublicKeyInfo PEM (<c>-----BEGIN PUBLIC KEY-----</c>),
/// the forms OpenSSL reads and writes (<c>openssl pkey -in K -pubout</c> turns a private key file into its public one).
/// </summary>
public static class Ed25519Keys
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    /// <summary>Bytes in an Ed25519 signature.</summary>
    public const int SignatureSize = 64;

    /// <summary>A new key pair: the private and public key files' contents (PEM text, ASCII).</summary>
    public static (byte[] PrivatePem, byte[] PublicPem) Generate()
    {
        using var key = Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return (key.Export(KeyBlobFormat.PkixPrivateKeyText), key.PublicKey.Export(KeyBlobFormat.PkixPublicKeyText));
    }

    /// <summary>Reads a private key file; throws <see cref="KeyFileException"/> naming the file when it is not one.</summary>
    public static SigningKey LoadPrivate(string path)
    {
        byte[] blob = Read(path);
        if (!Key.TryImport(Algorithm, blob, KeyBlobFormat.PkixPrivateKeyText, out var key, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }) || key == null)
            throw new KeyFileException($"{path}: not an Ed25519 private key (expected PEM '-----BEGIN PRIVATE KEY-----', as 'computeasic keys gen' writes)");
        return new SigningKey(key);
    }

    /// <summary>Reads a public key file; throws <see cref="KeyFileException"/> naming the file when it is not one.</summary>
    public static VerifyingKey LoadPublic(string path) => ParsePublic(Read(path), path);

    /// <summary>Parses public key PEM text; <paramref name="where"/> names it in errors.</summary>
    public static VerifyingKey ParsePublic(byte[] pem, string where)
    {
        if (!PublicKey.TryImport(Algorithm, pem, KeyBlobFormat.PkixPublicKeyText, out var key) || key == null)
            throw new KeyFileException($"{where}: not an Ed25519 public key (expected PEM '-----BEGIN PUBLIC KEY-----', as 'computeasic keys gen' writes)");
        return new VerifyingKey(key.Export(KeyBlobFormat.RawPublicKey));
    }

    private static byte[] Read(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeyFileException($"{path}: {e.Message}");
        }
    }

    internal static bool Verify(byte[] rawPublic, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureSize
        && PublicKey.TryImport(Algorithm, rawPublic, KeyBlobFormat.RawPublicKey, out var key) && key != null
        && Algorithm.Verify(key, data, signature);

    internal static byte[] Sign(Key key, ReadOnlySpan<byte> data) => Algorithm.Sign(key, data);

    internal static string FingerprintOf(byte[] rawPublic) => Convert.ToHexStringLower(SHA256.HashData(rawPublic))[..16];
}

/// <summary>A loaded private key that signs.</summary>
public sealed class SigningKey : IDisposable
{
    private readonly Key _key;

    internal SigningKey(Key key)
    {
        _key = key;
        Public = new VerifyingKey(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>The matching public key.</summary>
    public VerifyingKey Public { get; }

    /// <summary>The Ed25519 signature (64 bytes) of <paramref name="data"/>.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => Ed25519Keys.Sign(_key, data);

    /// <inheritdoc/>
    public void Dispose() => _key.Dispose();
}

/// <summary>An Ed25519 public key (32 raw bytes) that checks signatures.</summary>
public sealed class VerifyingKey : IEquatable<VerifyingKey>
{
    private readonly byte[] _raw;

    /// <summary>Wraps the 32 raw bytes of an Ed25519 public key.</summary>
    public VerifyingKey(byte[] raw)
    {
        if (raw.Length != 32) throw new KeyFileException($"an Ed25519 public key has 32 bytes, not {raw.Length}");
        _raw = (byte[])raw.Clone();
    }

    /// <summary>The 32 raw bytes (what packages and receipts carry).</summary>
    public ReadOnlySpan<byte> Raw => _raw;

    /// <summary>The first 16 hex digits of SHA-256 of the raw key: how messages name a key.</summary>
    public string Fingerprint => Ed25519Keys.FingerprintOf(_raw);

    /// <summary>Whether <paramref name="signature"/> is this key's signature of <paramref name="data"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) => Ed25519Keys.Verify(_raw, data, signature);

    /// <inheritdoc/>
    public bool Equals(VerifyingKey? other) => other != null && _raw.AsSpan().SequenceEqual(other._raw);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as VerifyingKey);

    /// <inheritdoc/>
    public override int GetHashCode() => BitConverter.ToInt32(_raw, 0);
}
