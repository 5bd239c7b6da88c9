using ComputeAsic.Bitstreams.Boards;

namespace ComputeAsic.Bitstreams.Boards.Definitions;

/// <summary>AWS EC2 F1: a Virtex UltraScale+ VU9P behind the AWS shell, loaded as an AFI.</summary>
public static class AwsF1
{
    /// <summary>The board.</summary>
    public static Board Board { get; } = new(
        Name: "aws-f1",
        Description: "AWS EC2 F1, AMD Virtex UltraScale+ xcvu9p-flgb2104-2-i behind the AWS shell, loaded as an AFI",
        Flow: BoardFlow.AwsF1,
        Part: "xcvu9p-flgb2104-2-i",
        Package: "flgb2104",
        Clocks: [new("clk", 250.0, null)],
        Memory: "4 x 16 GB DDR4 (one DDR controller in the shell, three in the custom logic)",
        Shell: new("aws-f1-shell", "F1 shell 0x04261818 (aws-fpga HDK 1.4)", Pcie: "Gen3 x16 through the shell (ocl, sda, bar1, pcis AXI ports)"),
        Flash: FlashTool.FpgaLoadLocalImage,
        LoaderBoard: null,
        Pins: [],
        DefaultTop: new("ntt_ct_goldilocks", []),
        DefaultTopWhy: "until the card top levels exist, an NTT butterfly (Goldilocks) stands in: it is implemented inside the "
            + "custom-logic region at the shell's 250 MHz clk_main_a0.",
        Platform: "aws-fpga HDK 1.4 (cl_template)");
}
