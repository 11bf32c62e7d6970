namespace Serverless.Testing;

internal static class Placeholder;
