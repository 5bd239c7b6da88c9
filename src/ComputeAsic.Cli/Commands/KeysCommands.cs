using CommandLine;
using ComputeAsic.Cli.Io;
using ComputeAsic.Signing;

namespace ComputeAsic.Cli.Commands;

/// <summary>The <c>keys</c> verb group in the top-level help.</summary>
[Verb("keys", HelpText = "Ed25519 signing keys for bitstream packages (and the driver's receipts): keys gen.")]
public sealed class KeysGroupVerb : GroupVerb
{
    /// <inheritdoc/>
    public override string Group => "keys";
}

/// <summary><c>computeasic keys gen --private K --public P</c>: a new Ed25519 key pair as PEM files.</summary>
[VerbGroup("keys")]
[VerbExample("computeasic keys gen --private provider.key --public trust/provider.pub")]
[Verb("gen", HelpText = "Generate an Ed25519 key pair: the private key (PKCS#8 PEM, mode 0600) and the public key (PEM) for trust stores.")]
public sealed class KeysGenCommand : CommandOptions, ICommand
{
    /// <summary>Private key file.</summary>
    [Option("private", Required = true, HelpText = "Private key file to write (refused if it exists, unless --force).")]
    public string Private { get; set; } = "";

    /// <summary>Public key file.</summary>
    [Option("public", Required = true, HelpText = "Public key file to write; copy it into a trust store directory as NAME.pub.")]
    public string Public { get; set; } = "";

    /// <summary>Overwrite an existing private key.</summary>
    [Option("force", HelpText = "Overwrite an existing private key file.")]
    public bool Force { get; set; }

    /// <inheritdoc/>
    public int Execute(CommandContext context)
    {
        using var outputs = new OutputSet(("private", Private), ("public", Public));
        if (File.Exists(Private) && !Force) throw new UsageException($"--private {Private}: exists; refusing to overwrite a key (use --force)");
        var (priv, pub) = Ed25519Keys.Generate();
        outputs.Write(Private, s =>
        {
            if (s is FileStream fs && !OperatingSystem.IsWindows()) File.SetUnixFileMode(fs.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            s.Write(priv);
        });
        outputs.Write(Public, s => s.Write(pub));
        outputs.Commit();
        var key = Ed25519Keys.LoadPublic(Public);
        context.Out.WriteLine($"wrote {Private} (private) and {Public} (public), key {key.Fingerprint}");
        return CliApp.Ok;
    }
}
