namespace Serverless.Durable;

/// <summary>Marker for the orchestration SDK assembly.</summary>
public static class DurableSdk
{
    public const string Name = "Serverless.Durable";
}
