namespace Serverless.Testing;

/// <summary>The repository checkout the tests run from (the folder holding Serverless.sln).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Serverless.sln not found above the test output folder.");
    }
}
