namespace ComputeAsic.Signing;

/// <summary>
/// The public keys a provider trusts: a directory whose <c>*.pub</c> files are each one Ed25519 public key in PEM (as
/// <c>computeasic keys gen --public</c> writes). Other files are ignored; a <c>.pub</c> file that is not a key is an
/// error, not silently skipped. Trusting a key is copying its file in; revoking it is deleting the file.
/// </summary>
public sealed class TrustStore
{
    /// <summary>The extension of key files in a trust store.</summary>
    public const string Extension = ".pub";

    private TrustStore(string directory, IReadOnlyList<(string File, VerifyingKey Key)> keys)
    {
        Directory = directory;
        Keys = keys;
    }

    /// <summary>The directory read.</summary>
    public string Directory { get; }

    /// <summary>The trusted keys with the file each came from, in file-name order.</summary>
    public IReadOnlyList<(string File, VerifyingKey Key)> Keys { get; }

    /// <summary>Reads every <c>*.pub</c> file of <paramref name="directory"/>; throws <see cref="KeyFileException"/> on a bad one or a missing directory.</summary>
    public static TrustStore Load(string directory)
    {
        if (!System.IO.Directory.Exists(directory)) throw new KeyFileException($"{directory}: trust store directory does not exist");
        var keys = System.IO.Directory.GetFiles(directory, "*" + Extension)
            .Order(StringComparer.Ordinal)
            .Select(f => (f, Ed25519Keys.LoadPublic(f)))
            .ToList();
        return new TrustStore(directory, keys);
    }

    /// <summary>The file of the trusted key equal to <paramref name="key"/>, or null when it is not trusted.</summary>
    public string? Find(VerifyingKey key) => Keys.FirstOrDefault(k => k.Key.Equals(key)).File;
}
