namespace Lumen.Hub.Ingest;

/// <summary>The batcher's sizes: rows per transaction, longest wait, queue in front, shutdown budget.</summary>
public sealed record BatcherOptions(int FlushSize, TimeSpan FlushEvery, int QueueCapacity, TimeSpan OfferWait, TimeSpan DrainTimeout);
