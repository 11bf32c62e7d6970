namespace Serverless.Cli;

/// <summary>Finds the app root (the folder with host.json) from the working directory upwards.</summary>
internal static class AppRootLocator
{
    public static string Find(string? explicitRoot)
    {
        if (!string.IsNullOrWhiteSpace(explicitRoot))
        {
            var full = Path.GetFullPath(explicitRoot);
            return File.Exists(Path.Combine(full, "host.json"))
                ? full
                : throw new CliException($"--app-root {full} has no host.json.");
        }
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "host.json")))
            {
                return dir.FullName;
            }
        }
        throw new CliException($"No host.json in {Directory.GetCurrentDirectory()} or above; run from the repository or pass --app-root.");
    }
}

/// <summary>A user error: printed as one line, exit code 1.</summary>
internal sealed class CliException(string message) : Exception(message);
