using System.Security.Cryptography;

namespace Lumen.Hub.Backups.Archive;

/// <summary>
/// Version 1, the Go hub's file: after the version byte a 16-byte salt, a 12-byte nonce, and one
/// AES-256-GCM ciphertext of the whole gzipped database with its tag at the end, no associated
/// data. Sealed in one piece, so it is opened in one piece, in memory.
/// </summary>
public static class GoArchive
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    /// <summary>The largest version 1 file read (AES-GCM opens it in one buffer); the Go hub itself downloads at most 512 MiB.</summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>The gzipped database, from <paramref name="file"/> positioned after the version byte.</summary>
    public static byte[] Open(Stream file, string passphrase)
    {
        var salt = new byte[BackupKey.SaltBytes];
        var nonce = new byte[NonceBytes];
        if (file.ReadAtLeast(salt, salt.Length, false) < salt.Length || file.ReadAtLeast(nonce, nonce.Length, false) < nonce.Length)
            throw new BackupFormatException("this backup is cut short inside its header");

        using var rest = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = file.Read(chunk)) > 0)
        {
            if (rest.Length + read > MaxBytes) throw new BackupFormatException($"this Go hub backup is larger than {MaxBytes >> 20} MiB, more than the Go hub itself reads back");
            rest.Write(chunk, 0, read);
        }
        if (rest.Length < TagBytes) throw new BackupFormatException("this backup is cut short: no ciphertext after its header");

        var sealedBytes = rest.GetBuffer().AsSpan(0, (int)rest.Length);
        var plain = new byte[sealedBytes.Length - TagBytes];
        using var aes = new AesGcm(BackupKey.Derive(passphrase, salt, BackupKeyCost.Default), TagBytes);
        try
        {
            aes.Decrypt(nonce, sealedBytes[..^TagBytes], sealedBytes[^TagBytes..], plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            // One tag covers the whole file, so these cannot be told apart.
            throw new BackupFormatException("this Go hub backup does not open: a wrong passphrase, or the file was cut short or changed");
        }
        return plain;
    }
}
