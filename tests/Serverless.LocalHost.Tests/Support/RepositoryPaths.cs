using Serverless.LocalHost.FunctionsHost.Handler;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Support;

/// <summary>Where the repository, the test app and the built handlers are.</summary>
internal static class RepositoryPaths
{
    public static string Root => RepositoryRoot.Path;

    public static string TestApp => Path.Combine(Root, "tests", "Serverless.TestHandler", "app");

    public static string Configuration => HandlerCommand.BuildConfigurationOf(typeof(RepositoryPaths).Assembly);

    public static HandlerCommand TestHandler => HandlerCommand.ForPath(
        Path.Combine(Root, "tests", "Serverless.TestHandler", "bin", Configuration, "net10.0", "Serverless.TestHandler.dll"));

}
