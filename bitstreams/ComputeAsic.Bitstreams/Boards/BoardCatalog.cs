using ComputeAsic.Math;

namespace ComputeAsic.Bitstreams.Boards;

/// <summary>The boards the toolkit builds for and flashes, by name.</summary>
public static class BoardCatalog
{
    /// <summary>Every board, in listing order.</summary>
    public static IReadOnlyList<Board> All { get; } =
    [
        Definitions.IceBreaker.Board,
        Definitions.Ulx3s.Board,
        Definitions.AwsF1.Board,
        Definitions.AlveoU250.Board,
        Definitions.AlveoU55c.Board,
    ];

    /// <summary>The board named <paramref name="name"/>; throws <see cref="InvalidInputException"/> listing the known ones.</summary>
    public static Board Find(string name) =>
        TryFind(name) ?? throw new InvalidInputException($"--board {name}: unknown board (known: {string.Join(", ", All.Select(b => b.Name))})");

    /// <summary>The board named <paramref name="name"/>, or null.</summary>
    public static Board? TryFind(string name) => All.FirstOrDefault(b => b.Name == name);
}
