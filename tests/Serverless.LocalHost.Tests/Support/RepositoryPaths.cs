using Serverless.LocalHost.FunctionsHost.Handler;

namespace Serverless.LocalHost.Tests.Support;

/// <summary>Where the repository, the test app and the built handlers are.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string TestApp => Path.Combine(Root, "tests", "Serverless.TestHandler", "app");

    public static string Configuration => HandlerCommand.BuildConfigurationOf(typeof(RepositoryPaths).Assembly);

    public static HandlerCommand TestHandler => HandlerCommand.ForPath(
        Path.Combine(Root, "tests", "Serverless.TestHandler", "bin", Configuration, "net10.0", "Serverless.TestHandler.dll"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Serverless.sln not found above the test output folder.");
    }
}
