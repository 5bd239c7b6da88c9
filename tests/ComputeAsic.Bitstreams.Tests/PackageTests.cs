using System.Text;
using ComputeAsic.Bitstreams.Packages;
using ComputeAsic.Signing;

namespace ComputeAsic.Bitstreams.Tests;

/// <summary>
/// The package verdicts as a table: what a provider must refuse (unsigned, untrusted, one bit changed in the manifest,
/// payload or signature, another board or shell, truncated or malformed), each with its exit code and reason.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _key, _trust, _otherKey;
    private readonly PackageFile _signed;

    public PackageTests()
    {
        (_key, _trust) = Fixtures.Keys(_dir, "provider");
        (_otherKey, _) = Fixtures.Keys(_dir, "stranger");
        using var k = Ed25519Keys.LoadPrivate(_key);
        _signed = Fixtures.Package("icebreaker", Fixtures.FakeIce40Bitstream()).SignedBy(k);
    }

    public void Dispose() => _dir.Dispose();

    private Verdict Verify(byte[] file, string? board = "icebreaker") => PackageVerifier.Verify(file, TrustStore.Load(_trust), board);

    private PackageFile SignedWith(string key, PackageFile p)
    {
        using var k = Ed25519Keys.LoadPrivate(key);
        return p.SignedBy(k);
    }

    /// <summary>A signed package whose manifest has one field replaced (re-signed by the trusted key: the signature is fine, the content is not).</summary>
    private byte[] ResignedWithManifest(Func<string, string> edit) =>
        SignedWith(_key, new PackageFile(Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(_signed.ManifestJson))), _signed.Payload)).ToBytes();

    private static byte[] Flip(byte[] b, int offset, int bit = 0)
    {
        var c = (byte[])b.Clone();
        c[offset] ^= (byte)(1 << bit);
        return c;
    }

    private int ManifestStart => PackageFile.Magic.Length + 12;

    private int PayloadStart => ManifestStart + _signed.ManifestJson.Length + 12;

    private int SignatureStart => PayloadStart + _signed.Payload.Length + 12;

    public static TheoryData<string> Cases() => new()
    {
        "ok", "ok without --board", "unsigned", "untrusted key", "payload bit", "manifest bit", "signature bit", "signer key bit",
        "other board", "other shell", "other part", "unknown board", "payload not the manifest's",
        "truncated in the payload", "truncated in the signature", "truncated in a header", "empty file", "bad magic",
        "trailing bytes", "unknown section", "manifest not json", "manifest of another format",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Verdicts(string name)
    {
        byte[] good = _signed.ToBytes();
        var (file, board, code, reason) = name switch
        {
            "ok" => (good, "icebreaker", VerifyCode.Ok, "ok: signed by"),
            "ok without --board" => (good, null, VerifyCode.Ok, "ok: signed by"),
            "unsigned" => (new PackageFile(_signed.ManifestJson, _signed.Payload).ToBytes(), "icebreaker", VerifyCode.Refused, "not signed"),
            "untrusted key" => (SignedWith(_otherKey, _signed).ToBytes(), "icebreaker", VerifyCode.Refused, "not in the trust store"),
            "payload bit" => (Flip(good, PayloadStart + 1000, 3), "icebreaker", VerifyCode.Refused, "changed after signing"),
            "manifest bit" => (Flip(good, ManifestStart + 40, 1), "icebreaker", VerifyCode.Refused, "changed after signing"),
            "signature bit" => (Flip(good, SignatureStart + 1 + 32 + 10, 7), "icebreaker", VerifyCode.Refused, "changed after signing"),
            "signer key bit" => (Flip(good, SignatureStart + 1 + 5), "icebreaker", VerifyCode.Refused, "not in the trust store"),
            "other board" => (good, "ulx3s-85f", VerifyCode.Refused, "for board icebreaker, not ulx3s-85f"),
            "other shell" => (ResignedWithManifest(m => m.Replace("computeasic-uart-shell-v1", "computeasic-uart-shell-v0")), "icebreaker", VerifyCode.Refused, "for shell"),
            "other part" => (ResignedWithManifest(m => m.Replace("\"iCE40UP5K\"", "\"iCE40HX8K\"")), "icebreaker", VerifyCode.Refused, "for part iCE40HX8K"),
            "unknown board" => (ResignedWithManifest(m => m.Replace("\"board\": \"icebreaker\"", "\"board\": \"icebreaker2\"")), null, VerifyCode.Refused, "does not know"),
            "payload not the manifest's" => (SignedWith(_key, new PackageFile(_signed.ManifestJson, Fixtures.FakeIce40Bitstream(4095))).ToBytes(), "icebreaker", VerifyCode.Refused, "is not the one the manifest names"),
            "truncated in the payload" => (good[..(PayloadStart + 100)], "icebreaker", VerifyCode.Malformed, "truncated"),
            "truncated in the signature" => (good[..^1], "icebreaker", VerifyCode.Malformed, "truncated"),
            "truncated in a header" => (good[..(ManifestStart - 5)], "icebreaker", VerifyCode.Malformed, "truncated"),
            "empty file" => (Array.Empty<byte>(), "icebreaker", VerifyCode.Malformed, "not a ComputeAsic bitstream package"),
            "bad magic" => (Flip(good, 2), "icebreaker", VerifyCode.Malformed, "not a ComputeAsic bitstream package"),
            "trailing bytes" => ([.. good, 0], "icebreaker", VerifyCode.Malformed, "after the last section"),
            "unknown section" => (Flip(good, SignatureStart - 12, 1), "icebreaker", VerifyCode.Malformed, "expected SIGN"),
            "manifest not json" => (SignedWith(_key, new PackageFile("{\"format\": "u8.ToArray(), _signed.Payload)).ToBytes(), "icebreaker", VerifyCode.Malformed, "not valid JSON"),
            "manifest of another format" => (ResignedWithManifest(m => m.Replace("manifest-v1", "manifest-v9")), "icebreaker", VerifyCode.Malformed, "format"),
            _ => throw new ArgumentException(name),
        };
        var v = Verify(file, board);
        Assert.True(v.Code == code, $"{name}: {v.Code}, expected {code}: {v.Reason}");
        Assert.Contains(reason, v.Reason);
    }

    [Fact]
    public void NoSingleBitChangeAnywhereIsAccepted()
    {
        byte[] good = _signed.ToBytes();
        var rng = new Random(11);
        // Every byte of the manifest and signature, and a spread of the header and payload bytes.
        var offsets = Enumerable.Range(0, good.Length)
            .Where(o => o < PayloadStart || o >= SignatureStart - 12 || rng.Next(16) == 0).ToList();
        foreach (int o in offsets)
        {
            var v = Verify(Flip(good, o, rng.Next(8)));
            Assert.True(v.Code != VerifyCode.Ok, $"a bit flipped at offset {o} of {good.Length} was accepted");
            bool body = (o >= ManifestStart && o < PayloadStart - 12) || (o >= PayloadStart && o < SignatureStart - 12);
            if (body) Assert.True(v.Code == VerifyCode.Refused, $"offset {o}: {v.Reason}");
        }
    }

    [Fact]
    public void ManifestRoundTripsAndPackingIsDeterministic()
    {
        var m = Manifest.Parse(_signed.ManifestJson);
        Assert.Equal(_signed.ManifestJson, m.ToJson());
        Assert.Equal("icebreaker", m.Board);
        Assert.Equal("uart_mod_mul_babybear", m.TopDesign);
        Assert.Equal(Fixtures.Package("icebreaker", Fixtures.FakeIce40Bitstream()).ToBytes(), Fixtures.Package("icebreaker", Fixtures.FakeIce40Bitstream()).ToBytes());
        var parsed = PackageFile.Parse(_signed.ToBytes());
        Assert.Equal(_signed.ToBytes(), parsed.ToBytes());
    }

    [Fact]
    public void PackRefusesAPayloadOfTheWrongKind()
    {
        var e = Assert.Throws<PackageFormatException>(() => Manifest.Parse("[]"u8));
        Assert.Contains("missing", e.Message);
        Assert.Contains("not an iCE40 bitstream", Assert.Throws<Math.InvalidInputException>(() => Fixtures.Package("icebreaker", new byte[100])).Message);
        Assert.Contains("not an xclbin", Assert.Throws<Math.InvalidInputException>(() => Fixtures.Package("alveo-u250", Fixtures.FakeIce40Bitstream())).Message);
        Assert.Contains("AFI reference", Assert.Throws<Math.InvalidInputException>(() => Fixtures.Package("aws-f1", Fixtures.FakeIce40Bitstream())).Message);
        var afi = Fixtures.Package("aws-f1", Packer.AfiReference("afi-0123456789abcdef0", "agfi-0123456789abcdef0"));
        Assert.Equal("afi", Manifest.Parse(afi.ManifestJson).PayloadKind);
    }

    [Fact]
    public void TrustStoreReadsPubFilesAndRejectsABadOne()
    {
        var store = TrustStore.Load(_trust);
        Assert.Single(store.Keys);
        File.WriteAllText(Path.Combine(_trust, "notes.txt"), "ignored");
        Assert.Single(TrustStore.Load(_trust).Keys);
        File.WriteAllText(Path.Combine(_trust, "broken.pub"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        Assert.Contains("broken.pub: not an Ed25519 public key", Assert.Throws<KeyFileException>(() => TrustStore.Load(_trust)).Message);
        Assert.Contains("does not exist", Assert.Throws<KeyFileException>(() => TrustStore.Load(_dir.File("nowhere"))).Message);
        Assert.Contains("not an Ed25519 private key", Assert.Throws<KeyFileException>(() => Ed25519Keys.LoadPrivate(Path.Combine(_trust, "provider.pub"))).Message);
    }
}
