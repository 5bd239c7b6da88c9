using ComputeAsic.Hdl.Tools;

namespace ComputeAsic.Bitstreams.Flows;

/// <summary>The versions of the outside tools a build used, as they print them, and the source commit: recorded in packages.</summary>
public static class ToolVersions
{
    /// <summary>The first line a tool prints for <paramref name="args"/>, or null when it is not installed or fails.</summary>
    public static string? Of(string tool, params string[] args)
    {
        if (ToolRunner.Find(tool) == null) return null;
        var r = ToolRunner.Run(tool, args, Directory.GetCurrentDirectory(), TimeSpan.FromSeconds(20));
        string first = r.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return r.ExitCode == 0 && first.Length > 0 ? first : null;
    }

    /// <summary>A Debian package's version (for tools without a version flag, such as icepack), or null.</summary>
    public static string? OfDebianPackage(string package)
    {
        string? v = Of("dpkg-query", "-W", "-f=${Version}", package);
        return v == null ? null : $"{package} {v}";
    }

    /// <summary>The git commit of the working directory's repository, with <c>-dirty</c> when it has changes; <c>unknown</c> outside git.</summary>
    public static string SourceCommit()
    {
        string? head = Of("git", "rev-parse", "HEAD");
        if (head == null || head.Length != 40) return "unknown";
        var status = ToolRunner.Run("git", ["status", "--porcelain", "--untracked-files=no"], Directory.GetCurrentDirectory(), TimeSpan.FromSeconds(20));
        return status.ExitCode == 0 && status.Output.Trim().Length > 0 ? head + "-dirty" : head;
    }
}
