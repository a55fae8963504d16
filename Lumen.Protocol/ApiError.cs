namespace Lumen.Protocol;

/// <summary>The body of every 4xx/5xx under <c>/api/</c>: one message naming what was wrong.</summary>
public sealed record ApiError(string Error);
