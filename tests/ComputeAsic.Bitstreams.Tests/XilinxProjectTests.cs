using System.Diagnostics;
using ComputeAsic.Bitstreams.Boards;
using ComputeAsic.Bitstreams.Flows;
using ComputeAsic.Bitstreams.Tops;

namespace ComputeAsic.Bitstreams.Tests;

/// <summary>
/// The generated Vivado/Vitis/AWS projects: deterministic, every TCL and XDC file run through tclsh with the vendor
/// commands stubbed (so syntax and control flow are real, and the calls are checked), the shell scripts through <c>sh -n</c>.
/// </summary>
public sealed class XilinxProjectTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Sources <paramref name="file"/> in tclsh with every unknown (vendor) command recorded and answering <paramref name="answer"/>.</summary>
    private static (int Code, string[] Calls, string Err) Tcl(string file, string answer = "0")
    {
        string harness = "set ::calls {}\nproc unknown {args} { lappend ::calls $args; return " + answer + " }\n"
            + "set rc [catch {source [lindex $argv 0]} msg]\nforeach c $::calls { puts $c }\nif {$rc} { puts stderr $msg; exit 3 }\n";
        string h = Path.Combine(Path.GetDirectoryName(file)!, ".harness.tcl");
        File.WriteAllText(h, harness);
        var psi = new ProcessStartInfo("tclsh") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(h);
        psi.ArgumentList.Add(file);
        using var p = Process.Start(psi)!;
        string o = p.StandardOutput.ReadToEnd(), e = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, o.Split('\n', StringSplitOptions.RemoveEmptyEntries), e);
    }

    [Theory]
    [InlineData("alveo-u250", "xcu250-figd2104-2L-e", "3.333")]
    [InlineData("alveo-u55c", "xcu55c-fsvh2892-2L-e", "3.333")]
    [InlineData("aws-f1", "xcvu9p-flgb2104-2-i", "4.000")]
    public void TheProjectIsCompleteDeterministicAndParses(string boardName, string part, string period)
    {
        var board = BoardCatalog.Find(boardName);
        var top = TopLevel.Resolve(board, null);
        var files = XilinxProject.Files(board, top);
        Assert.Equal(files, XilinxProject.Files(board, TopLevel.Resolve(board, null)));
        var (code, stdout, err) = Fixtures.Cli("bitstream", "build", "--board", boardName, "--out", _dir.Path);
        Assert.True(code == 0, err);
        Assert.Equal(_dir.File("build.sh"), stdout.TrimEnd().Split('\n')[^1]);
        foreach (var (rel, text) in files) Assert.Equal(text, File.ReadAllText(Path.Combine(_dir.Path, rel)));

        var hdl = files.Keys.Where(k => k.StartsWith("hdl/", StringComparison.Ordinal)).ToList();
        Assert.Contains($"hdl/{top.Entity}.v", hdl);
        var (rc, calls, tclErr) = Tcl(_dir.File("implement.tcl"));
        Assert.True(rc == 0, tclErr);
        Assert.Contains($"create_project -in_memory -part {part}", calls);
        foreach (var f in hdl) Assert.Contains($"read_verilog {_dir.Path}/{f}", calls);
        Assert.Contains($"synth_design -top {top.Entity} -part {part} -mode out_of_context -flatten_hierarchy rebuilt", calls);
        Assert.Contains("route_design", calls);
        Assert.Equal(board.Flow == BoardFlow.Alveo, calls.Any(c => c.StartsWith("create_ip -name xdma", StringComparison.Ordinal)));

        // The timing check is real TCL: a negative slack from get_property fails the script.
        var (failRc, _, failErr) = Tcl(_dir.File("implement.tcl"), "-0.25");
        Assert.Equal(3, failRc);
        Assert.Contains($"timing not met on {boardName}: worst setup slack -0.25 ns", failErr);

        var (xrc, xdc, xerr) = Tcl(_dir.File("constraints.xdc"), "clk");
        Assert.True(xrc == 0, xerr);
        Assert.Contains($"get_ports clk", xdc);
        Assert.Contains($"create_clock -period {period} -name clk clk", xdc);

        if (board.Flow == BoardFlow.Alveo)
        {
            var (irc, ip, ierr) = Tcl(_dir.File("xdma_ip.tcl"));
            Assert.True(irc == 0, ierr);
            string set = ip.Single(c => c.StartsWith("set_property -dict", StringComparison.Ordinal));
            Assert.Contains("CONFIG.pl_link_cap_max_link_width X16", set);
            Assert.Contains("CONFIG.pl_link_cap_max_link_speed 8.0_GT/s", set);
            var (prc, pk, perr) = Tcl(_dir.File("package_kernel.tcl"));
            Assert.True(prc == 0, perr);
            Assert.Contains(pk, c => c.StartsWith($"package_xo -force -xo_path {_dir.Path}/{top.Entity}.xo", StringComparison.Ordinal));
            Assert.Contains($"v++ --link --target hw --platform {board.Shell.Identity} --kernel_frequency 300", files["package.sh"]);
        }
        else
        {
            Assert.Contains("aws ec2 create-fpga-image --name computeasic-" + top.Hash[..16], files["package.sh"]);
            Assert.Contains("aws_build_dcp_from_cl.sh -clock_recipe_a A1", files["package.sh"]);
        }
        Assert.Equal(0, OpenFlowTests.Shell("sh", "-n", _dir.File("build.sh")));
        Assert.Equal(0, OpenFlowTests.Shell("sh", "-n", _dir.File("package.sh")));
        Assert.Contains("run it on your machine", files["README.txt"]);
    }

    [Fact]
    public void TheTopIsAParameter()
    {
        var board = BoardCatalog.Find("alveo-u250");
        var top = TopLevel.Resolve(board, "mod_mul_goldilocks", ["levels_per_stage=1"]);
        var files = XilinxProject.Files(board, top);
        Assert.Contains("synth_design -top mod_mul_goldilocks ", files["implement.tcl"]);
        Assert.Contains(top.Hash, files["build.sh"]);
        Assert.NotEqual(TopLevel.Resolve(board, null).Hash, top.Hash);
    }
}
