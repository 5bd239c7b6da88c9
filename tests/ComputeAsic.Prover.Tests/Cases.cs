using ComputeAsic.Cli;
using ComputeAsic.Tests.Shared;

namespace ComputeAsic.Prover.Tests;

/// <summary>Where the shared snarkjs cases and the installed snarkjs live, and how to run the CLI and snarkjs from tests.</summary>
internal static class Cases
{
    public static readonly string[] Names = ["tiny_mul", "medium_poseidon", "medium_poseidon_o1"];

    public static string RepoRoot => TestRepo.Root;

    public static string Dir(string name) => Path.Combine(RepoRoot, "..", "shared", "snarkjs", "cases", name);

    public static string File(string name, string file) => Path.Combine(Dir(name), file);

    /// <summary>Runs the CLI in-process: (exit code, stdout, stderr).</summary>
    public static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CliApp.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    private static readonly object InstallGate = new();

    /// <summary>The snarkjs 0.7.6 command, installed by scripts/install-tools.sh when missing.</summary>
    public static string Snarkjs
    {
        get
        {
            string path = Path.Combine(RepoRoot, ".tools", "node", "node_modules", ".bin", "snarkjs");
            lock (InstallGate)
            {
                if (!System.IO.File.Exists(path))
                {
                    var (code, output) = Run("bash", [Path.Combine(RepoRoot, "scripts", "install-tools.sh")], TimeSpan.FromMinutes(10));
                    Assert.True(code == 0 && System.IO.File.Exists(path), "scripts/install-tools.sh did not install snarkjs: " + output);
                }
            }
            return path;
        }
    }

    /// <summary>`snarkjs groth16 verify`: true when it prints OK and exits 0.</summary>
    public static bool SnarkjsVerifies(string vkey, string publicJson, string proof)
    {
        var (code, output) = Run(Snarkjs, ["groth16", "verify", vkey, publicJson, proof], TimeSpan.FromMinutes(2));
        bool ok = output.Contains("OK!", StringComparison.Ordinal);
        Assert.True(ok == (code == 0), $"snarkjs exit code {code} disagrees with its output: {output}");
        return ok;
    }

    /// <summary>Runs a program with a time limit; (exit code, stdout + stderr).</summary>
    public static (int Code, string Output) Run(string file, string[] args, TimeSpan limit)
    {
        var (code, stdout, stderr) = TestRepo.Run(file, args, limit);
        return (code, stdout + stderr);
    }

    /// <summary>A fresh temporary directory, removed on dispose.</summary>
    public sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("computeasic-prover-").FullName;

        public string this[string name] => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
