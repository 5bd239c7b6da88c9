using System.Runtime.CompilerServices;
using ComputeAsic.Hdl;

namespace ComputeAsic.Hdl.Tests;

/// <summary>Every design rule is enforced, and each error names this file and the line that built the offending node.</summary>
public class DrcTests
{
    private static int Line([CallerLineNumber] int line = 0) => line;

    private static void At(HdlException e, DesignRule rule, int line)
    {
        Assert.Equal(rule, e.Rule);
        Assert.Equal("tests/ComputeAsic.Hdl.Tests/DrcTests.cs", e.Location.File);
        Assert.Equal(line, e.Location.Line);
        Assert.StartsWith($"tests/ComputeAsic.Hdl.Tests/DrcTests.cs:{line}: ", e.Message);
    }

    [Fact]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void WidthMismatchNamesTheOperatorLine()
    {
        var m = new Module("w");
        var a = m.Input("a", 8);
        var b = m.Input("b", 9);
        int line = 0;
        var e = Assert.Throws<HdlException>(() => { line = Line(); return a + b; });
        At(e, DesignRule.WidthMismatch, line);
        Assert.Contains("(8 and 9)", e.Message);
        var w = m.Wire(8);
        e = Assert.Throws<HdlException>(() => w.Assign(b)); int assignLine = Line();
        At(e, DesignRule.WidthMismatch, assignLine);
        var child = new Module("child");
        child.Output("y", child.Input("x", 4));
        var u = m.Instantiate(child);
        e = Assert.Throws<HdlException>(() => u.Connect("x", a)); int connectLine = Line();
        At(e, DesignRule.WidthMismatch, connectLine);
    }

    [Fact]
    public void CombinationalLoopNamesTheWire()
    {
        var m = new Module("comb_loop");
        var a = m.Input("a", 8);
        var w = m.Wire(8, "feedback"); int wireLine = Line();
        w.Assign(w + a);
        m.Output("y", w);
        var e = Assert.Throws<HdlException>(() => m.Elaborate());
        At(e, DesignRule.CombinationalLoop, wireLine);
        Assert.Contains("wire 'feedback'", e.Message);
    }

    [Fact]
    public void LoopThroughARegisterIsFine()
    {
        var m = new Module("counter_ok");
        var w = m.Wire(8);
        var r = m.Reg(w, reset: 0);
        w.Assign(r + Signal.Constant(1, 8));
        m.Output("y", r);
        Assert.Empty(m.Elaborate().Warnings);
    }

    [Fact]
    public void UndrivenWireNamesItsLine()
    {
        var m = new Module("undriven");
        var w = m.Wire(4, "nobody"); int line = Line();
        m.Output("y", w);
        var e = Assert.Throws<HdlException>(() => m.Elaborate());
        At(e, DesignRule.Undriven, line);
    }

    [Fact]
    public void SecondAssignmentNamesBothLines()
    {
        var m = new Module("twice");
        var a = m.Input("a", 4);
        var w = m.Wire(4, "twice_w");
        w.Assign(a); int first = Line();
        var e = Assert.Throws<HdlException>(() => w.Assign(~a)); int second = Line();
        At(e, DesignRule.MultipleDrivers, second);
        Assert.Contains($"DrcTests.cs:{first}", e.Message);
        e = Assert.Throws<HdlException>(() => m.Output("a", w)); int dup = Line();
        At(e, DesignRule.MultipleDrivers, dup);
    }

    [Fact]
    public void UnusedInputIsAWarningWithItsLine()
    {
        var m = new Module("unused");
        var a = m.Input("a", 4);
        m.Input("spare", 4); int line = Line();
        m.Output("y", a);
        var c = m.Elaborate();
        var w = Assert.Single(c.Warnings);
        Assert.StartsWith($"tests/ComputeAsic.Hdl.Tests/DrcTests.cs:{line}: unused input: input 'spare'", w);
    }

    [Fact]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void UnequalLatenciesMeetingInAnOperatorNameIt()
    {
        var m = new Module("unbalanced") { Latency = 1 };
        var a = m.Input("a", 8);
        var b = m.Input("b", 8);
        var late = m.Reg(a);
        var sum = late + b; int line = Line();
        m.Output("y", m.Reg(sum));
        var e = Assert.Throws<HdlException>(() => m.Elaborate());
        At(e, DesignRule.UnbalancedPipeline, line);
        Assert.Contains("after 1 cycles", e.Message);
        Assert.Contains("after 0 cycles", e.Message);
    }

    [Fact]
    public void OutputLatencyMustMatchTheDeclaredLatency()
    {
        var m = new Module("wrong_latency") { Latency = 1 };
        var a = m.Input("a", 8);
        m.Output("y", m.Pipeline(a, 2)); int line = Line();
        var e = Assert.Throws<HdlException>(() => m.Elaborate());
        At(e, DesignRule.UnbalancedPipeline, line);
        Assert.Contains("declares Latency = 1", e.Message);
    }

    [Fact]
    public void BalancedPipelineWithStaticAndConstantInputsPasses()
    {
        var m = new Module("balanced") { Latency = 2 };
        var a = m.Input("a", 8);
        var b = m.Input("b", 8);
        var mode = m.Input("mode", 1, isStatic: true);
        var s1 = m.Reg(a + b);
        var s2 = m.Reg(Signal.Mux(mode, s1, s1 + Signal.Constant(3, 8)));
        m.Output("y", s2);
        Assert.Equal(2, m.Elaborate().Latency);
    }

    [Fact]
    public void UnconnectedInstanceInputNamesTheInstance()
    {
        var child = new Module("leaf");
        child.Output("y", ~child.Input("x", 4));
        var m = new Module("parent");
        var u = m.Instantiate(child, "u_leaf"); int line = Line();
        m.Output("y", u.Output("y"));
        var e = Assert.Throws<HdlException>(() => m.Elaborate());
        At(e, DesignRule.Undriven, line);
        Assert.Contains("'x' of instance 'u_leaf'", e.Message);
    }

    [Fact]
    public void SignalsCannotCrossModuleBoundariesWithoutPorts()
    {
        var other = new Module("other");
        var foreign = other.Input("x", 4);
        var m = new Module("thief");
        m.Output("y", foreign); int line = Line();
        var e = Assert.Throws<HdlException>(() => m.Elaborate());
        At(e, DesignRule.Structure, line);
    }

    [Fact]
    public void ShapeOnlySignalsCannotBeUsedInLogic()
    {
        var m = new Module("shape");
        var p = Signal.OfWidth(4); int line = Line();
        m.Output("y", p);
        var e = Assert.Throws<HdlException>(() => m.Elaborate());
        At(e, DesignRule.Structure, line);
    }

    [Fact]
    public void NamesAndModulesAreChecked()
    {
        Assert.Equal(DesignRule.Structure, Assert.Throws<HdlException>(() => new Module("9lives")).Rule);
        var m = new Module("names");
        Assert.Throws<HdlException>(() => m.Input("signal", 1));
        Assert.Throws<HdlException>(() => m.Input("clk", 1));
        Assert.Throws<HdlException>(() => m.Input("a__b", 1));
        Assert.Throws<HdlException>(() => m.Memory("ram", 12, 8));
        m.Output("y", m.Input("x", 1));
        m.Elaborate();
        Assert.Throws<HdlException>(() => m.Input("late", 1));
    }
}
