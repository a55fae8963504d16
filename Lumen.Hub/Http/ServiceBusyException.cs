namespace Lumen.Hub.Http;

/// <summary>
/// A part of the hub is at its capacity for a moment (the password hasher's queue, say): the
/// request is answered <c>503</c> with <c>Retry-After</c> and its message, never a 500.
/// </summary>
public abstract class ServiceBusyException(string message, int retryAfterSeconds) : Exception(message)
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
