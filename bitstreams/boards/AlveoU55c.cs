using ComputeAsic.Bitstreams.Boards;

namespace ComputeAsic.Bitstreams.Boards.Definitions;

/// <summary>AMD Alveo U55C: an UltraScale+ with 16 GB HBM2, an XDMA platform run by XRT.</summary>
public static class AlveoU55c
{
    /// <summary>The board.</summary>
    public static Board Board { get; } = new(
        Name: "alveo-u55c",
        Description: "AMD Alveo U55C, xcu55c-fsvh2892-2L-e, XDMA platform xilinx_u55c_gen3x16_xdma_3_202210_1 (XRT)",
        Flow: BoardFlow.Alveo,
        Part: "xcu55c-fsvh2892-2L-e",
        Package: "fsvh2892",
        Clocks: [new("clk", 300.0, null)],
        Memory: "16 GB HBM2 (32 pseudo-channels)",
        Shell: new("xdma", "xilinx_u55c_gen3x16_xdma_3_202210_1", Pcie: "Gen3 x16 (XDMA)"),
        Flash: FlashTool.XbutilProgram,
        LoaderBoard: null,
        Pins: [],
        DefaultTop: new("ntt_ct_goldilocks", []),
        DefaultTopWhy: "until the card top levels exist, an NTT butterfly (Goldilocks) stands in as the RTL kernel at the platform's 300 MHz kernel clock.",
        Platform: "xilinx.com:au55c:part0:1.0");
}
