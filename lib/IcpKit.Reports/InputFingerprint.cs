using System.Security.Cryptography;
using System.Text;

namespace IcpKit.Reports;

/// <summary>A SHA-256 fingerprint of the input files, so a report says exactly which export it was rendered from.</summary>
public static class InputFingerprint
{
    /// <summary>
    /// SHA-256 (hex) over every file in <paramref name="dataFolder"/> (recursively, ordinal path order) and the
    /// extra files given (e.g. icp.yaml): each contributes its relative path, a NUL, its bytes' own SHA-256.
    /// </summary>
    /// <remarks>Renaming a file changes the fingerprint; touching its timestamp does not.</remarks>
    public static string Compute(string dataFolder, params IEnumerable<string> extraFiles)
    {
        var root = Path.GetFullPath(dataFolder);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => (Name: Path.GetRelativePath(root, f).Replace('\\', '/'), Path: f))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Concat(extraFiles.Select(f => (Name: "+" + Path.GetFileName(f), Path: f)));
        using var total = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, path) in files)
        {
            total.AppendData(Encoding.UTF8.GetBytes(name + "\0"));
            using var stream = File.OpenRead(path);
            total.AppendData(SHA256.HashData(stream));
        }
        return Convert.ToHexStringLower(total.GetHashAndReset());
    }
}
