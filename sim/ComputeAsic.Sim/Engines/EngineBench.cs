using ComputeAsic.Hardware;

namespace ComputeAsic.Sim.Engines;

/// <summary>How <c>hdl sim</c> runs an engine design: whole jobs rather than per-cycle random stimulus.</summary>
/// <param name="Seed">Seed of the random jobs.</param>
/// <param name="Model">"netlist" (the cycle-accurate simulator, the reference) or another model the bench offers, such as "fast".</param>
/// <param name="Jobs">Jobs to run back to back.</param>
/// <param name="Progress">Receives a short status line now and then (a terminal shows it; redirected output stays plain).</param>
public sealed record EngineRunOptions(int Seed = 1, string Model = "netlist", int Jobs = 1, Action<string>? Progress = null);

/// <summary>What an engine run found: lines to print, the last one the summary that CI and reviewers read.</summary>
/// <param name="Lines">Report lines in order.</param>
/// <param name="Matches">Whether every result equalled the CPU kernel.</param>
public sealed record EngineRunReport(IReadOnlyList<string> Lines, bool Matches);

/// <summary>A test bench that runs whole jobs on an engine design and checks them against the CPU kernels.</summary>
public interface IEngineBench
{
    /// <summary>Whether this bench drives the catalog design <paramref name="design"/>.</summary>
    bool Handles(string design);

    /// <summary>Models offered for <c>--model</c>, "netlist" first.</summary>
    IReadOnlyList<string> Models { get; }

    /// <summary>Runs jobs on the design built from <paramref name="args"/>; bad parameters throw <see cref="Math.InvalidInputException"/>.</summary>
    EngineRunReport Run(DesignEntry entry, DesignArguments args, EngineRunOptions options);
}

/// <summary>The engine benches, looked up by design name (engines add theirs here).</summary>
public static class EngineBenches
{
    private static readonly List<IEngineBench> All =
    [
        new MsmBench(),
        new NttBench(),
    ];

    /// <summary>The bench for <paramref name="design"/>, or null when the design is not an engine.</summary>
    public static IEngineBench? Find(string design) => All.FirstOrDefault(b => b.Handles(design));
}
