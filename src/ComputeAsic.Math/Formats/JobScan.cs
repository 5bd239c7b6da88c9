using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Microsoft.Win32.SafeHandles;

namespace ComputeAsic.Math.Formats;

/// <summary>
/// The fast path of the job-file readers: the common shape of a job file (an object of a name string and arrays of
/// plain decimal strings, any JSON whitespace) is scanned directly on bytes, then converted on all cores. It never
/// reports an input error itself: anything unusual (escapes, unknown or repeated keys, other value types, a bad digit,
/// a value out of range, a point off the curve, unequal lengths) makes it decline, and the caller runs the streaming
/// <see cref="System.Text.Json.Utf8JsonReader"/> path from the start, so every message and index stays that path's.
/// </summary>
/// <remarks>
/// Two passes over the bytes, read a window at a time (never the whole file, whose fresh pages cost more than the
/// parsing on a virtual machine): a sequential pass checks the structure, counts the elements (so the result arrays
/// are allocated once at their exact length) and cuts each array into segments of about <see cref="SegmentBytes"/>;
/// then the cores take segments, each re-reading its bytes with a positional read, and convert them in place.
/// </remarks>
public static class JobScan
{
    /// <summary>Bytes of JSON per parallel work item: small enough to spread 2^12 jobs over the cores, large enough that the per-item cost vanishes.</summary>
    public const int SegmentBytes = 1 << 17;

    /// <summary>The longest single element (or run of whitespace) the scanner accepts; longer ones go to the streaming path.</summary>
    private const int Lookahead = 1 << 16;

    /// <summary>How an array's elements look: <c>["x","y"]</c> or null (points), or plain strings.</summary>
    public enum Shape
    {
        /// <summary>Each element is a decimal string.</summary>
        Strings,

        /// <summary>Each element is <c>["x","y"]</c> (two decimal strings) or <c>null</c>.</summary>
        Pairs,
    }

    /// <summary>Converts the elements of one segment (already scanned as well-formed) into the result arrays; false declines the fast path.</summary>
    /// <param name="segment">The segment's bytes: starts at an element, ends after the separator of its last one (or at the array's end).</param>
    /// <param name="first">Index in the array of the segment's first element.</param>
    /// <param name="count">Elements in the segment.</param>
    public delegate bool SegmentConverter(ReadOnlySpan<byte> segment, int first, int count);

    /// <summary>What the structural pass found: the name string and, per array key, the element count and segments.</summary>
    public sealed class Layout
    {
        internal Layout(string[] keys)
        {
            Arrays = new ArrayLayout?[keys.Length];
        }

        /// <summary>The value of the name key ("curve" or "field"), or null when absent.</summary>
        public string? Name { get; internal set; }

        /// <summary>Per requested array key, its layout, or null when the key is absent.</summary>
        public ArrayLayout?[] Arrays { get; }
    }

    /// <summary>One array: element count and segment boundaries (file offsets of element starts, and of the closing bracket).</summary>
    public sealed class ArrayLayout
    {
        // Segment starts (file offsets) and the index of each one's first element; plain arrays, as List<long> would be compiled at run time.
        internal long[] Starts = new long[16];
        internal int[] FirstIndex = new int[16];

        /// <summary>Elements in the array.</summary>
        public int Count { get; internal set; }

        /// <summary>Offset of the closing bracket.</summary>
        internal long End { get; set; }

        /// <summary>Parallel work items the array was cut into.</summary>
        public int Segments { get; private set; }

        internal void AddSegment(long start, int firstIndex)
        {
            if (Segments == Starts.Length)
            {
                var starts = new long[Segments * 2];
                var firsts = new int[Segments * 2];
                Array.Copy(Starts, starts, Segments);
                Array.Copy(FirstIndex, firsts, Segments);
                Starts = starts;
                FirstIndex = firsts;
            }
            Starts[Segments] = start;
            FirstIndex[Segments++] = firstIndex;
        }
    }

    /// <summary>Bytes read by position, so each core reads its own segments.</summary>
    public abstract class Source
    {
        /// <summary>Bytes available.</summary>
        public abstract long Length { get; }

        /// <summary>Copies bytes from <paramref name="offset"/> into <paramref name="destination"/>; fewer only at the end.</summary>
        public abstract int Read(long offset, Span<byte> destination);

        /// <summary>A file read with positional reads from <paramref name="start"/> (its current position), independent of the stream's own buffer.</summary>
        public static Source FromFile(SafeFileHandle handle, long start, long length) => new FileSource(handle, start, length);

        /// <summary>Bytes in memory that stay fixed while the source is used.</summary>
        public static unsafe Source FromMemory(byte* bytes, long length) => new MemorySource(bytes, length);
    }

    private sealed class FileSource(SafeFileHandle handle, long start, long length) : Source
    {
        public override long Length => length;

        public override int Read(long offset, Span<byte> destination)
        {
            int got = 0;
            if (offset + destination.Length > length) destination = destination[..(int)System.Math.Max(0, length - offset)];
            while (got < destination.Length)
            {
                int n = RandomAccess.Read(handle, destination[got..], start + offset + got);
                if (n == 0) break;
                got += n;
            }
            return got;
        }
    }

    private sealed unsafe class MemorySource(byte* bytes, long length) : Source
    {
        public override long Length => length;

        public override int Read(long offset, Span<byte> destination)
        {
            int n = (int)System.Math.Min(destination.Length, System.Math.Max(0, length - offset));
            new ReadOnlySpan<byte>(bytes + offset, n).CopyTo(destination);
            return n;
        }
    }

    /// <summary>
    /// Runs a fast reader on a seekable file from its current position; when the reader declines, the position is
    /// restored for the streaming reader and null is returned (as for any other stream).
    /// </summary>
    public static T? TryFile<T>(Stream json, Func<Source, T?> read) where T : class
    {
        if (json is not FileStream { CanSeek: true } file) return null;
        long start = file.Position;
        var result = read(Source.FromFile(file.SafeFileHandle, start, file.Length - start));
        file.Position = result != null ? file.Length : start;
        return result;
    }

    /// <summary>
    /// The structural pass: the top-level object must hold <paramref name="nameKey"/> (a plain string) and the keys of
    /// <paramref name="arrayKeys"/> (arrays of the given shapes), each at most once and nothing else; null declines.
    /// </summary>
    public static Layout? Scan(Source source, string nameKey, string[] arrayKeys, Shape[] shapes)
    {
        var c = new Cursor(source);
        var layout = new Layout(arrayKeys);
        c.Ensure();
        var s = c.Window;
        int p = 0;
        SkipWs(s, ref p);
        if (!Take(s, ref p, (byte)'{')) return null;
        SkipWs(s, ref p);
        c.Advance(p);
        while (true)
        {
            c.Ensure();
            s = c.Window;
            p = 0;
            if (!Key(s, ref p, out var key)) return null;
            SkipWs(s, ref p);
            if (!Take(s, ref p, (byte)':')) return null;
            SkipWs(s, ref p);
            if (key.SequenceEqual(System.Text.Encoding.ASCII.GetBytes(nameKey)))
            {
                if (layout.Name != null || !Key(s, ref p, out var name)) return null;
                layout.Name = System.Text.Encoding.ASCII.GetString(name);
                c.Advance(p);
            }
            else
            {
                int k = arrayKeys.Length - 1;
                while (k >= 0 && !key.SequenceEqual(System.Text.Encoding.ASCII.GetBytes(arrayKeys[k]))) k--;
                if (k < 0 || layout.Arrays[k] != null || !Take(s, ref p, (byte)'[')) return null;
                c.Advance(p);
                var array = ScanArray(c, shapes[k]);
                if (array == null) return null;
                layout.Arrays[k] = array;
            }
            c.Ensure();
            s = c.Window;
            p = 0;
            SkipWs(s, ref p);
            if (Take(s, ref p, (byte)','))
            {
                SkipWs(s, ref p);
                c.Advance(p);
                continue;
            }
            if (!Take(s, ref p, (byte)'}')) return null;
            SkipWs(s, ref p);
            c.Advance(p);
            break;
        }
        // Only whitespace may follow; the window holds everything up to the end unless more than the lookahead remains.
        c.Ensure();
        return c.Window.IsEmpty && c.AtEnd ? layout : null;
    }

    /// <summary>
    /// The name string when it is the first property (<c>{"curve":"bn254",...</c>), read from the first bytes without a
    /// JSON reader; null when the file starts otherwise (the caller then scans the whole object). The position is kept.
    /// </summary>
    public static string? TryLeadingName(Stream stream, string nameKey)
    {
        if (!stream.CanSeek) return null;
        long start = stream.Position;
        Span<byte> head = stackalloc byte[256];
        int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = start;
        var s = head[..n];
        int p = 0;
        SkipWs(s, ref p);
        if (!Take(s, ref p, (byte)'{')) return null;
        SkipWs(s, ref p);
        if (!Key(s, ref p, out var key) || !key.SequenceEqual(System.Text.Encoding.ASCII.GetBytes(nameKey))) return null;
        SkipWs(s, ref p);
        if (!Take(s, ref p, (byte)':')) return null;
        SkipWs(s, ref p);
        return Key(s, ref p, out var name) ? System.Text.Encoding.ASCII.GetString(name) : null;
    }

    /// <summary>Scans an array whose '[' was consumed, recording its segments; the cursor ends after its ']'.</summary>
    private static ArrayLayout? ScanArray(Cursor c, Shape shape)
    {
        var array = new ArrayLayout();
        c.Ensure();
        var s = c.Window;
        int p = 0;
        SkipWs(s, ref p);
        c.Advance(p);
        if (Take(s, ref p, (byte)']'))
        {
            array.End = c.Offset;
            c.Advance(1);
            return array;
        }
        long lastStart = -SegmentBytes;
        while (true)
        {
            c.Ensure();
            s = c.Window;
            p = 0;
            long start = c.Offset;
            if (start - lastStart >= SegmentBytes)
            {
                array.AddSegment(start, array.Count);
                lastStart = start;
            }
            if (!Element(s, ref p, shape, out _, out _)) return null;
            if (array.Count == int.MaxValue) return null;
            array.Count++;
            SkipWs(s, ref p);
            if (Take(s, ref p, (byte)','))
            {
                SkipWs(s, ref p);
                c.Advance(p);
                continue;
            }
            if (p >= s.Length || s[p] != ']') return null;
            c.Advance(p);
            array.End = c.Offset;
            c.Advance(1);
            return array;
        }
    }

    /// <summary>
    /// The conversion pass: every segment of every array goes to its converter, on all cores. False when a converter or
    /// a segment's scan declined (the arrays are then partly written and must be discarded).
    /// </summary>
    public static bool Convert(Source source, ReadOnlySpan<ArrayLayout> arrays, ReadOnlySpan<SegmentConverter> converters)
    {
        // Work items in order: (array, segment) pairs flattened.
        var all = arrays.ToArray();
        var convert = converters.ToArray();
        int total = 0;
        foreach (var a in all) total += a.Segments;
        int next = -1, failed = 0;
        void Work()
        {
            byte[] buffer = [];
            while (Volatile.Read(ref failed) == 0)
            {
                int g = Interlocked.Increment(ref next), k = 0;
                if (g >= total) return;
                while (g >= all[k].Segments) g -= all[k++].Segments;
                var array = all[k];
                long start = array.Starts[g], end = g + 1 < array.Segments ? array.Starts[g + 1] : array.End;
                int first = array.FirstIndex[g], count = (g + 1 < array.Segments ? array.FirstIndex[g + 1] : array.Count) - first;
                if (end - start > int.MaxValue / 2)
                {
                    Volatile.Write(ref failed, 1);
                    return;
                }
                if (buffer.Length < end - start) buffer = new byte[System.Math.Max(end - start, SegmentBytes + Lookahead)];
                var segment = new Span<byte>(buffer, 0, (int)(end - start));
                if (source.Read(start, segment) != segment.Length || !convert[k](segment, first, count)) Volatile.Write(ref failed, 1);
            }
        }
        // Plain threads rather than Parallel.For, whose generic workers would be compiled at run time in the published command.
        var threads = new Thread[System.Math.Max(0, System.Math.Min(Environment.ProcessorCount, total) - 1)];
        for (int t = 0; t < threads.Length; t++)
        {
            threads[t] = new Thread(Work, 256 << 10) { IsBackground = true };
            threads[t].Start();
        }
        Work();
        foreach (var t in threads) t.Join();
        return failed == 0;
    }

    /// <summary>
    /// Walks the <paramref name="count"/> elements of a segment: each call returns the next element's strings (empty
    /// for a null pair). False when the segment is not exactly that many well-formed elements.
    /// </summary>
    public ref struct SegmentReader(ReadOnlySpan<byte> segment, int count, Shape shape)
    {
        private readonly ReadOnlySpan<byte> s = segment;
        private int p, left = count;

        /// <summary>The next element; <paramref name="a"/> is its string (or the pair's first), <paramref name="b"/> the pair's second; both empty for null.</summary>
        public bool Next(out ReadOnlySpan<byte> a, out ReadOnlySpan<byte> b)
        {
            if (left-- <= 0 || !Element(s, ref p, shape, out var ra, out var rb))
            {
                a = b = default;
                return false;
            }
            a = ra.Length == 0 ? default : s.Slice(ra.Start, ra.Length);
            b = rb.Length == 0 ? default : s.Slice(rb.Start, rb.Length);
            SkipWs(s, ref p);
            // Every element but the array's very last is followed by a comma; the last segment ends at the bracket.
            if (Take(s, ref p, (byte)',')) SkipWs(s, ref p);
            else if (left != 0 || p != s.Length) return false;
            return left != 0 || p == s.Length;
        }
    }

    private readonly record struct Range(int Start, int Length);

    private static bool Element(ReadOnlySpan<byte> s, ref int p, Shape shape, out Range a, out Range b)
    {
        b = default;
        if (shape == Shape.Strings) return Digits(s, ref p, out a);
        a = default;
        if (p >= s.Length) return false;
        if (s[p] == 'n')
        {
            if (!s[p..].StartsWith("null"u8)) return false;
            p += 4;
            return true;
        }
        if (s[p] != '[') return false;
        p++;
        SkipWs(s, ref p);
        if (!Digits(s, ref p, out a)) return false;
        SkipWs(s, ref p);
        if (!Take(s, ref p, (byte)',')) return false;
        SkipWs(s, ref p);
        if (!Digits(s, ref p, out b)) return false;
        SkipWs(s, ref p);
        return Take(s, ref p, (byte)']');
    }

    /// <summary>A string of one or more ASCII digits.</summary>
    private static bool Digits(ReadOnlySpan<byte> s, ref int p, out Range r)
    {
        r = default;
        if (p >= s.Length || s[p] != '"') return false;
        int q = DigitRunEnd(s, p + 1);
        if (q == p + 1 || q >= s.Length || s[q] != '"') return false;
        r = new Range(p + 1, q - p - 1);
        p = q + 1;
        return true;
    }

    /// <summary>
    /// Index of the first non-digit at or after <paramref name="i"/> (or the length): 32 bytes per step in vector registers,
    /// then eight per step with the digit test of <see cref="Fields.Limbs"/>. Hardware intrinsics, not the framework's
    /// generic span searches, which would be compiled at run time in the published command, costing more than a job's scan.
    /// </summary>
    private static int DigitRunEnd(ReadOnlySpan<byte> s, int i)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            ref byte first = ref MemoryMarshal.GetReference(s);
            var zero = Vector256.Create((byte)'0');
            var nine = Vector256.Create((byte)9);
            while (i + 32 <= s.Length)
            {
                // Bytes below '0' wrap around to large values, so one unsigned comparison tests both bounds.
                uint bad = Vector256.GreaterThan(Vector256.LoadUnsafe(ref first, (nuint)i) - zero, nine).ExtractMostSignificantBits();
                if (bad != 0) return i + System.Numerics.BitOperations.TrailingZeroCount(bad);
                i += 32;
            }
        }
        while (i + 8 <= s.Length)
        {
            ulong v = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(s.Slice(i, 8));
            // Per byte: high nibble 3, and adding 6 does not carry out of the low nibble.
            ulong bad = ((v & 0xF0F0F0F0F0F0F0F0UL) ^ 0x3030303030303030UL) | ((v + 0x0606060606060606UL) & 0x4040404040404040UL);
            if (bad != 0) return i + System.Numerics.BitOperations.TrailingZeroCount(bad) / 8;
            i += 8;
        }
        while (i < s.Length && (uint)(s[i] - '0') <= 9) i++;
        return i;
    }

    /// <summary>A key or name: a string of letters, digits, '-' and '_' (anything else goes to the streaming path).</summary>
    private static bool Key(ReadOnlySpan<byte> s, ref int p, out ReadOnlySpan<byte> key)
    {
        key = default;
        if (p >= s.Length || s[p] != '"') return false;
        var rest = s[(p + 1)..];
        int k = rest.IndexOf((byte)'"');
        if (k < 0 || k > 64) return false;
        key = rest[..k];
        foreach (byte b in key)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || b == '-' || b == '_')) return false;
        }
        p += k + 2;
        return true;
    }

    private static bool Take(ReadOnlySpan<byte> s, ref int p, byte b)
    {
        if (p >= s.Length || s[p] != b) return false;
        p++;
        return true;
    }

    private static void SkipWs(ReadOnlySpan<byte> s, ref int p)
    {
        while (p < s.Length && s[p] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t') p++;
    }

    /// <summary>A window over the source with at least <see cref="Lookahead"/> bytes ahead (or all that remain).</summary>
    private sealed class Cursor(Source source)
    {
        private readonly byte[] buffer = new byte[4 * Lookahead];
        private long bufferOffset;
        private int pos, end;

        public ReadOnlySpan<byte> Window => new(buffer, pos, end - pos);

        public long Offset => bufferOffset + pos;

        public bool AtEnd => bufferOffset + end >= source.Length;

        public void Advance(int n) => pos += n;

        public void Ensure()
        {
            if (end - pos >= Lookahead || AtEnd) return;
            Buffer.BlockCopy(buffer, pos, buffer, 0, end - pos);
            bufferOffset += pos;
            end -= pos;
            pos = 0;
            end += source.Read(bufferOffset + end, new Span<byte>(buffer, end, buffer.Length - end));
        }
    }
}
