using System.Reflection;
using Serverless.LocalHost.FunctionsHost.Configuration;

namespace Serverless.LocalHost.FunctionsHost.Handler;

/// <summary>How to launch the custom handler: a program, its arguments and its working directory.</summary>
public sealed record HandlerCommand(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory)
{
    public const string HandlerProjectName = "Serverless.Functions";

    /// <summary>A built .dll runs under <c>dotnet</c>; anything else runs as an executable.</summary>
    public static HandlerCommand ForPath(string path, IReadOnlyList<string>? arguments = null, string? workingDirectory = null)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"The custom handler was not found at {full}.", full);
        }
        var dir = workingDirectory ?? Path.GetDirectoryName(full)!;
        return full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new HandlerCommand("dotnet", [full, .. arguments ?? []], dir)
            : new HandlerCommand(full, arguments ?? [], dir);
    }

    /// <summary>
    /// The handler for an app root: host.json's <c>defaultExecutablePath</c> when it exists (the published layout),
    /// otherwise the handler project's build output of the given configuration (the repository layout).
    /// </summary>
    public static HandlerCommand Resolve(string appRoot, HostConfiguration host, string buildConfiguration)
    {
        var described = Path.Combine(appRoot, host.Handler.DefaultExecutablePath);
        var workingDirectory = string.IsNullOrEmpty(host.Handler.WorkingDirectory) ? appRoot : Path.Combine(appRoot, host.Handler.WorkingDirectory);
        if (File.Exists(described))
        {
            return ForPath(described, host.Handler.Arguments, workingDirectory);
        }
        var built = Path.Combine(appRoot, "functions", HandlerProjectName, "bin", buildConfiguration, "net10.0", $"{HandlerProjectName}.dll");
        if (File.Exists(built))
        {
            return ForPath(built, host.Handler.Arguments, workingDirectory);
        }
        throw new FileNotFoundException(
            $"No custom handler found: neither {described} (host.json customHandler.description.defaultExecutablePath) " +
            $"nor the {buildConfiguration} build at {built}. Build it with `dotnet build functions/{HandlerProjectName} -c {buildConfiguration}`.");
    }

    /// <summary>The build configuration an assembly was compiled in (Debug or Release).</summary>
    public static string BuildConfigurationOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
}
