using CommandLine;

namespace ComputeAsic.Cli.Commands;

/// <summary>The <c>zkey</c> verb group in the top-level help.</summary>
[Verb("zkey", HelpText = "Inspect snarkjs proving keys (.zkey): zkey info.")]
public sealed class ZkeyGroupVerb : GroupVerb
{
    /// <inheritdoc/>
    public override string Group => "zkey";
}
