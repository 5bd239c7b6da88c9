using System.Globalization;
using System.Security.Cryptography;
using CommandLine;
using ComputeAsic.Bitstreams.Boards;
using ComputeAsic.Bitstreams.Flash;
using ComputeAsic.Bitstreams.Flows;
using ComputeAsic.Bitstreams.Packages;
using ComputeAsic.Bitstreams.Tops;
using ComputeAsic.Cli.Io;
using ComputeAsic.Hdl.Tools;
using ComputeAsic.Signing;

namespace ComputeAsic.Cli.Commands;

/// <summary><c>computeasic bitstream</c>: build, pack, sign, inspect, verify and flash bitstream packages.</summary>
[Verb("bitstream", HelpText = "Bitstreams: build (open Lattice flow or a Vivado/Vitis project), pack, sign, inspect, verify, flash.")]
public sealed class BitstreamGroupVerb : GroupVerb
{
    /// <inheritdoc/>
    public override string Group => "bitstream";
}

/// <summary>Options naming a board and (optionally) a top.</summary>
public abstract class BoardTopOptions : CommandOptions
{
    /// <summary>Board name.</summary>
    [Option("board", Required = true, HelpText = "Board (see: computeasic boards).")]
    public string Board { get; set; } = "";

    /// <summary>Top-level design.</summary>
    [Option("top", HelpText = "Top-level catalog design (default: the board's; see computeasic hdl list).")]
    public string? Top { get; set; }

    /// <summary>Parameter overrides.</summary>
    [Option("param", HelpText = "Parameter override of the top, name=value; repeat for several.")]
    public IEnumerable<string> Params { get; set; } = [];

    /// <summary>The board and the built top.</summary>
    protected (Board Board, TopLevel Top) Load()
    {
        var board = BoardCatalog.Find(Board);
        return (board, TopLevel.Resolve(board, Top, Params));
    }
}

/// <summary><c>computeasic bitstream build</c>: runs the open flow, or writes the vendor project; the last line is what it made.</summary>
[VerbGroup("bitstream")]
[VerbExample("computeasic bitstream build --board icebreaker --out out/icebreaker")]
[Verb("build", HelpText = "Build the board's bitstream (Lattice: Yosys, nextpnr, icepack, failing when timing is not met) or write its Vivado/Vitis project; the last line printed is the path of what was made.")]
public sealed class BitstreamBuildCommand : BoardTopOptions, ICommand
{
    /// <summary>Output directory.</summary>
    [Option("out", Required = true, HelpText = "Directory for the build (created if missing).")]
    public string Out { get; set; } = "";

    /// <summary>Timing target override.</summary>
    [Option("target-mhz", HelpText = "Timing target in MHz instead of the board clock (a check: place and route must reach it).")]
    public double? TargetMhz { get; set; }

    /// <inheritdoc/>
    public int Execute(CommandContext context)
    {
        if (TargetMhz is <= 0) throw new UsageException("--target-mhz: must be positive");
        var (board, top) = Load();
        Directory.CreateDirectory(Out);
        context.Out.WriteLine($"board {board.Name} ({board.Part}), top {top.Entry.Name} ({top.Arguments}), design hash {top.Hash}");
        if (!board.IsOpenFlow)
        {
            string script = XilinxProject.Generate(board, top, Out, (path, bytes) => AtomicFile.Write(path, s => s.Write(bytes)));
            context.Out.WriteLine($"wrote the {board.Flow} project: Vivado/Vitis do not run here; run it on a machine with the AMD/Xilinx tools (see {Path.Combine(Out, "README.txt")})");
            context.Out.WriteLine(script);
            return CliApp.Ok;
        }
        var r = OpenFlow.Build(board, top, Out, TargetMhz);
        if (!r.Ran)
        {
            string why = board.Flow == BoardFlow.Ecp5 ? " (nextpnr-ecp5 and prjtrellis are not packaged in Debian 12)" : " (scripts/install-tools.sh installs them)";
            context.Out.WriteLine($"not installed here: {string.Join(", ", r.MissingTools)}{why}; wrote the flow to run where they are:");
            context.Out.WriteLine(r.Output);
            return CliApp.Ok;
        }
        string mhz(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
        context.Out.WriteLine($"timing: Fmax {mhz(r.FmaxMhz!.Value)} MHz for clock {board.MainClock.Port}, target {mhz(r.TargetMhz)} MHz: met");
        foreach (var u in r.Utilisation.Where(u => u.Used > 0))
            context.Out.WriteLine($"  {u.Resource,-16} {u.Used,6} of {u.Available,6} ({100.0 * u.Used / System.Math.Max(1, u.Available):0.0}%)");
        context.Out.WriteLine($"tools ran {r.Elapsed.TotalSeconds:0.0} s: {string.Join("; ", r.Tools.Select(kv => kv.Value))}");
        byte[] bits = File.ReadAllBytes(r.Output);
        string path = Path.Combine(Out, OpenFlow.BitstreamName(board));
        var record = new BuildRecord(board.Name, top.Hash, Convert.ToHexStringLower(SHA256.HashData(bits)), r.FmaxMhz, r.Utilisation, r.Tools, ToolVersions.SourceCommit());
        string recordPath = Path.Combine(Out, BuildRecord.FileName);
        using var outputs = new OutputSet(("out", path), ("out", recordPath));
        outputs.Write(path, s => s.Write(bits));
        outputs.Write(recordPath, s => s.Write(record.ToJson()));
        outputs.Commit();
        context.Out.WriteLine(path);
        return CliApp.Ok;
    }
}

/// <summary><c>computeasic bitstream pack</c>: an unsigned package of a payload and its manifest.</summary>
[VerbGroup("bitstream")]
[VerbExample("computeasic bitstream pack --board icebreaker --bitstream out/icebreaker/icebreaker.bin --out icebreaker.capkg")]
[Verb("pack", HelpText = "Package a bitstream (xclbin, AFI reference) with its manifest (board, shell, design hash, clocks, tools, commit); unsigned.")]
public sealed class BitstreamPackCommand : BoardTopOptions, ICommand
{
    /// <summary>Payload file.</summary>
    [Option("bitstream", Required = true, HelpText = "The bitstream (iCE40 .bin, ECP5 .bit), xclbin (Alveo) or AFI reference JSON (F1). A build.json beside it adds Fmax and tool versions.")]
    public string Bitstream { get; set; } = "";

    /// <summary>Package file.</summary>
    [Option("out", Required = true, HelpText = "Package file to write.")]
    public string Out { get; set; } = "";

    /// <inheritdoc/>
    public int Execute(CommandContext context)
    {
        if (!File.Exists(Bitstream)) throw new UsageException($"--bitstream {Bitstream}: file does not exist");
        var (board, top) = Load();
        byte[] payload = File.ReadAllBytes(Bitstream);
        var build = BuildRecord.TryRead(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Bitstream))!, BuildRecord.FileName));
        var pkg = Packer.Pack(board, top, Bitstream, payload, build);
        var m = Manifest.Parse(pkg.ManifestJson);
        AtomicFile.Write(Out, pkg.WriteTo);
        context.Out.WriteLine($"packed {m.PayloadKind} ({m.PayloadSize} bytes) for {m.Board}, top {m.TopDesign}, design hash {m.DesignHash}; unsigned");
        context.Out.WriteLine(Out);
        return CliApp.Ok;
    }
}

/// <summary><c>computeasic bitstream sign</c>: signs a package in place.</summary>
[VerbGroup("bitstream")]
[VerbExample("computeasic bitstream sign --package icebreaker.capkg --key provider.key")]
[Verb("sign", HelpText = "Sign a package with an Ed25519 private key (computeasic keys gen), replacing any earlier signature.")]
public sealed class BitstreamSignCommand : CommandOptions, ICommand
{
    /// <summary>Package file.</summary>
    [Option("package", Required = true, HelpText = "Package to sign (rewritten in place).")]
    public string Package { get; set; } = "";

    /// <summary>Private key file.</summary>
    [Option("key", Required = true, HelpText = "Private key file.")]
    public string Key { get; set; } = "";

    /// <inheritdoc/>
    public int Execute(CommandContext context)
    {
        var pkg = PackageFile.Read(Package);
        Manifest.Parse(pkg.ManifestJson);
        using var key = Ed25519Keys.LoadPrivate(Key);
        var signed = pkg.SignedBy(key);
        AtomicFile.Write(Package, signed.WriteTo);
        context.Out.WriteLine($"signed {Package} with key {key.Public.Fingerprint}");
        return CliApp.Ok;
    }
}

/// <summary><c>computeasic bitstream inspect</c>: prints a package's manifest and signature.</summary>
[VerbGroup("bitstream")]
[VerbExample("computeasic bitstream inspect --package icebreaker.capkg")]
[Verb("inspect", HelpText = "Print a package's manifest, payload check and signer (no trust decision: that is verify).")]
public sealed class BitstreamInspectCommand : CommandOptions, ICommand
{
    /// <summary>Package file.</summary>
    [Option("package", Required = true, HelpText = "Package file.")]
    public string Package { get; set; } = "";

    /// <inheritdoc/>
    public int Execute(CommandContext context)
    {
        var pkg = PackageFile.Read(Package);
        var m = Manifest.Parse(pkg.ManifestJson);
        var o = context.Out;
        o.WriteLine($"board          {m.Board} ({m.Part})");
        o.WriteLine($"shell          {m.ShellName}: {m.ShellIdentity}");
        o.WriteLine($"top            {m.TopDesign} ({m.TopParameters}), entity {m.TopEntity}");
        o.WriteLine($"design hash    {m.DesignHash}");
        foreach (var c in m.Clocks)
            o.WriteLine($"clock          {c.Port} {Manifest.Mhz(c.TargetMhz)} MHz{(c.AchievedMhz is { } a ? $", place and route reached {Manifest.Mhz(a)} MHz" : "")}");
        o.WriteLine($"capabilities   {string.Join(", ", m.Capabilities)}");
        string sha = Convert.ToHexStringLower(SHA256.HashData(pkg.Payload));
        o.WriteLine($"payload        {m.PayloadKind} {m.PayloadFile}, {pkg.Payload.Length} bytes, sha256 {sha} ({(sha == m.PayloadSha256 && pkg.Payload.LongLength == m.PayloadSize ? "matches the manifest" : "DIFFERS from the manifest")})");
        foreach (var (tool, version) in m.Tools) o.WriteLine($"tool           {tool}: {version}");
        o.WriteLine($"source commit  {m.SourceCommit}");
        o.WriteLine(pkg.Signature is { } s
            ? $"signature      Ed25519, key {s.Key.Fingerprint} ({(s.Key.Verify(pkg.SignedMessage(), s.Signature) ? "valid" : "INVALID")}; whether the key is trusted: bitstream verify)"
            : "signature      none (unsigned)");
        return CliApp.Ok;
    }
}

/// <summary><c>computeasic bitstream verify</c>: exit 0 when the package may be loaded, 1 refused (with the reason), 2 malformed.</summary>
[VerbGroup("bitstream")]
[VerbExample("computeasic bitstream verify --package icebreaker.capkg --trust trust/ --board icebreaker")]
[Verb("verify", HelpText = "Check a package against a trust store: exit 0 ok, 1 refused (unsigned, untrusted, changed, other board or shell), 2 malformed.")]
public sealed class BitstreamVerifyCommand : CommandOptions, ICommand
{
    /// <summary>Package file.</summary>
    [Option("package", Required = true, HelpText = "Package file.")]
    public string Package { get; set; } = "";

    /// <summary>Trust store.</summary>
    [Option("trust", Required = true, HelpText = "Trust store: a directory of *.pub Ed25519 public keys (PEM).")]
    public string Trust { get; set; } = "";

    /// <summary>Required board.</summary>
    [Option("board", HelpText = "Refuse a package for any other board.")]
    public string? Board { get; set; }

    /// <inheritdoc/>
    public int Execute(CommandContext context)
    {
        if (Board != null) BoardCatalog.Find(Board);
        var trust = TrustStore.Load(Trust);
        if (!File.Exists(Package)) throw new UsageException($"--package {Package}: file does not exist");
        var v = PackageVerifier.Verify(File.ReadAllBytes(Package), trust, Board);
        (v.Code == VerifyCode.Ok ? context.Out : context.Err).WriteLine($"{Package}: {v.Reason}");
        return (int)v.Code;
    }
}

/// <summary><c>computeasic bitstream flash</c>: verifies, then loads the payload with the board's tool (or prints the commands).</summary>
[VerbGroup("bitstream")]
[VerbExample("computeasic bitstream flash --package icebreaker.capkg --trust trust/ --dry-run")]
[Verb("flash", HelpText = "Verify a package, then load it with the board's tool (openFPGALoader, xbutil program, fpga-load-local-image); --dry-run, or a missing tool or board, prints the exact commands.")]
public sealed class BitstreamFlashCommand : CommandOptions, ICommand
{
    /// <summary>Package file.</summary>
    [Option("package", Required = true, HelpText = "Package file.")]
    public string Package { get; set; } = "";

    /// <summary>Trust store.</summary>
    [Option("trust", Required = true, HelpText = "Trust store: a directory of *.pub Ed25519 public keys (PEM).")]
    public string Trust { get; set; } = "";

    /// <summary>Device.</summary>
    [Option("device", HelpText = "Which device: openFPGALoader's serial device (-d /dev/ttyUSBx), the Alveo card's PCIe BDF, or the F1 slot (default 0).")]
    public string? Device { get; set; }

    /// <summary>Print only.</summary>
    [Option("dry-run", HelpText = "Verify and print the commands without running them.")]
    public bool DryRun { get; set; }

    /// <inheritdoc/>
    public int Execute(CommandContext context)
    {
        var trust = TrustStore.Load(Trust);
        if (!File.Exists(Package)) throw new UsageException($"--package {Package}: file does not exist");
        var v = PackageVerifier.Verify(File.ReadAllBytes(Package), trust, null);
        if (v.Code != VerifyCode.Ok)
        {
            context.Err.WriteLine($"{Package}: {v.Reason}; not flashed");
            return (int)v.Code;
        }
        context.Out.WriteLine($"{Package}: {v.Reason}");
        var m = v.Manifest!;
        var board = BoardCatalog.Find(m.Board);
        // Beside the package, named after it, so no other file is overwritten: p.capkg -> p.icebreaker.bin.
        string full = Path.GetFullPath(Package);
        string payloadPath = Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full) + "." + m.PayloadFile);
        AtomicFile.Write(payloadPath, s => s.Write(v.Package!.Payload));
        context.Out.WriteLine($"extracted the verified payload to {payloadPath}");
        var plan = FlashPlan.For(board, payloadPath, v.Package!.Payload, Device);
        void PrintCommands()
        {
            foreach (var s in plan.Steps) context.Out.WriteLine("  " + s.ShellLine);
        }
        if (DryRun)
        {
            context.Out.WriteLine("dry run; the commands:");
            PrintCommands();
            return CliApp.Ok;
        }
        if (!plan.ToolPresent)
        {
            context.Err.WriteLine($"flash: {plan.Tool} is not installed here; not flashed. Run these where the board is attached:");
            PrintCommands();
            return CliApp.Failure;
        }
        foreach (var s in plan.Steps)
        {
            context.Out.WriteLine("running: " + s.ShellLine);
            var r = ToolRunner.Run(s.Tool, s.Args, Directory.GetCurrentDirectory(), TimeSpan.FromMinutes(10));
            context.Out.Write(r.Output);
            if (r.ExitCode != 0)
            {
                context.Err.WriteLine($"flash: {s.Tool} failed (exit {r.ExitCode}): the board was not reached or refused the image; not flashed. The commands were:");
                PrintCommands();
                return CliApp.Failure;
            }
        }
        context.Out.WriteLine($"flashed {board.Name}");
        var check = IdentityCheck.Run(m, board, Device, reader: null);   // no driver path to a card yet
        (check.Passed ? context.Out : context.Err).WriteLine(check.Message);
        return check.Passed ? CliApp.Ok : CliApp.Failure;
    }
}
