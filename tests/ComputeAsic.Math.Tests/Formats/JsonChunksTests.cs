using System.Text;
using System.Text.Json;
using ComputeAsic.Math.Formats;

namespace ComputeAsic.Math.Tests.Formats;

/// <summary>The windowed JSON reader: UTF-8 checked across window seams, one long token bounded, nothing after the value.</summary>
public class JsonChunksTests
{
    /// <summary>Reads every token of <paramref name="json"/> through windows of <paramref name="window"/> bytes; returns the strings seen.</summary>
    private static List<string> ReadAll(byte[] json, int window, int maxToken = JsonChunks.DefaultMaxToken)
    {
        var chunks = new JsonChunks(new MemoryStream(json), window, maxToken);
        var r = chunks.Reader();
        var strings = new List<string>();
        chunks.Next(ref r);
        int depth = r.CurrentDepth;
        do
        {
            if (r.TokenType is JsonTokenType.String or JsonTokenType.PropertyName) strings.Add(r.GetString()!);
            if (r.TokenType is JsonTokenType.EndArray or JsonTokenType.EndObject && r.CurrentDepth == depth) break;
            chunks.Next(ref r);
        }
        while (true);
        chunks.End(ref r);
        return strings;
    }

    [Fact]
    public void MultiByteCharactersCutByEveryWindowSeamAreAccepted()
    {
        string text = "ä€𝄞 x ä€𝄞";
        byte[] json = Encoding.UTF8.GetBytes($"[\"{text}\",\"{text}{text}\"]");
        for (int window = 4; window <= json.Length; window++)
            Assert.Equal([text, text + text], ReadAll(json, window));
    }

    [Fact]
    public void InvalidUtf8IsFoundAtItsOffsetWhateverTheWindow()
    {
        byte[] json = [.. "[\"abc\",\"d"u8, 0xE2, 0x28, 0xA1, .. "\"]"u8];
        for (int window = 4; window <= json.Length; window++)
        {
            var e = Assert.Throws<InvalidInputException>(() => ReadAll(json, window));
            Assert.Equal("invalid UTF-8 at byte 9", e.Message);
        }
    }

    [Fact]
    public void ATokenLongerThanTheLimitIsAnInputErrorNotAnOverflow()
    {
        byte[] json = Encoding.ASCII.GetBytes("[\"" + new string('7', 5000) + "\"]");
        Assert.Single(ReadAll(json, 64, maxToken: 8192));
        var e = Assert.Throws<InvalidInputException>(() => ReadAll(json, 64, maxToken: 1024));
        Assert.Contains("longer than 1024 bytes", e.Message);
    }

    [Theory]
    [InlineData("[1] [2]")]
    [InlineData("[1],")]
    [InlineData("[1]x")]
    [InlineData("{} {}")]
    public void ContentAfterTheValueIsRefused(string json)
    {
        for (int window = 4; window <= json.Length + 1; window++)
        {
            var e = Assert.Throws<InvalidInputException>(() => ReadAll(Encoding.ASCII.GetBytes(json), window));
            Assert.Contains("content after the top-level value", e.Message);
        }
    }

    [Fact]
    public void WhitespaceAfterTheValueIsFine() => Assert.Empty(ReadAll(Encoding.ASCII.GetBytes("[1]  \n\t "), 4));
}
