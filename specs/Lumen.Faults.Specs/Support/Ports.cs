using System.Globalization;
using Lumen.Specs.Support;

namespace Lumen.Faults.Specs.Support;

/// <summary>
/// Ports for the hubs this suite starts: from <c>LUMEN_FAULTS_PORTS</c> (<c>first-last</c>,
/// default 18500-18699), below the kernel's ephemeral range so a restarted hub gets its port
/// back, each checked free before use.
/// </summary>
public static class Ports
{
    private const string DefaultRange = "18500-18699";

    public static int Free()
    {
        var (first, last) = Range();
        return FreePort.Between(first, last);
    }

    private static (int First, int Last) Range()
    {
        var text = Environment.GetEnvironmentVariable("LUMEN_FAULTS_PORTS") is { Length: > 0 } set ? set : DefaultRange;
        var parts = text.Split('-');
        if (parts.Length == 2
            && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var first)
            && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var last)
            && first is > 1024 and < 65536 && last >= first && last < 65536)
            return (first, last);
        throw new InvalidOperationException($"LUMEN_FAULTS_PORTS '{text}' must be first-last, e.g. {DefaultRange}");
    }
}
