using System.Diagnostics;

namespace Serverless.LocalHost.Azurite;

/// <summary>
/// The pinned Azurite npm package in <c>infra/azurite</c> (package.json + package-lock.json).
/// Installs it with <c>npm ci</c> when node_modules is missing, so a fresh clone needs only Node.
/// </summary>
public sealed class AzuriteInstallation(string packageDirectory)
{
    public const string DirectoryOverrideVariable = "SERVERLESS_AZURITE_DIR";

    public string PackageDirectory { get; } = packageDirectory;

    public string EntryPoint => Path.Combine(PackageDirectory, "node_modules", "azurite", "dist", "src", "azurite.js");

    /// <summary>The entry point of one service alone (<c>blob</c>, <c>queue</c> or <c>table</c>): azurite-blob and so on.</summary>
    public string ServiceEntryPoint(string service) => Path.Combine(PackageDirectory, "node_modules", "azurite", "dist", "src", service, "main.js");

    public bool IsInstalled => File.Exists(EntryPoint);

    /// <summary>Finds infra/azurite by walking up from the given folders (the working directory, then the app's own).</summary>
    public static AzuriteInstallation Locate(params string[] startDirectories)
    {
        var overridden = Environment.GetEnvironmentVariable(DirectoryOverrideVariable);
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            return new AzuriteInstallation(Path.GetFullPath(overridden));
        }
        foreach (var start in startDirectories.Append(Directory.GetCurrentDirectory()).Append(AppContext.BaseDirectory))
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "infra", "azurite");
                if (File.Exists(Path.Combine(candidate, "package.json")))
                {
                    return new AzuriteInstallation(candidate);
                }
            }
        }
        throw new DirectoryNotFoundException(
            $"Could not find infra/azurite/package.json above {Directory.GetCurrentDirectory()}; run from the repository or set {DirectoryOverrideVariable}.");
    }

    public async Task EnsureInstalledAsync(Action<string> progress, CancellationToken cancellationToken)
    {
        if (IsInstalled)
        {
            return;
        }
        // Several test assemblies may start at once: one installs, the others wait for it.
        using var installLock = await FileLock.AcquireAsync(Path.Combine(PackageDirectory, ".install.lock"), cancellationToken);
        if (IsInstalled)
        {
            return;
        }
        progress($"Installing Azurite (npm ci in {PackageDirectory}) ...");
        var npm = new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error")
        {
            WorkingDirectory = PackageDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(npm) ?? throw new InvalidOperationException("Could not start npm; install Node.js 20 or newer.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 || !IsInstalled)
        {
            throw new InvalidOperationException($"npm ci failed in {PackageDirectory} (exit {process.ExitCode}): {await stderr}{await stdout}");
        }
        progress("Azurite installed.");
    }
}
