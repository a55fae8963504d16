using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace Lumen.Hub.Backups.Targets;

/// <summary>The SDK's client settings for <see cref="S3TargetOptions"/>.</summary>
internal static class S3Config
{
    public static AmazonS3Config For(S3TargetOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            // Checksums only where S3 requires them: the SDK 4 default adds trailing CRC
            // checksums in aws-chunked bodies, which S3-compatible servers (R2, MinIO versions,
            // Garage, s3rver) do not all read. The backup file carries its own GCM tag anyway.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            // Bounded, so a dead endpoint is an error within a minute, not a hung backup.
            MaxErrorRetry = 2,
            Timeout = TimeSpan.FromMinutes(5),
        };
        if (options.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        return config;
    }
}
