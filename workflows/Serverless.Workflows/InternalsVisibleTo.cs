using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Serverless.Workflows.Tests")]
