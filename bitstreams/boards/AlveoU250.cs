using ComputeAsic.Bitstreams.Boards;

namespace ComputeAsic.Bitstreams.Boards.Definitions;

/// <summary>AMD Alveo U250: a VU13P-class UltraScale+ with 64 GB DDR4, an XDMA platform run by XRT.</summary>
public static class AlveoU250
{
    /// <summary>The board.</summary>
    public static Board Board { get; } = new(
        Name: "alveo-u250",
        Description: "AMD Alveo U250, xcu250-figd2104-2L-e, XDMA platform xilinx_u250_gen3x16_xdma_4_1_202210_1 (XRT)",
        Flow: BoardFlow.Alveo,
        Part: "xcu250-figd2104-2L-e",
        Package: "figd2104",
        Clocks: [new("clk", 300.0, null)],
        Memory: "64 GB DDR4 (4 x 16 GB)",
        Shell: new("xdma", "xilinx_u250_gen3x16_xdma_4_1_202210_1", Pcie: "Gen3 x16 (XDMA)"),
        Flash: FlashTool.XbutilProgram,
        LoaderBoard: null,
        Pins: [],
        DefaultTop: new("ntt_ct_goldilocks", []),
        DefaultTopWhy: "until the card top levels exist, an NTT butterfly (Goldilocks) stands in as the RTL kernel at the platform's 300 MHz kernel clock.",
        Platform: "xilinx.com:au250:part0:1.3");
}
