using System.Buffers;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Lumen.Hub.Backups.Targets;

/// <summary>
/// Backups in an S3-compatible bucket (AWS, R2, MinIO, Garage…), as the Go hub keeps them: each
/// under the key <c>prefix + name</c>. Uploads go in parts of <see cref="S3TargetOptions.PartSizeBytes"/>
/// read one at a time, so a backup of any size holds one part in memory, and a multipart upload
/// shows nothing under its key until it completes. Failures are <see cref="IOException"/>s that
/// say what is wrong (credentials, bucket, endpoint), the S3 error inside.
/// </summary>
/// <remarks>
/// No server-side encryption is asked for (the Go hub asks for AES256): the file is encrypted
/// before it leaves the hub, and MinIO without a KMS refuses the header.
/// </remarks>
public sealed class S3BackupTarget : IBackupTarget, IDisposable
{
    /// <summary>S3's smallest part but the last.</summary>
    public const int MinPartSizeBytes = 5 * 1024 * 1024;

    /// <summary>Probe object, a dot name: never listed, so retention never touches it.</summary>
    public const string ProbeName = ".lumen-write-probe";

    private readonly S3TargetOptions _options;
    private readonly AmazonS3Client _client;

    public S3BackupTarget(S3TargetOptions options)
    {
        if (options.Check() is { } problem) throw new ArgumentException(problem, nameof(options));
        _options = options;
        _client = new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), S3Config.For(options));
    }

    public string Describe => $"s3 bucket '{_options.Bucket}'{(_options.Prefix.Length > 0 ? $", prefix '{_options.Prefix}'" : "")}{(_options.Endpoint is { } e ? $" at {e}" : "")}";

    public async Task ProbeAsync(CancellationToken cancel)
    {
        // A put and a delete: a bucket that answers but refuses writes would fail every backup.
        await Guard("write a probe object to", () => _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _options.Bucket, Key = _options.Prefix + ProbeName, ContentBody = "", UseChunkEncoding = false,
        }, cancel));
        await Guard("delete the probe object from", () => _client.DeleteObjectAsync(_options.Bucket, _options.Prefix + ProbeName, cancel));
    }

    public async Task PutAsync(string name, Stream content, CancellationToken cancel)
    {
        var key = KeyOf(name);
        var buffer = ArrayPool<byte>.Shared.Rent(_options.PartSizeBytes);
        try
        {
            var first = await ReadPartAsync(content, buffer, cancel);
            if (first < _options.PartSizeBytes)
            {
                await Guard("upload to", () => _client.PutObjectAsync(new PutObjectRequest
                {
                    BucketName = _options.Bucket, Key = key, InputStream = new MemoryStream(buffer, 0, first, writable: false), UseChunkEncoding = false,
                }, cancel));
                return;
            }
            await MultipartAsync(key, content, buffer, first, cancel);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The parts one after another from one buffer; any failure aborts the upload so no parts are left billed.</summary>
    private async Task MultipartAsync(string key, Stream content, byte[] buffer, int filled, CancellationToken cancel)
    {
        var started = await Guard("start an upload to", () => _client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _options.Bucket, Key = key }, cancel));
        var parts = new List<PartETag>();
        try
        {
            for (var number = 1; filled > 0; number++)
            {
                var part = await Guard("upload a part to", () => _client.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = _options.Bucket, Key = key, UploadId = started.UploadId, PartNumber = number,
                    InputStream = new MemoryStream(buffer, 0, filled, writable: false), PartSize = filled, UseChunkEncoding = false,
                }, cancel));
                parts.Add(new PartETag(number, part.ETag));
                filled = await ReadPartAsync(content, buffer, cancel);
            }
            await Guard("complete the upload to", () => _client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = _options.Bucket, Key = key, UploadId = started.UploadId, PartETags = parts,
            }, cancel));
        }
        catch
        {
            // Not the caller's token: an upload cancelled half-way must still be aborted.
            try { await _client.AbortMultipartUploadAsync(_options.Bucket, key, started.UploadId, CancellationToken.None); }
            catch (Exception e) when (e is AmazonServiceException or HttpRequestException) { /* the original failure is what matters */ }
            throw;
        }
    }

    private async Task<int> ReadPartAsync(Stream content, byte[] buffer, CancellationToken cancel)
    {
        var filled = 0;
        while (filled < _options.PartSizeBytes)
        {
            var read = await content.ReadAsync(buffer.AsMemory(filled, _options.PartSizeBytes - filled), cancel);
            if (read == 0) break;
            filled += read;
        }
        return filled;
    }

    public async Task<IReadOnlyList<BackupEntry>> ListAsync(CancellationToken cancel)
    {
        var entries = new List<BackupEntry>();
        var request = new ListObjectsV2Request { BucketName = _options.Bucket, Prefix = _options.Prefix, Delimiter = "/" };
        ListObjectsV2Response page;
        do
        {
            page = await Guard("list", () => _client.ListObjectsV2Async(request, cancel));
            // With the delimiter, anything nested comes back as a common prefix, not an object.
            foreach (var item in page.S3Objects ?? [])
            {
                var name = item.Key[_options.Prefix.Length..];
                if (S3BackupNames.LooksLikeBackup(name))
                    entries.Add(new BackupEntry(name, item.Size ?? 0, AsUtc(item.LastModified ?? DateTime.UnixEpoch)));
            }
            request.ContinuationToken = page.NextContinuationToken;
        } while (page.IsTruncated == true);
        return entries.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<Stream> OpenReadAsync(string name, CancellationToken cancel)
    {
        var key = KeyOf(name);
        try
        {
            var response = await _client.GetObjectAsync(_options.Bucket, key, cancel);
            return new S3DownloadStream(response);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket")
        {
            throw new FileNotFoundException($"no backup '{name}' in {Describe}", name, e);
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException)
        {
            throw Explain("download from", e);
        }
    }

    public Task DeleteAsync(string name, CancellationToken cancel) =>
        Guard("delete from", () => _client.DeleteObjectAsync(_options.Bucket, KeyOf(name), cancel));

    /// <summary>The SDK's times are UTC or local depending on its version; S3's are UTC.</summary>
    private static DateTimeOffset AsUtc(DateTime time) =>
        new(time.Kind == DateTimeKind.Unspecified ? time : time.ToUniversalTime(), TimeSpan.Zero);

    private string KeyOf(string name) =>
        S3BackupNames.CheckPlainName(name) is { } problem ? throw new ArgumentException(problem, nameof(name)) : _options.Prefix + name;

    private async Task<T> Guard<T>(string action, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException)
        {
            throw Explain(action, e);
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            throw new IOException($"could not {action} {Describe}: no answer within {_client.Config.Timeout}", e);
        }
    }

    private IOException Explain(string action, Exception e) => new($"could not {action} {Describe}: {S3Errors.Explain(e, _options)}", e);

    public void Dispose() => _client.Dispose();
}
