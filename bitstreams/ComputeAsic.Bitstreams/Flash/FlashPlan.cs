using System.Text.Json;
using ComputeAsic.Bitstreams.Boards;
using ComputeAsic.Bitstreams.Flows;
using ComputeAsic.Hdl.Tools;

namespace ComputeAsic.Bitstreams.Flash;

/// <summary>What flashing a verified package onto its board runs, derived from the board's flash tool.</summary>
/// <param name="Board">The board.</param>
/// <param name="Steps">The commands, in order.</param>
public sealed record FlashPlan(Board Board, IReadOnlyList<FlowStep> Steps)
{
    /// <summary>The loader program the plan needs.</summary>
    public string Tool => Steps[0].Tool;

    /// <summary>
    /// The commands that load <paramref name="payloadPath"/> (the extracted, verified <paramref name="payload"/>) onto
    /// <paramref name="board"/>: <c>openFPGALoader -b</c> (the loader's default for the board; <c>-d</c> picks the USB serial device),
    /// <c>xbutil program --device BDF --user</c>, or <c>fpga-load-local-image -S SLOT -I AGFI</c> followed by a describe of the slot.
    /// </summary>
    public static FlashPlan For(Board board, string payloadPath, byte[] payload, string? device)
    {
        IReadOnlyList<FlowStep> steps = board.Flash switch
        {
            FlashTool.OpenFpgaLoader =>
            [
                new("openFPGALoader", ["-b", board.LoaderBoard!, .. device != null ? new[] { "-d", device } : [], payloadPath]),
            ],
            FlashTool.XbutilProgram =>
            [
                new("xbutil", ["program", .. device != null ? new[] { "--device", device } : [], "--user", payloadPath]),
            ],
            FlashTool.FpgaLoadLocalImage =>
            [
                new("fpga-load-local-image", ["-S", device ?? "0", "-I", Agfi(payload)]),
                new("fpga-describe-local-image", ["-S", device ?? "0", "-R", "-H"]),
            ],
            _ => throw new InvalidOperationException($"board {board.Name}: no flash tool"),
        };
        return new FlashPlan(board, steps);
    }

    /// <summary>Whether the loader program is installed here.</summary>
    public bool ToolPresent => ToolRunner.Find(Tool) != null;

    private static string Agfi(byte[] payload)
    {
        using var doc = JsonDocument.Parse(payload);
        return doc.RootElement.GetProperty("agfi_id").GetString()!;
    }
}
