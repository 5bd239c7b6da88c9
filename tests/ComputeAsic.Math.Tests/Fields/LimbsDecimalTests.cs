using System.Globalization;
using System.Numerics;
using System.Text;
using ComputeAsic.Math.Fields;
using CsCheck;

namespace ComputeAsic.Math.Tests.Fields;

/// <summary>Decimal text of raw limbs against <see cref="BigInteger"/>, at every digit count and around every power of ten.</summary>
public class LimbsDecimalTests
{
    private static void AssertFormatsLikeBigInteger(BigInteger v, int limbCount)
    {
        Span<ulong> limbs = stackalloc ulong[limbCount];
        Limbs.FromBigInteger(v, limbs);
        Span<byte> text = stackalloc byte[20 * limbCount];
        int n = Limbs.FormatDecimal(limbs, text);
        string expected = v.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(expected, Encoding.ASCII.GetString(text[..n]));
        Span<ulong> back = stackalloc ulong[limbCount];
        Assert.True(Limbs.TryParseDecimal(text[..n], back));
        Assert.True(back.SequenceEqual(limbs), expected);
    }

    [Fact]
    public void PowersOfTenAndTheirNeighbours()
    {
        for (int k = 0; k <= 115; k++)
        {
            var p = BigInteger.Pow(10, k);
            foreach (var v in new[] { p - 1, p, p + 1, 2 * p - 1, 9 * p })
            {
                if (v.Sign >= 0 && v < BigInteger.One << 384) AssertFormatsLikeBigInteger(v, 6);
            }
        }
    }

    [Fact]
    public void RandomValuesOfEveryLength()
        => Gen.Select(Gen.Int[1, 384], Gen.ULong, Gen.ULong, Gen.ULong).Sample((bits, a, b, c) =>
        {
            var v = ((new BigInteger(a) << 128) | (new BigInteger(b) << 64) | c) * ((BigInteger.One << 192) + 12345);
            AssertFormatsLikeBigInteger(v & ((BigInteger.One << bits) - 1), 6);
            AssertFormatsLikeBigInteger(v & ((BigInteger.One << System.Math.Min(bits, 256)) - 1), 4);
            AssertFormatsLikeBigInteger(v & ((BigInteger.One << System.Math.Min(bits, 64)) - 1), 1);
        }, iter: 2000);
}
