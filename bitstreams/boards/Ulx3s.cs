using ComputeAsic.Bitstreams.Boards;

namespace ComputeAsic.Bitstreams.Boards.Definitions;

/// <summary>Radiona ULX3S with the 85F ECP5: 25 MHz, 32 MB SDRAM, UART over its FT231X.</summary>
public static class Ulx3s
{
    /// <summary>The board.</summary>
    public static Board Board { get; } = new(
        Name: "ulx3s-85f",
        Description: "Radiona ULX3S, Lattice ECP5 LFE5U-85F-6BG381C, 25 MHz, UART over the FT231X",
        Flow: BoardFlow.Ecp5,
        Part: "LFE5U-85F-6BG381C",
        Package: "CABGA381",
        Clocks: [new("clk", 25.0, "G2")],
        Memory: "32 MB SDRAM, 208 EBR blocks (3.7 Mb), 16 MB SPI flash",
        Shell: new("uart", "computeasic-uart-shell-v1 115200 8N1", Pcie: null),
        Flash: FlashTool.OpenFpgaLoader,
        LoaderBoard: "ulx3s",
        Pins:
        [
            new("clk", "G2", "LVCMOS33", "clk_25mhz"),
            new("rx", "M1", "LVCMOS33", "ftdi_txd (host to FPGA)"),
            new("tx", "L4", "LVCMOS33", "ftdi_rxd (FPGA to host)"),
            new("busy", "B2", "LVCMOS33", "led[0]: lit while a command is served"),
        ],
        DefaultTop: new("uart_mod_mul_goldilocks", ["clocks_per_bit=217", "tile_a=18", "tile_b=18"]),
        DefaultTopWhy: "a Goldilocks (64-bit) multiplier of 18x18 tiles uses 16 of the 156 MULT18X18D; the part has room for far more, "
            + "but the host link is the same small UART as the iCEBreaker's.");
}
