using System.Text;
using System.Text.Json;
using ComputeAsic.Math.Fields;

namespace ComputeAsic.Math.Formats;

/// <summary>Pieces of the job-file readers: decimal strings into field elements with errors that name the JSON path.</summary>
public static class JsonRead
{
    /// <summary>Reader options shared by every job file (comments and trailing commas rejected, deep nesting not needed).</summary>
    public static JsonReaderOptions Options => new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 };

    /// <summary>Advances to the next token or fails with the byte position of the problem.</summary>
    public static void Next(ref Utf8JsonReader reader)
    {
        try
        {
            if (!reader.Read()) throw new InvalidInputException($"invalid JSON: unexpected end of input at byte {reader.BytesConsumed}");
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"invalid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine}: {FirstSentence(e.Message)}", e);
        }
    }

    /// <summary>Skips the current value (object, array or scalar).</summary>
    public static void Skip(ref Utf8JsonReader reader)
    {
        try
        {
            reader.Skip();
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"invalid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine}: {FirstSentence(e.Message)}", e);
        }
    }

    /// <summary>Requires the current token to be of the given type.</summary>
    public static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string where, string what)
    {
        if (reader.TokenType != type) throw new InvalidInputException($"{where}: expected {what}, found {Describe(reader.TokenType)}");
    }

    /// <summary>Reads the current string token as a canonical decimal element of T.</summary>
    public static T ReadElement<T>(ref Utf8JsonReader reader, string where) where T : struct, IPrimeField<T>
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new InvalidInputException($"{where}: expected a decimal string, found {Describe(reader.TokenType)}");
        ReadOnlySpan<byte> digits = reader.ValueSpan;
        byte[]? unescaped = null;
        if (reader.ValueIsEscaped)
        {
            unescaped = System.Text.Encoding.UTF8.GetBytes(reader.GetString()!);
            digits = unescaped;
        }
        return ParseElement<T>(digits, where);
    }

    /// <summary>Throws an input error at the first byte of <paramref name="text"/> that is not valid UTF-8; <paramref name="offset"/> is the text's position in its file.</summary>
    public static void CheckUtf8(ReadOnlySpan<byte> text, long offset = 0)
    {
        if (System.Text.Unicode.Utf8.IsValid(text)) return;
        System.Text.Unicode.Utf8.ToUtf16(text, new char[text.Length], out int good, out _, replaceInvalidSequences: false);
        throw new InvalidInputException($"invalid UTF-8 at byte {offset + good}");
    }

    /// <summary>Parses canonical decimal digits as an element of T, or throws an input error naming <paramref name="where"/> and the problem.</summary>
    public static T ParseElement<T>(ReadOnlySpan<byte> digits, string where) where T : struct, IPrimeField<T>
    {
        if (T.TryParseDecimal(digits, out T value)) return value;
        throw new InvalidInputException($"{where}: {DecimalProblem(digits, T.Name)}");
    }

    /// <summary>Why digits are not a canonical element: not decimal, empty, or not below the modulus of the named field.</summary>
    public static string DecimalProblem(ReadOnlySpan<byte> digits, string field)
    {
        foreach (byte b in digits)
        {
            if (b < '0' || b > '9') return $"\"{Clip(digits)}\" is not a decimal integer";
        }
        if (digits.IsEmpty) return "empty string is not a decimal integer";
        return $"{Clip(digits)} is not below the {field} modulus";
    }

    /// <summary>Reads a top-level string property anywhere in an object without reading the rest (e.g. "curve" before the big arrays).</summary>
    public static string? FindTopLevelString(ReadOnlySpan<byte> json, string property)
    {
        var reader = new Utf8JsonReader(json, Options);
        Next(ref reader);
        if (reader.TokenType != JsonTokenType.StartObject) throw new InvalidInputException($"invalid JSON: expected an object at the top level, found {Describe(reader.TokenType)}");
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject) return null;
            bool match = reader.ValueTextEquals(property);
            Next(ref reader);
            if (match)
            {
                Expect(ref reader, JsonTokenType.String, property, "a string");
                return reader.GetString();
            }
            Skip(ref reader);
        }
    }

    /// <summary>A short human name of a token type for error messages.</summary>
    public static string Describe(JsonTokenType t) => t switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.EndArray => "the end of the array",
        JsonTokenType.EndObject => "the end of the object",
        _ => t.ToString(),
    };

    private static string Clip(ReadOnlySpan<byte> s)
    {
        string text = System.Text.Encoding.UTF8.GetString(s.Length > 80 ? s[..80] : s);
        return s.Length > 80 ? text + "..." : text;
    }

    internal static string FirstSentence(string message)
    {
        int i = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (i > 0 ? message[..i] : message).TrimEnd('.', ' ');
    }

    /// <summary>Writes a field element as a JSON decimal string without allocating a managed string.</summary>
    public static void WriteElement<T>(Utf8JsonWriter writer, T value) where T : struct, IPrimeField<T>
    {
        Span<byte> buf = stackalloc byte[128];
        int n = value.FormatDecimal(buf);
        writer.WriteStringValue(buf[..n]);
    }

    /// <summary>A read-only stream over pinned bytes; an empty span pins to null, which <see cref="UnmanagedMemoryStream"/> refuses.</summary>
    internal static unsafe Stream OverMemory(byte* bytes, int length)
        => length == 0 ? new MemoryStream([], writable: false) : new UnmanagedMemoryStream(bytes, length);

    /// <summary>UTF-8 without a byte-order mark, for every text file the toolkit writes.</summary>
    public static UTF8Encoding Utf8 { get; } = new(encoderShouldEmitUTF8Identifier: false);
}
