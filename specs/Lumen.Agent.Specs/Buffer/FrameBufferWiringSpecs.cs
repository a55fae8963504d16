using Akka.Actor;
using Akka.Hosting;
using Lumen.Agent.Buffer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Lumen.Agent.Buffer.FrameBufferCommands;
using static Lumen.Agent.Buffer.FrameBufferQueries;

namespace Lumen.Agent.Specs.Buffer;

public sealed class FrameBufferWiringSpecs : IDisposable
{
    private readonly BufferFolder _folder = new();

    [Fact]
    public async Task AddFrameBuffer_should_register_a_buffer_that_journals_to_its_file()
    {
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("wiring-spec", akka => akka.AddFrameBuffer(_folder.Options())))
            .Build();
        await host.StartAsync();
        var buffer = await host.Services.GetRequiredService<ActorRegistry>().GetAsync<FrameBufferSupervisor>();

        buffer.Tell(new BufferFrame(BufferFrames.At(DateTimeOffset.UtcNow)));
        var status = await buffer.Ask<BufferStatus>(GetBufferStatus.Instance, TimeSpan.FromSeconds(10));
        await host.StopAsync();

        Assert.Equal(1, status.Count);
        Assert.Equal(1, _folder.Sql("SELECT count(*) FROM journal WHERE manifest = 'frame-buffered.v1'"));
    }

    [Fact]
    public async Task AddFrameBuffer_should_configure_the_journal_only_when_the_first_frame_is_buffered()
    {
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("lazy-wiring-spec", akka => akka.AddFrameBuffer(_folder.Options())))
            .Build();
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var buffer = await host.Services.GetRequiredService<ActorRegistry>().GetAsync<FrameBufferSupervisor>();

        var idle = await buffer.Ask<BufferStatus>(GetBufferStatus.Instance, TimeSpan.FromSeconds(10));
        var configuredWhenIdle = system.Settings.Config.HasPath(FrameBufferConfig.JournalPluginId);
        var fileWhenIdle = File.Exists(_folder.Options().Path);
        buffer.Tell(new BufferFrame(BufferFrames.At(DateTimeOffset.UtcNow)));
        var busy = await buffer.Ask<BufferStatus>(GetBufferStatus.Instance, TimeSpan.FromSeconds(10));
        var configuredWhenBusy = system.Settings.Config.HasPath(FrameBufferConfig.JournalPluginId);
        await host.StopAsync();

        Assert.Equal((0, false, false), (idle.Count, configuredWhenIdle, fileWhenIdle));
        Assert.Equal((1, true), (busy.Count, configuredWhenBusy));
        Assert.True(File.Exists(_folder.Options().Path));
    }

    [Fact]
    public void FrameBufferConfig_should_give_the_first_slow_start_of_the_journal_minutes_not_Akkas_30_seconds()
    {
        var plugins = FrameBufferConfig.Plugins(_folder.Options());

        Assert.Equal(TimeSpan.FromMinutes(5), plugins.GetTimeSpan(FrameBufferConfig.JournalPluginId + ".recovery-event-timeout"));
        Assert.Equal(_folder.Options().Path, new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
            plugins.GetString(FrameBufferConfig.JournalPluginId + ".connection-string")).DataSource);
    }

    [Fact]
    public void AddFrameBuffer_should_refuse_options_it_cannot_use()
    {
        var akka = new AkkaConfigurationBuilder(new ServiceCollection(), "refusing");
        var options = _folder.Options() with { MaxAge = TimeSpan.Zero, Drain = 0 };

        var refused = Assert.Throws<ArgumentException>(() => akka.AddFrameBuffer(options));

        Assert.Contains("LUMEN_AGENT_BUFFER_MAX_AGE", refused.Message);
        Assert.Contains("LUMEN_AGENT_BUFFER_DRAIN", refused.Message);
    }

    public void Dispose() => _folder.Dispose();
}
