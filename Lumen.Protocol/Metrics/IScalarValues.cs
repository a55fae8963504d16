namespace Lumen.Protocol.Metrics;

/// <summary>
/// A DTO that carries one value per metric of <see cref="ScalarMetrics"/> (a frame, a live
/// snapshot, a history point). Its JSON gets one number field per metric from the catalogue
/// (see <see cref="Json.ScalarJsonProperties"/>), so the DTO never names a metric itself.
/// </summary>
public interface IScalarValues
{
    /// <summary>The values in catalogue order, <see cref="ScalarMetrics.Count"/> of them, for the JSON contract to read and fill.</summary>
    double[] ScalarStorage { get; }
}
