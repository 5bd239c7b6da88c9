using ComputeAsic.Cli;
using ComputeAsic.Tests.Shared;

namespace ComputeAsic.Cli.Tests;

/// <summary>The <c>computeasic card ...</c> verbs, run in-process.</summary>
public class CardCliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void RegsPrintsTheCheckedInRegisterDocumentAndWritesIt()
    {
        var (code, o, _) = Run("card", "regs");
        Assert.Equal(0, code);
        Assert.Equal(File.ReadAllText(Path.Combine(TestRepo.Root, "hardware", "REGISTERS.md")), o);
        string file = Path.Combine(Directory.CreateTempSubdirectory("card-regs-").FullName, "r.md");
        try
        {
            Assert.Equal(0, Run("card", "regs", "--out", file).Code);
            Assert.Equal(o, File.ReadAllText(file));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, true);
        }
        Assert.Equal(2, Run("card", "regs", "--out", Path.GetTempPath()).Code);   // a directory is not a file
    }
}
