namespace Serverless.Durable.Orchestration;

/// <summary>Why a task, sub-orchestration or orchestration failed: exception type, message, stack and cause.</summary>
public sealed record TaskFailureDetails(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace = null,
    TaskFailureDetails? InnerFailureDetails = null,
    bool IsNonRetriable = false)
{
    /// <summary>True when the failure was an exception of type <typeparamref name="T"/> or a subclass of it.</summary>
    public bool IsCausedBy<T>() where T : Exception => IsCausedBy(typeof(T));

    public bool IsCausedBy(Type exceptionType)
    {
        if (string.Equals(ErrorType, exceptionType.FullName, StringComparison.Ordinal))
        {
            return true;
        }

        var failedType = ResolveType(ErrorType);
        return failedType is not null && exceptionType.IsAssignableFrom(failedType);
    }

    public static TaskFailureDetails FromException(Exception exception)
    {
        var inner = exception.InnerException is { } innerException
            ? FromException(innerException)
            : (exception as TaskFailedException)?.FailureDetails;
        return new TaskFailureDetails(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            inner);
    }

    internal static TaskFailureDetails? FromProto(Protocol.TaskFailureDetails? proto) => proto is null
        ? null
        : new TaskFailureDetails(
            proto.ErrorType,
            proto.ErrorMessage,
            proto.StackTrace,
            FromProto(proto.InnerFailure),
            proto.IsNonRetriable);

    internal Protocol.TaskFailureDetails ToProto()
    {
        var proto = new Protocol.TaskFailureDetails
        {
            ErrorType = ErrorType,
            ErrorMessage = ErrorMessage,
            StackTrace = StackTrace,
            IsNonRetriable = IsNonRetriable,
        };
        if (InnerFailureDetails is not null)
        {
            proto.InnerFailure = InnerFailureDetails.ToProto();
        }

        return proto;
    }

    private static Type? ResolveType(string typeName)
    {
        var type = Type.GetType(typeName, throwOnError: false);
        if (type is not null)
        {
            return type;
        }

        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            type = assembly.GetType(typeName, throwOnError: false);
            if (type is not null)
            {
                return type;
            }
        }

        return null;
    }
}
