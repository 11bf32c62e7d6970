using System.IO.Compression;

namespace Serverless.Cli.Publishing;

/// <summary>
/// Lays out and zips the app as Azure expects it: host.json at the root, one folder per function with its
/// function.json, and the self-contained handler where host.json's defaultExecutablePath says. Unix permissions
/// are kept in the zip so the handler stays executable on Linux.
/// </summary>
internal static class FunctionAppPackage
{
    public static IReadOnlyList<string> Stage(string appRoot, string handlerPublishDirectory, string stagingDirectory, string handlerFolder)
    {
        if (Directory.Exists(stagingDirectory))
        {
            Directory.Delete(stagingDirectory, recursive: true);
        }
        Directory.CreateDirectory(stagingDirectory);
        File.Copy(Path.Combine(appRoot, "host.json"), Path.Combine(stagingDirectory, "host.json"));
        var functions = new List<string>();
        foreach (var definition in Directory.GetFiles(Path.Combine(appRoot, "functions"), "function.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(Path.GetDirectoryName(definition)!);
            if (Path.GetDirectoryName(Path.GetDirectoryName(definition)) != Path.Combine(appRoot, "functions"))
            {
                continue; // only functions/<Name>/function.json; never files inside the handler project
            }
            Directory.CreateDirectory(Path.Combine(stagingDirectory, name));
            File.Copy(definition, Path.Combine(stagingDirectory, name, "function.json"));
            functions.Add(name);
        }
        CopyDirectory(handlerPublishDirectory, Path.Combine(stagingDirectory, handlerFolder));
        return functions;
    }

    public static void Zip(string stagingDirectory, string zipPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(zipPath))!);
        if (File.Exists(zipPath))
        {
            File.Delete(zipPath);
        }
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        foreach (var file in Directory.GetFiles(stagingDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var entryName = Path.GetRelativePath(stagingDirectory, file).Replace('\\', '/');
            var entry = zip.CreateEntryFromFile(file, entryName, CompressionLevel.Optimal);
            var mode = OperatingSystem.IsWindows() ? (UnixFileMode)0b110_100_100 : File.GetUnixFileMode(file);
            entry.ExternalAttributes = ((int)mode | 0x8000) << 16; // regular file + permission bits, as zip tools on Unix write them
        }
    }

    private static void CopyDirectory(string source, string destination)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(file));
            }
        }
    }
}
