namespace Lumen.Hub.Storage;

/// <summary>
/// Migration 15 (disk, NIC and filesystem history): per host, bucket of
/// <c>downsample_bucket_size</c> and device (a disk or an interface by its kernel name, a
/// filesystem by its mount point, with the device it last reported), the sample count and each
/// value's sum, lowest and highest sample, written by the snapshot writer in the batch's own
/// transaction and kept for <c>downsample_archive_window</c>, as the container and GPU tables of
/// migration 14 are. Bytes are INTEGER: whole sums are stored in fewer bytes.
/// </summary>
internal static class DeviceBucketTables
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS disk_buckets (
            host_id       INTEGER NOT NULL,
            bucket_ts     INTEGER NOT NULL,
            name          TEXT    NOT NULL,
            samples       INTEGER NOT NULL,
            read_bps      REAL    NOT NULL,
            read_bps_min  REAL    NOT NULL,
            read_bps_max  REAL    NOT NULL,
            write_bps     REAL    NOT NULL,
            write_bps_min REAL    NOT NULL,
            write_bps_max REAL    NOT NULL,
            PRIMARY KEY (host_id, bucket_ts, name)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS nic_buckets (
            host_id    INTEGER NOT NULL,
            bucket_ts  INTEGER NOT NULL,
            name       TEXT    NOT NULL,
            samples    INTEGER NOT NULL,
            rx_bps     REAL    NOT NULL,
            rx_bps_min REAL    NOT NULL,
            rx_bps_max REAL    NOT NULL,
            tx_bps     REAL    NOT NULL,
            tx_bps_min REAL    NOT NULL,
            tx_bps_max REAL    NOT NULL,
            PRIMARY KEY (host_id, bucket_ts, name)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS filesystem_buckets (
            host_id         INTEGER NOT NULL,
            bucket_ts       INTEGER NOT NULL,
            mount           TEXT    NOT NULL,
            device          TEXT    NOT NULL,
            samples         INTEGER NOT NULL,
            used_bytes      INTEGER NOT NULL,
            used_bytes_min  INTEGER NOT NULL,
            used_bytes_max  INTEGER NOT NULL,
            total_bytes     INTEGER NOT NULL,
            total_bytes_min INTEGER NOT NULL,
            total_bytes_max INTEGER NOT NULL,
            used_pct        REAL    NOT NULL,
            used_pct_min    REAL    NOT NULL,
            used_pct_max    REAL    NOT NULL,
            PRIMARY KEY (host_id, bucket_ts, mount)
        ) WITHOUT ROWID;
        """;
}
