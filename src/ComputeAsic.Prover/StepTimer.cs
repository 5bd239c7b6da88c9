using System.Diagnostics;

namespace ComputeAsic.Prover;

/// <summary>Accumulates time per named step, safe across threads, so <c>prove --timings</c> can show where proving time goes.</summary>
public sealed class StepTimer
{
    private readonly object gate = new();
    private readonly List<string> order = [];
    private readonly Dictionary<string, long> ticks = [];
    private readonly Stopwatch wall = Stopwatch.StartNew();

    /// <summary>Times the enclosed work under <paramref name="name"/> (dispose to stop).</summary>
    public Scope Step(string name) => new(this, name, Stopwatch.GetTimestamp());

    /// <summary>Adds elapsed ticks to a step.</summary>
    private void Add(string name, long elapsed)
    {
        lock (gate)
        {
            if (!ticks.ContainsKey(name))
            {
                order.Add(name);
                ticks[name] = 0;
            }
            ticks[name] += elapsed;
        }
    }

    /// <summary>Steps in first-seen order with their accumulated time.</summary>
    public IReadOnlyList<(string Name, TimeSpan Time)> Steps
    {
        get
        {
            lock (gate) return order.Select(n => (n, Stopwatch.GetElapsedTime(0, ticks[n]))).ToList();
        }
    }

    /// <summary>Wall-clock time since the timer was made.</summary>
    public TimeSpan Wall => wall.Elapsed;

    /// <summary>A running step; stops on dispose.</summary>
    public readonly struct Scope(StepTimer timer, string name, long start) : IDisposable
    {
        /// <inheritdoc/>
        public void Dispose() => timer.Add(name, Stopwatch.GetTimestamp() - start);
    }
}
