namespace ComputeAsic.Bitstreams.Boards;

/// <summary>How a board's bitstream is made: which flow (and so which tools) builds it.</summary>
public enum BoardFlow
{
    /// <summary>Lattice iCE40: Yosys <c>synth_ice40</c>, nextpnr-ice40, icepack (open tools, run here).</summary>
    Ice40,

    /// <summary>Lattice ECP5: Yosys <c>synth_ecp5</c>, nextpnr-ecp5, ecppack from prjtrellis (open tools).</summary>
    Ecp5,

    /// <summary>AMD/Xilinx Alveo with an XRT/XDMA platform: Vivado and Vitis <c>v++</c> to an xclbin (run by the user).</summary>
    Alveo,

    /// <summary>AWS EC2 F1: Vivado with the AWS HDK shell to a design checkpoint, then an AFI (run by the user).</summary>
    AwsF1,
}

/// <summary>The program that loads a bitstream onto a board.</summary>
public enum FlashTool
{
    /// <summary><c>openFPGALoader -b BOARD</c>: Lattice boards over their USB-JTAG/SPI bridge.</summary>
    OpenFpgaLoader,

    /// <summary><c>xbutil program</c> of XRT: an xclbin onto an Alveo card.</summary>
    XbutilProgram,

    /// <summary><c>fpga-load-local-image</c> of the AWS FPGA SDK: an AFI onto an F1 slot.</summary>
    FpgaLoadLocalImage,
}

/// <summary>A clock the board gives the design.</summary>
/// <param name="Port">The top-level port it drives.</param>
/// <param name="Mhz">Its frequency: the timing target.</param>
/// <param name="Pin">The package pin (null when the shell or platform provides the clock).</param>
public sealed record BoardClock(string Port, double Mhz, string? Pin);

/// <summary>One top-level port tied to a package pin.</summary>
/// <param name="Port">The top-level port.</param>
/// <param name="Pin">The package pin or ball.</param>
/// <param name="IoStandard">Its I/O standard where the part needs one (ECP5, Xilinx).</param>
/// <param name="Note">What the pin is on the board.</param>
public sealed record PinConstraint(string Port, string Pin, string? IoStandard, string Note);

/// <summary>What the host reaches the design through: a PCIe shell or platform, or the small UART shell.</summary>
/// <param name="Name">Short name, e.g. <c>uart</c>, <c>xdma</c>, <c>aws-f1-shell</c>.</param>
/// <param name="Identity">The exact version a package must be built for (a platform name, a shell version).</param>
/// <param name="Pcie">The PCIe link, or null without PCIe.</param>
public sealed record BoardShell(string Name, string Identity, string? Pcie);

/// <summary>A catalog design and its parameters: the top level a board builds by default.</summary>
/// <param name="Design">Catalog name (see <c>computeasic hdl list</c>).</param>
/// <param name="Parameters"><c>name=value</c> overrides.</param>
public sealed record TopSpec(string Design, IReadOnlyList<string> Parameters);

/// <summary>
/// A board, declared once: everything its constraints, build scripts, package checks and flash commands are derived
/// from. One file per board in <c>bitstreams/boards/</c>.
/// </summary>
/// <param name="Name">Catalog name (<c>--board</c>).</param>
/// <param name="Description">One line for <c>computeasic boards</c>.</param>
/// <param name="Flow">The build flow.</param>
/// <param name="Part">The FPGA part as the vendor tools name it.</param>
/// <param name="Package">The package (for the place-and-route tool).</param>
/// <param name="Clocks">Clocks the board gives the design; the first drives the top's clock port.</param>
/// <param name="Memory">Memory on the board, for people.</param>
/// <param name="Shell">The host interface and its identity.</param>
/// <param name="Flash">The loader.</param>
/// <param name="LoaderBoard">The loader's name for the board (<c>openFPGALoader -b</c>), where it has one.</param>
/// <param name="Pins">Pin constraints of the top's ports (open flows; PCIe platforms constrain their own pins).</param>
/// <param name="DefaultTop">The top built when <c>--top</c> is not given: one that fits.</param>
/// <param name="DefaultTopWhy">Why that top: what it uses of the part.</param>
/// <param name="Platform">Vendor platform or board-part name (Alveo: the XRT platform; F1: the HDK shell).</param>
public sealed record Board(
    string Name,
    string Description,
    BoardFlow Flow,
    string Part,
    string Package,
    IReadOnlyList<BoardClock> Clocks,
    string Memory,
    BoardShell Shell,
    FlashTool Flash,
    string? LoaderBoard,
    IReadOnlyList<PinConstraint> Pins,
    TopSpec DefaultTop,
    string DefaultTopWhy,
    string? Platform = null)
{
    /// <summary>The clock the timing target is taken from.</summary>
    public BoardClock MainClock => Clocks[0];

    /// <summary>Whether the flow runs with open tools (here), rather than being generated for vendor tools.</summary>
    public bool IsOpenFlow => Flow is BoardFlow.Ice40 or BoardFlow.Ecp5;
}
