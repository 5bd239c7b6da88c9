using System.Globalization;
using System.Text;

namespace ComputeAsic.Hardware.Card;

/// <summary>The Markdown register document (<c>hardware/REGISTERS.md</c>), generated from the map so it cannot drift from the slave.</summary>
public static class RegisterDocument
{
    /// <summary>Where the document lives in the repository.</summary>
    public const string RepositoryPath = "hardware/REGISTERS.md";

    /// <summary>The command that regenerates the document.</summary>
    public const string Regenerate = "computeasic card regs --out hardware/REGISTERS.md";

    /// <summary>The document for <paramref name="map"/> (deterministic; "\n" line ends).</summary>
    public static string Markdown(RegisterMap map)
    {
        var s = new StringBuilder();
        void L(string line = "") => s.Append(line).Append('\n');
        L("# Card register map");
        L();
        L($"<!-- Generated from hardware/ComputeAsic.Hardware/Card/CardRegisters.cs by `{Regenerate}`; do not edit. A test fails when it is stale. -->");
        L();
        L($"Map version **{map.Version}**. The registers sit in a {1 << map.AddressBits}-byte window of the card's AXI4-Lite user BAR " +
          $"({map.AddressBits} address bits): 32-bit words, little-endian, at 4-byte aligned byte offsets.");
        L();
        L("Access: **RO** read-only (a write answers SLVERR and changes nothing); **RW** read-write; **W1C** bits set by the engine, " +
          "cleared by writing 1 (a set in the same cycle wins); **WO** write-only, each write a one-cycle pulse to the engine, reads return 0 (OKAY).");
        L("An unknown or misaligned address answers SLVERR on the B or R channel (reads return 0); every request is answered, none hangs. " +
          "Byte strobes (WSTRB) select the bytes a write changes. Bits above a register's width read 0 and ignore writes.");
        L();
        L("| offset | name | access | width | reset | description |");
        L("|---|---|---|---|---|---|");
        foreach (var r in map.Registers)
            L($"| {r.Hex} | `{r.Name}` | {r.Access} | {r.Width} | {Reset(r)} | {Cell(r.Doc)} |");
        foreach (var b in map.Blocks)
        {
            L();
            L($"## `{b.Name}` at 0x{b.Base.ToString("X3", CultureInfo.InvariantCulture)}");
            L();
            L(b.Doc);
            foreach (var r in b.Registers.Where(r => r.Fields.Count > 0))
            {
                L();
                L($"### `{r.Name}` ({r.Hex}, {r.Access})");
                L();
                L("| bits | field | description |");
                L("|---|---|---|");
                foreach (var f in r.Fields.OrderByDescending(f => f.Lsb))
                    L($"| {(f.Width == 1 ? f.Lsb.ToString(CultureInfo.InvariantCulture) : $"{f.Lsb + f.Width - 1}:{f.Lsb}")} | `{f.Name}` | {Cell(f.Doc)} |");
            }
        }
        return s.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Reset(Register r) => r.Access switch
    {
        RegisterAccess.RO when r.Constant && r.Reset == 0 => "build",
        RegisterAccess.RO when r.Constant => "0x" + r.Reset.ToString("X", CultureInfo.InvariantCulture),
        RegisterAccess.RO => "engine",
        _ => "0x" + r.Reset.ToString("X", CultureInfo.InvariantCulture),
    };
}
