using ComputeAsic.Bitstreams.Boards;
using ComputeAsic.Bitstreams.Packages;
using ComputeAsic.Bitstreams.Tops;
using ComputeAsic.Cli;
using ComputeAsic.Signing;

namespace ComputeAsic.Bitstreams.Tests;

/// <summary>A scratch directory removed after the test.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("computeasic-bits-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Keys, trust stores and packages for the tests.</summary>
internal static class Fixtures
{
    /// <summary>Writes a new key pair into <paramref name="dir"/>: the private key file and a trust store holding the public key.</summary>
    public static (string PrivateKey, string TrustDir) Keys(TempDir dir, string name)
    {
        var (priv, pub) = Ed25519Keys.Generate();
        string key = dir.File(name + ".key"), trust = dir.File(name + "-trust");
        Directory.CreateDirectory(trust);
        File.WriteAllBytes(key, priv);
        File.WriteAllBytes(System.IO.Path.Combine(trust, name + ".pub"), pub);
        return (key, trust);
    }

    /// <summary>A payload that passes the iCE40 check: a comment, the sync word, then bytes.</summary>
    public static byte[] FakeIce40Bitstream(int size = 4096)
    {
        var b = new byte[size];
        new Random(5).NextBytes(b);
        b[0] = 0xFF; b[1] = 0x00; b[2] = 0x00; b[3] = 0xFF;
        b[4] = 0x7E; b[5] = 0xAA; b[6] = 0x99; b[7] = 0x7E;
        return b;
    }

    /// <summary>An unsigned package for a board's default top, with <paramref name="payload"/>.</summary>
    public static PackageFile Package(string board, byte[] payload)
    {
        var b = BoardCatalog.Find(board);
        return Packer.Pack(b, TopLevel.Resolve(b, null), "test.bin", payload, null);
    }

    /// <summary>Runs the CLI in-process: (exit code, stdout, stderr).</summary>
    public static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CliApp.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }
}
