namespace Serverless.LocalHost;

internal static class Placeholder;
