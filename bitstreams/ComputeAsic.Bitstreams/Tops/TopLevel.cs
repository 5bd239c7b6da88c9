using ComputeAsic.Bitstreams.Boards;
using ComputeAsic.Hardware;
using ComputeAsic.Hdl;
using ComputeAsic.Hdl.Emit;

namespace ComputeAsic.Bitstreams.Tops;

/// <summary>A built top level: the catalog entry, its arguments, the elaborated design and its design hash.</summary>
/// <param name="Entry">The catalog design.</param>
/// <param name="Arguments">Its parameters, defaults filled in.</param>
/// <param name="Design">The elaborated design.</param>
/// <param name="Hash">The design hash (<see cref="DesignHash"/>; for a top with an identity block, the value it reports), lowercase hex.</param>
public sealed record TopLevel(DesignEntry Entry, DesignArguments Arguments, Design Design, string Hash)
{
    /// <summary>The top entity's name in the emitted HDL.</summary>
    public string Entity => Design.EntityName(Design.Top);

    /// <summary>
    /// Builds <paramref name="top"/> (default: the board's default top with its parameters) with <paramref name="parameters"/>
    /// applied over the defaults; unknown names and bad parameters throw <see cref="Math.InvalidInputException"/>.
    /// </summary>
    public static TopLevel Resolve(Board board, string? top, IEnumerable<string>? parameters = null)
    {
        bool isDefault = top == null || top == board.DefaultTop.Design;
        var entry = DesignCatalog.Find(top ?? board.DefaultTop.Design);
        IEnumerable<string> ps = isDefault ? [.. board.DefaultTop.Parameters, .. parameters ?? []] : parameters ?? [];
        var args = entry.Parse(ps);
        var design = new Design(entry.Build(args));
        return new TopLevel(entry, args, design, Convert.ToHexStringLower(entry.HashOf(args, design)));
    }
}
