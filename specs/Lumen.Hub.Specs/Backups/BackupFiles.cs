using System.IO.Compression;
using System.Security.Cryptography;
using Lumen.Hub.Backups.Archive;

namespace Lumen.Hub.Specs.Backups;

/// <summary>Backup files made by the specs: ours (at a cheap key cost, so specs stay quick) and the Go hub's version 1, built byte by byte from go-lumen-compat.md §6.</summary>
public static class BackupFiles
{
    /// <summary>The smallest cost the format accepts: the specs test the format, not Argon2's strength.</summary>
    public static readonly BackupKeyCost Cheap = new(Iterations: 1, MemoryKib: 8 * 1024, Parallelism: 1);

    public const int SmallSegment = ArchiveHeader.MinSegmentBytes;

    public static byte[] Version2(byte[] content, string passphrase, int segmentBytes = SmallSegment)
    {
        using var file = new MemoryStream();
        BackupArchive.Write(new MemoryStream(content), file, passphrase, Cheap, segmentBytes);
        return file.ToArray();
    }

    /// <summary>What the Go hub writes: magic, 0x01, salt 16, nonce 12, AES-256-GCM (Argon2id t=3 m=64 MiB p=4) of the gzipped database, tag last.</summary>
    public static byte[] GoVersion1(byte[] database, string passphrase)
    {
        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(database);
        var plain = gzipped.ToArray();
        var salt = RandomNumberGenerator.GetBytes(16);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var sealedBytes = new byte[plain.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(BackupKey.Derive(passphrase, salt, BackupKeyCost.Default), 16))
            aes.Encrypt(nonce, plain, sealedBytes, tag);
        return [.. "LUMEN_BAK\0"u8.ToArray(), 0x01, .. salt, .. nonce, .. sealedBytes, .. tag];
    }

    public static byte[] Read(byte[] file, string passphrase)
    {
        using var output = new MemoryStream();
        BackupArchive.Read(new MemoryStream(file), output, passphrase);
        return output.ToArray();
    }

    /// <summary>Bytes that compress poorly, so they span many segments.</summary>
    public static byte[] Noise(int length)
    {
        var bytes = new byte[length];
        new Random(15).NextBytes(bytes);
        return bytes;
    }
}
