using System.Security.Cryptography;
using ComputeAsic.Bitstreams.Boards;
using ComputeAsic.Signing;

namespace ComputeAsic.Bitstreams.Packages;

/// <summary>The outcome of verifying a package: exit codes 0, 1, 2 of <c>bitstream verify</c>.</summary>
public enum VerifyCode
{
    /// <summary>Signed by a trusted key, unchanged, and for the board and shell asked for.</summary>
    Ok = 0,

    /// <summary>Well formed but not to be loaded (unsigned, untrusted, changed, other board or shell).</summary>
    Refused = 1,

    /// <summary>Not a well-formed package (truncated, bad magic or sections, bad manifest).</summary>
    Malformed = 2,
}

/// <summary>A verdict with its reason and, when the manifest could be read, the manifest and package.</summary>
/// <param name="Code">The outcome.</param>
/// <param name="Reason">One line naming what is wrong (or what was checked).</param>
/// <param name="Manifest">The manifest, when it was read.</param>
/// <param name="Package">The package, when it parsed.</param>
/// <param name="SignerFile">The trust-store file of the signer, when trusted.</param>
public sealed record Verdict(VerifyCode Code, string Reason, Manifest? Manifest = null, PackageFile? Package = null, string? SignerFile = null);

/// <summary>
/// Decides whether a package may be loaded: well formed, signed, by a key in the trust store, the signature valid over
/// the manifest and the payload's hash, the payload matching the manifest, and the manifest's board, part and shell
/// equal to the board catalog's (and to <c>--board</c> when given). Checks run in that order; the first failure is the reason.
/// </summary>
public static class PackageVerifier
{
    /// <summary>Verifies the bytes of a package file.</summary>
    public static Verdict Verify(ReadOnlySpan<byte> file, TrustStore trust, string? board)
    {
        PackageFile pkg;
        try
        {
            pkg = PackageFile.Parse(file);
        }
        catch (PackageFormatException e)
        {
            return new Verdict(VerifyCode.Malformed, "malformed: " + e.Message);
        }
        if (pkg.Signature is not { } sig) return new Verdict(VerifyCode.Refused, "refused: the package is not signed", Package: pkg);
        string? signer = trust.Find(sig.Key);
        if (signer == null)
            return new Verdict(VerifyCode.Refused, $"refused: signed by key {sig.Key.Fingerprint}, which is not in the trust store {trust.Directory} ({trust.Keys.Count} keys)", Package: pkg);
        if (!sig.Key.Verify(pkg.SignedMessage(), sig.Signature))
            return new Verdict(VerifyCode.Refused, $"refused: the signature of key {sig.Key.Fingerprint} does not match: the manifest or the payload changed after signing", Package: pkg);

        Manifest m;
        try
        {
            m = Manifest.Parse(pkg.ManifestJson);
        }
        catch (PackageFormatException e)
        {
            return new Verdict(VerifyCode.Malformed, "malformed: " + e.Message, Package: pkg);
        }
        string sha = Convert.ToHexStringLower(SHA256.HashData(pkg.Payload));
        if (sha != m.PayloadSha256 || pkg.Payload.LongLength != m.PayloadSize)
            return new Verdict(VerifyCode.Refused, $"refused: the payload ({pkg.Payload.Length} bytes, SHA-256 {sha}) is not the one the manifest names ({m.PayloadSize} bytes, {m.PayloadSha256})", m, pkg);
        var known = BoardCatalog.TryFind(m.Board);
        if (known == null) return new Verdict(VerifyCode.Refused, $"refused: the package is for board '{m.Board}', which this toolkit does not know", m, pkg);
        if (board != null && board != m.Board)
            return new Verdict(VerifyCode.Refused, $"refused: the package is for board {m.Board}, not {board}", m, pkg);
        if (m.Part != known.Part) return new Verdict(VerifyCode.Refused, $"refused: the package is for part {m.Part}; board {known.Name} has {known.Part}", m, pkg);
        if (m.ShellName != known.Shell.Name || m.ShellIdentity != known.Shell.Identity)
            return new Verdict(VerifyCode.Refused, $"refused: the package is for shell '{m.ShellName}: {m.ShellIdentity}'; board {known.Name} runs '{known.Shell.Name}: {known.Shell.Identity}'", m, pkg);
        return new Verdict(VerifyCode.Ok, $"ok: signed by {sig.Key.Fingerprint} ({Path.GetFileName(signer)}), board {m.Board}, shell {m.ShellIdentity}, design hash {m.DesignHash}", m, pkg, signer);
    }
}
