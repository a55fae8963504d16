using System.Globalization;
using Lumen.Hub.Hosts;
using Lumen.Hub.Specs.Support;

namespace Lumen.Hub.Specs.History.Export;

/// <summary>A real hub with one host <c>nas</c> and a signed-in browser, and the times the export specs are dated by.</summary>
public static class ExportHub
{
    /// <summary>Two hours ago on a whole hour: inside the default 24 h raw window, so the hub's first sweep keeps the rows.</summary>
    public static readonly DateTimeOffset Hour = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 3600 * 3600 - 7200);

    public static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>How the export's file name writes a time.</summary>
    public static string Stamp(DateTimeOffset t) => t.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public static async Task<(HubFactory Hub, HttpClient Browser, HostId Nas)> HubWithNasAsync()
    {
        var hub = new HubFactory();
        var nas = (await hub.AddHostAsync("nas")).Host.Id;
        return (hub, await hub.SignedInClientAsync(), nas);
    }

    /// <summary>Gives the host a name the hub's own checks would refuse, as a database filled another way might hold.</summary>
    public static void RenameHost(HubFactory hub, HostId host, string name)
    {
        using var connection = hub.Database.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE hosts SET name = $name WHERE id = $id;";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$id", host.Value);
        Assert.Equal(1, command.ExecuteNonQuery());
    }
}
