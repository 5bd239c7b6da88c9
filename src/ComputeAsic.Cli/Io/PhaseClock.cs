using System.Diagnostics;
using System.Globalization;

namespace ComputeAsic.Cli.Io;

/// <summary>Wall time per phase of a verb (read, compute, write), so a user can see whether the JSON or the kernel dominates.</summary>
public sealed class PhaseClock
{
    private readonly Stopwatch watch = Stopwatch.StartNew();
    private readonly List<(string Name, double Ms)> laps = [];

    /// <summary>Closes the current phase under <paramref name="name"/>.</summary>
    public void Lap(string name)
    {
        laps.Add((name, watch.Elapsed.TotalMilliseconds));
        watch.Restart();
    }

    /// <summary>"read 12 ms, compute 340 ms, write 1 ms, total 353 ms".</summary>
    public override string ToString()
        => string.Join(", ", laps.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Name} {l.Ms:F0} ms")))
           + string.Create(CultureInfo.InvariantCulture, $", total {laps.Sum(l => l.Ms):F0} ms");
}
