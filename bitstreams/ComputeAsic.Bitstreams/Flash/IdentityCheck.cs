using ComputeAsic.Bitstreams.Boards;
using ComputeAsic.Bitstreams.Packages;

namespace ComputeAsic.Bitstreams.Flash;

/// <summary>Reads a flashed card's identity block: the design hash it reports. The driver will implement this for cards it reaches.</summary>
public interface IIdentityReader
{
    /// <summary>The design hash (lowercase hex) the card on <paramref name="board"/> (at <paramref name="device"/>) reports, or null when unreachable.</summary>
    string? ReadDesignHash(Board board, string? device);
}

/// <summary>The check after flashing: the card must report the package's design hash, or the flash failed.</summary>
/// <param name="Passed">False only when a card answered with another hash; an unreachable card is not a failure, but says so.</param>
/// <param name="Message">One line for the user.</param>
public sealed record IdentityCheck(bool Passed, string Message)
{
    /// <summary>Reads the identity through <paramref name="reader"/> (null: no driver path to this card yet) and compares it with the manifest.</summary>
    public static IdentityCheck Run(Manifest manifest, Board board, string? device, IIdentityReader? reader)
    {
        string? reported = reader?.ReadDesignHash(board, device);
        if (reported == null)
            return new IdentityCheck(true, "identity check not done: reading the identity block back needs the driver's path to this card, "
                + $"which does not exist yet; the card should report design hash {manifest.DesignHash}");
        return reported == manifest.DesignHash
            ? new IdentityCheck(true, $"identity check: the card reports design hash {reported}, the package's")
            : new IdentityCheck(false, $"identity check FAILED: the card reports design hash {reported}, the package has {manifest.DesignHash}: it does not run what was flashed");
    }
}
