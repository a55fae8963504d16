using System.Net;
using Amazon.Runtime;
using Amazon.S3;

namespace Lumen.Hub.Backups.Targets;

/// <summary>What an S3 failure means for whoever set the target up, in their words.</summary>
internal static class S3Errors
{
    public static string Explain(Exception failure, S3TargetOptions options) => failure switch
    {
        AmazonS3Exception { ErrorCode: "InvalidAccessKeyId" } => $"the access key '{options.AccessKey}' is not known there (InvalidAccessKeyId)",
        AmazonS3Exception { ErrorCode: "SignatureDoesNotMatch" } => "the secret key does not match the access key (SignatureDoesNotMatch)",
        AmazonS3Exception { ErrorCode: "NoSuchBucket" } => $"there is no bucket '{options.Bucket}' (NoSuchBucket)",
        AmazonS3Exception { ErrorCode: "AccessDenied" } => "the key may not do this (AccessDenied): it needs to list, read, write and delete objects under the prefix",
        AmazonS3Exception { StatusCode: HttpStatusCode.NotFound } e => $"not found ({e.ErrorCode ?? "404"}): is the bucket '{options.Bucket}' there?",
        AmazonS3Exception e => $"{e.ErrorCode ?? ((int)e.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)}: {e.Message}",
        HttpRequestException e => $"the endpoint does not answer ({e.Message})",
        AmazonServiceException e when e.InnerException is HttpRequestException http => $"the endpoint does not answer ({http.Message})",
        _ => failure.Message,
    };
}
