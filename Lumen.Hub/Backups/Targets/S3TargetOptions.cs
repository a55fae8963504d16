namespace Lumen.Hub.Backups.Targets;

/// <summary>
/// Where an <see cref="S3BackupTarget"/> keeps backups: the Go hub's <c>backup.s3_*</c> settings.
/// <paramref name="Endpoint"/> null means AWS itself; <paramref name="Region"/> may be
/// <c>auto</c> (R2) with an endpoint; objects are <c>Prefix + name</c>, as in the Go hub (so
/// <c>lumen/</c>, its default, is a folder); <paramref name="ForcePathStyle"/> for servers
/// without bucket subdomains (MinIO, Garage, a local one).
/// </summary>
public sealed record S3TargetOptions(
    string? Endpoint,
    string Region,
    string Bucket,
    string Prefix,
    string AccessKey,
    string SecretKey,
    bool ForcePathStyle)
{
    /// <summary>What one upload holds in memory at a time; S3 allows 10,000 parts, so 16 MiB reaches 160 GiB.</summary>
    public int PartSizeBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>The secret never appears in a log line or an exception.</summary>
    public override string ToString() =>
        $"S3TargetOptions {{ Endpoint = {Endpoint ?? "aws"}, Region = {Region}, Bucket = {Bucket}, Prefix = {Prefix}, AccessKey = {AccessKey}, ForcePathStyle = {ForcePathStyle} }}";

    /// <returns>null when the options can make a target, otherwise what is missing or wrong.</returns>
    public string? Check()
    {
        if (string.IsNullOrWhiteSpace(Bucket)) return "the S3 bucket is required";
        if (string.IsNullOrWhiteSpace(Region)) return "the S3 region is required (auto for R2)";
        if (Region == "auto" && Endpoint is null) return "region auto needs an endpoint (R2's, for instance); for AWS give the bucket's region";
        if (Endpoint is not null && !(Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            return $"the S3 endpoint '{Endpoint}' must be an http:// or https:// address";
        if (string.IsNullOrEmpty(AccessKey) || string.IsNullOrEmpty(SecretKey)) return "the S3 access key and secret key are required";
        if (Prefix.StartsWith('/')) return $"the S3 prefix '{Prefix}' must not start with '/'";
        if (PartSizeBytes < S3BackupTarget.MinPartSizeBytes) return $"parts must be at least {S3BackupTarget.MinPartSizeBytes} bytes, S3's smallest";
        return null;
    }
}
