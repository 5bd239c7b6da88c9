using ComputeAsic.Bitstreams.Boards;

namespace ComputeAsic.Bitstreams.Boards.Definitions;

/// <summary>1BitSquared iCEBreaker: a Lattice iCE40 UltraPlus 5K, 12 MHz, an FTDI FT2232H for USB-SPI and UART.</summary>
public static class IceBreaker
{
    /// <summary>The board.</summary>
    public static Board Board { get; } = new(
        Name: "icebreaker",
        Description: "1BitSquared iCEBreaker, Lattice iCE40UP5K-SG48, 12 MHz, UART over the FT2232H",
        Flow: BoardFlow.Ice40,
        Part: "iCE40UP5K",
        Package: "sg48",
        Clocks: [new("clk", 12.0, "35")],
        Memory: "128 KB SPRAM, 30 EBR blocks (120 Kb), 16 MB SPI flash",
        Shell: new("uart", "computeasic-uart-shell-v1 115200 8N1", Pcie: null),
        Flash: FlashTool.OpenFpgaLoader,
        LoaderBoard: "ice40_generic",
        Pins:
        [
            new("clk", "35", null, "12 MHz oscillator"),
            new("rx", "6", null, "FT2232H channel B TXD (host to FPGA)"),
            new("tx", "9", null, "FT2232H channel B RXD (FPGA to host)"),
            new("busy", "37", null, "LEDG_N: the green LED is lit while the shell is idle"),
        ],
        DefaultTop: new("uart_mod_mul_babybear", ["clocks_per_bit=104", "tile_a=16", "tile_b=16"]),
        DefaultTopWhy: "a BabyBear (31-bit) multiplier takes 7 of the 8 SB_MAC16 with 16x16 tiles and a few hundred LUTs; "
            + "a Goldilocks multiplier would need 16 DSPs, a 254-bit one hundreds. The UART reaches it through the FT2232H without extra hardware.");
}
