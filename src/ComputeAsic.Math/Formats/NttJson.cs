using System.Text.Json;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Math.Formats;

/// <summary>The <c>ntt</c> job file format: <c>{"field":"goldilocks"|"babybear"|"bn254-fr", "values":["v",...]}</c>, the same shape in and out.</summary>
public static class NttJson
{
    /// <summary>The field named by a job file.</summary>
    public static string ReadFieldName(ReadOnlySpan<byte> json)
        => JsonRead.FindTopLevelString(json, "field") ?? throw new InvalidInputException("field: missing");

    /// <summary>The field named by a job file, streamed: stops at the "field" property.</summary>
    public static string ReadFieldName(Stream json)
        => JobScan.TryLeadingName(json, "field") ?? MsmJson.ReadTopLevelString(json, "field") ?? throw new InvalidInputException("field: missing");

    /// <summary>Parses the values; the length must be a power of two no larger than 2^(two-adicity).</summary>
    public static T[] Parse<T>(ReadOnlySpan<byte> json) where T : struct, IPrimeField<T> => TryParseFast<T>(json) ?? ParseStreaming<T>(json);

    /// <summary>The fast path alone (see <see cref="JobScan"/>): the values, or null when it declines; exposed so tests can hold it against <see cref="ParseStreaming{T}"/>.</summary>
    public static unsafe T[]? TryParseFast<T>(ReadOnlySpan<byte> json) where T : struct, IPrimeField<T>
    {
        fixed (byte* p = json) return TryReadFast<T>(JobScan.Source.FromMemory(p, json.Length));
    }

    /// <summary>The streaming path alone: the reference reader the fast path falls back to, and the source of every error message.</summary>
    public static unsafe T[] ParseStreaming<T>(ReadOnlySpan<byte> json) where T : struct, IPrimeField<T>
    {
        fixed (byte* p = json)
        {
            using var stream = JsonRead.OverMemory(p, json.Length);
            return ReadStreaming<T>(stream, json.Length);
        }
    }

    /// <summary>Reads the values (see <see cref="Parse{T}(ReadOnlySpan{byte})"/>): the fast path for a seekable file, else (or when it declines) the streaming reader, converting decimals on all cores.</summary>
    /// <param name="json">The job file.</param>
    /// <param name="lengthHint">The stream's length if known, to size the array once.</param>
    public static T[] Read<T>(Stream json, long lengthHint = 0) where T : struct, IPrimeField<T>
        => JobScan.TryFile(json, TryReadFast<T>) ?? ReadStreaming<T>(json, lengthHint);

    private static T[]? TryReadFast<T>(JobScan.Source source) where T : struct, IPrimeField<T>
    {
        var layout = JobScan.Scan(source, "field", ["values"], [JobScan.Shape.Strings]);
        if (layout?.Arrays is not [{ } array] || layout.Name != T.Name) return null;
        int count = array.Count;
        if (count == 0 || (count & (count - 1)) != 0 || System.Numerics.BitOperations.Log2((uint)count) > T.TwoAdicity) return null;
        var values = new T[count];
        return JobScan.Convert(source, [array], [(segment, first, n) => ConvertValues(segment, first, n, values)]) ? values : null;
    }

    /// <summary>The fast path's conversion of one segment of values.</summary>
    private static bool ConvertValues<T>(ReadOnlySpan<byte> segment, int first, int count, T[] values) where T : struct, IPrimeField<T>
    {
        Memory.Pages.Prefault(values, first, count);
        var reader = new JobScan.SegmentReader(segment, count, JobScan.Shape.Strings);
        for (int i = first; i < first + count; i++)
        {
            if (!reader.Next(out var digits, out _) || !T.TryParseDecimal(digits, out values[i])) return false;
        }
        return true;
    }

    /// <summary>The streaming reader: a fixed window through <see cref="Utf8JsonReader"/>, decimals converted in parallel batches.</summary>
    private static T[] ReadStreaming<T>(Stream json, long lengthHint) where T : struct, IPrimeField<T>
    {
        var chunks = new JsonChunks(json);
        var r = chunks.Reader();
        chunks.Next(ref r);
        JsonRead.Expect(ref r, JsonTokenType.StartObject, "top level", "an object");
        T[]? values = null;
        int count = 0;
        string? field = null;
        var batch = new DecimalBatch(1 << 14);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            chunks.Next(ref r);
            if (r.TokenType == JsonTokenType.EndObject) break;
            string key = r.GetString()!;
            if (!seen.Add(key)) throw new InvalidInputException($"{key}: appears twice");
            chunks.Next(ref r);
            if (key == "field")
            {
                JsonRead.Expect(ref r, JsonTokenType.String, "field", "a string");
                field = r.GetString();
            }
            else if (key == "values")
            {
                JsonRead.Expect(ref r, JsonTokenType.StartArray, "values", "an array");
                // Decimal digits of T plus quotes and a comma per value.
                values = new T[(int)System.Math.Min(1 << 30, lengthHint / (T.Bits * 30103L / 100000 + 4) + 16)];
                count = 0;
                int batchStart = 0;
                batch.Clear();
                while (true)
                {
                    chunks.Next(ref r);
                    if (r.TokenType == JsonTokenType.EndArray) break;
                    if (r.TokenType != JsonTokenType.String)
                        throw new InvalidInputException($"values[{count}]: expected a decimal string, found {JsonRead.Describe(r.TokenType)}");
                    batch.Add(ref r);
                    count++;
                    if (batch.IsFull)
                    {
                        Convert(batch, ref values, batchStart);
                        batchStart = count;
                    }
                }
                Convert(batch, ref values, batchStart);
            }
            else
            {
                chunks.Skip(ref r);
            }
        }
        chunks.End(ref r);
        if (field != T.Name) throw new InvalidInputException($"field: expected \"{T.Name}\", found \"{field}\"");
        if (values == null) throw new InvalidInputException("values: missing");
        if (count == 0 || (count & (count - 1)) != 0) throw new InvalidInputException($"values: length {count} is not a power of two");
        int log = System.Numerics.BitOperations.Log2((uint)count);
        if (log > T.TwoAdicity) throw new InvalidInputException($"values: length 2^{log} exceeds the two-adicity 2^{T.TwoAdicity} of {T.Name}");
        if (values.Length != count) Array.Resize(ref values, count);
        return values;
    }

    private static void Convert<T>(DecimalBatch batch, ref T[] values, int first) where T : struct, IPrimeField<T>
    {
        int n = batch.Count;
        if (first + n > values.Length) Array.Resize(ref values, System.Math.Max(first + n, values.Length + values.Length / 2));
        var dst = values;
        batch.Convert(n, (lo, hi) =>
        {
            for (int j = lo; j < hi; j++)
            {
                if (!T.TryParseDecimal(batch[j], out dst[first + j]))
                    throw new IndexedInputException(j, $"values[{first + j}]: {JsonRead.DecimalProblem(batch[j], T.Name)}");
            }
        });
        batch.Clear();
    }

    /// <summary>Writes values in the job-file shape.</summary>
    public static void Write<T>(Stream output, ReadOnlySpan<T> values) where T : struct, IPrimeField<T> => Write(output, values.ToArray());

    /// <summary>Writes values in the job-file shape, formatting decimals on all cores in blocks written in order.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="values">The values.</param>
    /// <param name="arenaBytes">Memory for formatted text (one parallel pass fills it, one write empties it); a 2^16 BN254 job fits the default.</param>
    public static unsafe void Write<T>(Stream output, T[] values, int arenaBytes = 8 * Memory.Pages.HugePage) where T : struct, IPrimeField<T>
    {
        output.Write("{\"field\":\""u8);
        output.Write(System.Text.Encoding.UTF8.GetBytes(T.Name));
        output.Write("\",\"values\":["u8);
        const int Block = 2048;
        int blocks = (values.Length + Block - 1) / Block;
        int blockBytes = Block * (T.Bits * 30103 / 100000 + 2 + 3);
        // The buffers share one native arena of up to 8 huge pages (outside the GC heap, so no collection mid-write, and no
        // fault per 4 KiB page): a 2^16 BN254 job is formatted in one parallel pass and written in one call, larger jobs in
        // groups that fill the arena.
        int group = System.Math.Min(blocks, System.Math.Max(2 * Environment.ProcessorCount, arenaBytes / blockBytes));
        byte* arena = (byte*)Memory.Pages.AllocateLarge((long)group * blockBytes);
        try
        {
            var lengths = new int[group];
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
            for (int b0 = 0; b0 < blocks; b0 += group)
            {
                int inGroup = System.Math.Min(group, blocks - b0);
                int start = b0;
                void Format(int k)
                {
                    int lo = (start + k) * Block, hi = System.Math.Min(values.Length, lo + Block);
                    lengths[k] = FormatBlock<T>(values.AsSpan(lo, hi - lo), new Span<byte>(arena + (long)k * blockBytes, blockBytes), first: lo == 0);
                }
                if (inGroup == 1) Format(0);
                else Parallel.For(0, inGroup, parallel, Format);
                for (int k = 0; k < inGroup; k++) output.Write(new ReadOnlySpan<byte>(arena + (long)k * blockBytes, lengths[k]));
            }
        }
        finally
        {
            System.Runtime.InteropServices.NativeMemory.AlignedFree(arena);
        }
        output.Write("]}\n"u8);
    }

    private static int FormatBlock<T>(ReadOnlySpan<T> values, Span<byte> buffer, bool first) where T : struct, IPrimeField<T>
    {
        int pos = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (!first || i > 0) buffer[pos++] = (byte)',';
            buffer[pos++] = (byte)'"';
            pos += values[i].FormatDecimal(buffer[pos..]);
            buffer[pos++] = (byte)'"';
        }
        return pos;
    }
}
