using ComputeAsic.Hardware.Arithmetic;

namespace ComputeAsic.Hardware.Shell;

/// <summary>The UART shells in the design catalog: the default tops of the boards without PCIe.</summary>
public static class ShellDesigns
{
    /// <summary>Fields offered behind a UART: narrow ones, whose multiplier fits a small FPGA.</summary>
    public static IReadOnlyList<FieldSpec> Fields { get; } = [FieldSpec.BabyBear, FieldSpec.Goldilocks];

    /// <summary>The catalog name of the UART shell around the multiplier of <paramref name="field"/>.</summary>
    public static string NameOf(FieldSpec field) => $"uart_mod_mul_{field.Id}";

    /// <summary>Adds the shells to <see cref="DesignCatalog"/>.</summary>
    public static void RegisterAll()
    {
        foreach (var f in Fields)
        {
            DesignParameter[] ps =
            [
                new("clocks_per_bit", 104, 4, 1 << 16, "clock cycles per UART bit (104: 115200 baud at 12 MHz)"),
                new("tile_a", 16, 2, 64, "bits of the wider side of a DSP tile (16: iCE40 SB_MAC16)"),
                new("tile_b", 16, 2, 64, "bits of the narrower side of a DSP tile"),
                new("levels_per_stage", 2, 1, 16, "adder levels between pipeline registers"),
                new("karatsuba", 1, 0, 1, "1: Karatsuba where it saves tiles"),
                .. f.IsGoldilocks ? Array.Empty<DesignParameter>() : [new("max_corrections", 3, 1, 8, "conditional subtractions ending a Barrett reduction")],
            ];
            var field = f;
            DesignCatalog.Register(new DesignEntry(NameOf(f), $"UART shell (8N1; 'M' a b -> a*b, 'P' -> p) around the multiplier of {f.Id}",
                ps, a => new UartShell(field, a["clocks_per_bit"], ArithmeticDesigns.Options(a))));
        }
    }
}
