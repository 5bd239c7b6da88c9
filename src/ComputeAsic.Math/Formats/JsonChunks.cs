using System.Text.Json;

namespace ComputeAsic.Math.Formats;

/// <summary>
/// Feeds a JSON stream to <see cref="Utf8JsonReader"/> a buffer at a time, so job files of hundreds of megabytes are read
/// in a fixed window of memory. The reader is a ref struct; callers hold it and call <see cref="Next"/> to advance across refills.
/// </summary>
public sealed class JsonChunks
{
    private readonly Stream stream;
    private byte[] buffer;
    private int start, end, validated;
    private long discarded;
    private bool final;
    private JsonReaderState state;

    /// <summary>Longest single token (string, number) accepted by default: far above any field element or key, far below the window's overflow.</summary>
    public const int DefaultMaxToken = 16 << 20;

    private readonly int maxToken;

    /// <summary>Reads from <paramref name="stream"/> with a window of <paramref name="bufferSize"/> bytes (grown only for a single longer token, up to <paramref name="maxToken"/> bytes).</summary>
    public JsonChunks(Stream stream, int bufferSize = 1 << 20, int maxToken = DefaultMaxToken)
    {
        this.stream = stream;
        this.maxToken = System.Math.Max(maxToken, bufferSize);
        buffer = new byte[bufferSize];
        state = new JsonReaderState(JsonRead.Options);
        Fill();
    }

    /// <summary>A reader positioned at the current point of the stream.</summary>
    public Utf8JsonReader Reader() => new(buffer.AsSpan(start, end - start), final, state);

    /// <summary>Advances to the next token, refilling the window as needed; errors become <see cref="Math.InvalidInputException"/>.</summary>
    public void Next(ref Utf8JsonReader reader)
    {
        while (true)
        {
            try
            {
                if (reader.Read()) return;
            }
            catch (JsonException e)
            {
                throw new InvalidInputException($"invalid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine}: {JsonRead.FirstSentence(e.Message)}", e);
            }
            start += (int)reader.BytesConsumed;
            state = reader.CurrentState;
            if (final) throw new InvalidInputException("invalid JSON: unexpected end of input");
            Fill();
            reader = Reader();
        }
    }

    /// <summary>Checks that nothing but whitespace follows the top-level value just read (a second value, such as a second job, is an error).</summary>
    public void End(ref Utf8JsonReader reader)
    {
        while (true)
        {
            try
            {
                if (reader.Read()) throw new InvalidInputException($"invalid JSON: content after the top-level value ({JsonRead.Describe(reader.TokenType)})");
            }
            catch (JsonException e)
            {
                throw new InvalidInputException($"invalid JSON: content after the top-level value at line {e.LineNumber + 1}, byte {e.BytePositionInLine}", e);
            }
            start += (int)reader.BytesConsumed;
            state = reader.CurrentState;
            if (final) return;
            Fill();
            reader = Reader();
        }
    }

    /// <summary>Skips the value whose first token is current (a whole object or array, or a scalar).</summary>
    public void Skip(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
        int depth = reader.CurrentDepth;
        do Next(ref reader);
        while (reader.CurrentDepth > depth || reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray));
    }

    private void Fill()
    {
        int keep = end - start;
        if (keep == buffer.Length)
        {
            if (buffer.Length >= maxToken) throw new InvalidInputException($"a JSON token longer than {maxToken} bytes at byte {discarded + start}");
            Array.Resize(ref buffer, (int)System.Math.Min(maxToken, 2L * buffer.Length));
        }
        Buffer.BlockCopy(buffer, start, buffer, 0, keep);
        discarded += start;
        validated = System.Math.Max(0, validated - start);
        start = 0;
        end = keep;
        while (end < buffer.Length)
        {
            int got = stream.Read(buffer, end, buffer.Length - end);
            if (got == 0)
            {
                final = true;
                break;
            }
            end += got;
        }
        Validate();
    }

    /// <summary>
    /// Rejects invalid UTF-8 as it arrives (the reader checks it only when a string is decoded, and then not as an input
    /// error); a character cut by the window's end is checked with the next fill.
    /// </summary>
    private void Validate()
    {
        int upTo = end;
        if (!final)
        {
            // Leave out a trailing partial character: back up to its lead byte if fewer bytes follow it than it needs.
            int i = end - 1;
            while (i >= validated && i > end - 4 && (buffer[i] & 0xC0) == 0x80) i--;
            if (i >= validated && buffer[i] >= 0xC0)
            {
                int need = buffer[i] >= 0xF0 ? 4 : buffer[i] >= 0xE0 ? 3 : 2;
                if (end - i < need) upTo = i;
            }
        }
        JsonRead.CheckUtf8(buffer.AsSpan(validated, upTo - validated), discarded + validated);
        validated = upTo;
    }
}

/// <summary>
/// Decimal strings collected from the token stream and converted in parallel batches: tokenizing is sequential,
/// the digit arithmetic (the larger cost) is spread over the cores.
/// </summary>
public sealed class DecimalBatch
{
    private byte[] bytes = new byte[1 << 16];
    private readonly int[] offset, length;
    private int used;

    /// <summary>A batch of at most <paramref name="capacity"/> strings.</summary>
    public DecimalBatch(int capacity)
    {
        offset = new int[capacity];
        length = new int[capacity];
    }

    /// <summary>Strings held.</summary>
    public int Count { get; private set; }

    /// <summary>Whether no more strings fit.</summary>
    public bool IsFull => Count == offset.Length;

    /// <summary>The digits of string <paramref name="i"/>; empty for a marker added by <see cref="AddMissing"/>.</summary>
    public ReadOnlySpan<byte> this[int i] => length[i] < 0 ? default : bytes.AsSpan(offset[i], length[i]);

    /// <summary>Whether string <paramref name="i"/> is a missing-value marker.</summary>
    public bool IsMissing(int i) => length[i] < 0;

    /// <summary>Adds the current string token (unescaping if needed); non-strings are the caller's to reject.</summary>
    public void Add(ref Utf8JsonReader reader)
    {
        int max = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (used + max > bytes.Length) Array.Resize(ref bytes, System.Math.Max(bytes.Length * 2, used + max));
        int n = reader.ValueIsEscaped || reader.HasValueSequence ? reader.CopyString(bytes.AsSpan(used)) : Copy(reader.ValueSpan);
        offset[Count] = used;
        length[Count++] = n;
        used += n;
    }

    private int Copy(ReadOnlySpan<byte> value)
    {
        value.CopyTo(bytes.AsSpan(used));
        return value.Length;
    }

    /// <summary>Adds a placeholder (e.g. both coordinates of a null point).</summary>
    public void AddMissing()
    {
        offset[Count] = used;
        length[Count++] = -1;
    }

    /// <summary>Runs <paramref name="convert"/> over [0, count) in parallel ranges and keeps the input error of the lowest index.</summary>
    public void Convert(int count, Action<int, int> convert)
    {
        int parts = count >= 4096 ? Environment.ProcessorCount * 2 : 1;
        InvalidInputException? first = null;
        int firstAt = int.MaxValue;
        var gate = new object();
        void Range(int lo, int hi)
        {
            try
            {
                convert(lo, hi);
            }
            catch (IndexedInputException e)
            {
                lock (gate)
                {
                    if (e.Index < firstAt)
                    {
                        firstAt = e.Index;
                        first = e;
                    }
                }
            }
        }
        if (parts == 1) Range(0, count);
        else Parallel.For(0, parts, p => Range((int)((long)count * p / parts), (int)((long)count * (p + 1) / parts)));
        if (first != null) throw new InvalidInputException(first.Message, first);
    }

    /// <summary>Empties the batch for reuse.</summary>
    public void Clear()
    {
        Count = 0;
        used = 0;
    }
}

/// <summary>An input error found while converting item <see cref="Index"/> of a batch, so the lowest one can be reported.</summary>
public sealed class IndexedInputException(int index, string message) : InvalidInputException(message)
{
    /// <summary>Position in the batch (items are in file order).</summary>
    public int Index { get; } = index;
}
