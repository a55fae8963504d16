namespace Lumen.Hub.Http;

/// <summary>
/// Whether a reverse proxy in front of the hub is believed about the address the browser used
/// (<c>X-Forwarded-Proto</c>, <c>X-Forwarded-Host</c>); off unless <c>LUMEN_HUB_TRUST_PROXY</c> says so.
/// </summary>
public sealed record ProxyTrust(bool TrustForwardedHeaders);
