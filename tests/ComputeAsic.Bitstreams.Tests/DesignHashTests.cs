using System.Security.Cryptography;
using System.Text;
using ComputeAsic.Hardware;
using ComputeAsic.Hdl;
using ComputeAsic.Hdl.Emit;

namespace ComputeAsic.Bitstreams.Tests;

/// <summary>The design hash: stable, sensitive to any change of the HDL, and recomputable from the emitted files' headers alone.</summary>
public class DesignHashTests
{
    private static Design Build(string name, params string[] ps)
    {
        var e = DesignCatalog.Find(name);
        return new Design(e.Build(e.Parse(ps)));
    }

    [Fact]
    public void IsStableAcrossBuildsAndChangesWithTheDesign()
    {
        string a = DesignHash.Hex(Build("uart_mod_mul_babybear"));
        Assert.Equal(a, DesignHash.Hex(Build("uart_mod_mul_babybear")));
        Assert.Matches("^[0-9a-f]{64}$", a);
        Assert.NotEqual(a, DesignHash.Hex(Build("uart_mod_mul_babybear", "clocks_per_bit=105")));
        Assert.NotEqual(DesignHash.Hex(Build("counter", "width=8")), DesignHash.Hex(Build("counter", "width=9")));
    }

    [Fact]
    public void EqualsTheDocumentedDefinitionOverTheHeaders()
    {
        // Recompute from what a person has: the emitted .vhd files' names and the content hash their second header line prints.
        var files = new VhdlEmitter().Emit(Build("fifo"));
        var text = new StringBuilder("computeasic-design-hash-v1\n");
        foreach (var f in files)
        {
            string line = f.Text.Split('\n')[1];
            string printed = line[(line.LastIndexOf(' ') + 1)..];
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', f.Text.Split('\n').Skip(2))))), printed);
            text.Append(f.FileName).Append(' ').Append(printed).Append('\n');
        }
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())), DesignHash.Of(Build("fifo")));
    }

    [Fact]
    public void ASelfReferencingTopHashesItsZeroFilledBuild()
    {
        Design Top(byte[] id)
        {
            var m = new Module("identity_top");
            m.Output("id", Signal.Constant(new System.Numerics.BigInteger(id, isUnsigned: true), 256));
            return new Design(m);
        }
        var (hash, design) = DesignHash.OfSelfReferencing(Top);
        Assert.Equal(DesignHash.Of(Top(new byte[32])), hash);
        Assert.NotEqual(hash, DesignHash.Of(design));   // the final build embeds the hash, so it is not what it reports
        Assert.Contains(Convert.ToHexStringLower(hash.Reverse().ToArray()).TrimStart('0'), new VhdlEmitter().Emit(design)[^1].Text);
    }
}
