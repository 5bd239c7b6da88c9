namespace ComputeAsic.Hardware.Msm;

/// <summary>One bucket addition as the scheduler issues it.</summary>
/// <param name="Address">Bucket-memory address (window, bucket).</param>
/// <param name="Point">Index of the point in the job.</param>
/// <param name="Negate">Whether the point is added negated (a negative digit).</param>
public readonly record struct MsmIssue(int Address, int Point, bool Negate);

/// <summary>
/// The cycle-exact fast model of <see cref="MsmEngine"/>'s scheduler: the slot, the parking FIFO (with
/// <see cref="Examples.Fifo"/>'s timing: an item pushed at t can be at the head at t + 2), the in-flight window of
/// L + 1 issues and the same choices each cycle, without the datapath. The caller adds the issued points into its
/// buckets in issue order (with <c>ComputeAsic.Math</c>); the adder is then a latency-L pipeline by construction.
/// </summary>
public static class MsmScheduleModel
{
    /// <summary>
    /// Runs a job whose host keeps <c>in_valid</c> high until every point is accepted, from the first cycle after reset;
    /// returns the cycle at which all points were accepted and the engine is idle (the netlist bench's count).
    /// <paramref name="digits"/> holds W digits per point (see <see cref="MsmConfig.Digits"/>); <paramref name="onAccept"/> hears the cycle each point is taken.
    /// </summary>
    public static long Run(MsmConfig config, int latency, ReadOnlySpan<bool> identity, ReadOnlySpan<int> digits, Action<MsmIssue>? onIssue = null, Action<long>? onAccept = null)
    {
        int n = identity.Length, windows = config.Windows;
        if (digits.Length != n * windows) throw new ArgumentException($"{n} points need {n * windows} digits, got {digits.Length}");
        var lastIssue = new long[1 << config.AddressBits];
        Array.Fill(lastIssue, long.MinValue / 2);
        long lastAny = long.MinValue / 2;
        int inFlight = latency + 1;
        var fifo = new Queue<MsmIssue>();
        bool headValid = false;
        MsmIssue head = default;
        bool slotValid = false;
        int slotPoint = 0, w = 0, next = 0;
        long t = 0;
        while (true)
        {
            bool idle = !slotValid && fifo.Count == 0 && !headValid && t - lastAny > inFlight;
            if (next == n && idle) return t;
            bool headGo = headValid && t - lastIssue[head.Address] > inFlight;
            bool inf = slotValid && identity[slotPoint];
            int d = slotValid && !inf ? digits[slotPoint * windows + w] : 0;
            bool needs = d != 0;
            int addr = needs ? config.Address(w, System.Math.Abs(d) - 1) : 0;
            bool slotBusy = needs && t - lastIssue[addr] <= inFlight;
            bool slotIssue = needs && !headGo && !slotBusy;
            bool park = needs && !headGo && slotBusy && fifo.Count < config.FifoDepth;
            bool consume = slotValid && (!needs || slotIssue || park);
            bool lastW = inf || w == windows - 1;
            bool fire = next < n && (!slotValid || (consume && lastW));
            bool fetch = fifo.Count > 0 && (!headValid || headGo);

            if (headGo) Issue(head);
            else if (slotIssue) Issue(new MsmIssue(addr, slotPoint, d < 0));
            var fetched = fetch ? fifo.Dequeue() : default;
            if (park) fifo.Enqueue(new MsmIssue(addr, slotPoint, d < 0));
            headValid = fetch || (headValid && !headGo);
            if (fetch) head = fetched;
            if (consume)
            {
                if (lastW) slotValid = false;
                else w++;
            }
            if (fire)
            {
                onAccept?.Invoke(t);
                slotValid = true;
                slotPoint = next++;
                w = 0;
            }
            t++;
        }

        void Issue(MsmIssue op)
        {
            lastIssue[op.Address] = t;
            lastAny = t;
            onIssue?.Invoke(op);
        }
    }
}
