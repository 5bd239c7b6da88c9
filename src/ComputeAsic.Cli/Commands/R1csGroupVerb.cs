using CommandLine;

namespace ComputeAsic.Cli.Commands;

/// <summary>The <c>r1cs</c> verb group in the top-level help.</summary>
[Verb("r1cs", HelpText = "Inspect circom constraint systems (.r1cs): r1cs info.")]
public sealed class R1csGroupVerb : GroupVerb
{
    /// <inheritdoc/>
    public override string Group => "r1cs";
}
