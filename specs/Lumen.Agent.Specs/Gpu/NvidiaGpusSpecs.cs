using System.Diagnostics;
using System.Runtime.Versioning;
using Lumen.Agent.Collectors;
using Lumen.Agent.Collectors.Gpu;
using Lumen.Agent.Specs.Support;
using Lumen.Specs.Support;

namespace Lumen.Agent.Specs.Gpu;

/// <summary>nvidia-smi run for real: a shell script in a temporary folder stands in for it.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class NvidiaGpusSpecs : IDisposable
{
    private readonly FakeNvidiaSmi _smi = new();

    public void Dispose() => _smi.Dispose();

    private NvidiaGpus Gpus(TimeSpan? timeout = null) => new(_smi.Options(timeout: timeout));

    [Fact]
    public async Task Gpus_should_be_read_from_nvidia_smi_on_the_search_path_with_the_documented_query()
    {
        using var gpus = Gpus();
        _smi.Printing("two-gpus.csv");

        var (read, notice) = await gpus.ReadAsync(0, default);

        Assert.Equal([(0, "NVIDIA GeForce RTX 3060"), (1, "Tesla P4")], read.Select(g => (g.Index, g.Name)));
        Assert.Null(notice);
        Assert.Equal(["--query-gpu=index,name,utilization.gpu,memory.used,memory.total,temperature.gpu --format=csv,noheader,nounits"], _smi.Invocations);
    }

    [Fact]
    public async Task Failing_nvidia_smi_should_give_no_gpus_and_one_notice_and_run_again_only_after_the_retry()
    {
        using var gpus = Gpus();
        _smi.Script("echo 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.'; exit 9");

        var (first, notice) = await gpus.ReadAsync(0, default);
        var (_, nextTick) = await gpus.ReadAsync(5, default);
        var runsWithinRetry = _smi.Invocations.Count;
        var (_, afterRetry) = await gpus.ReadAsync(120, default);
        _smi.Printing("two-gpus.csv");
        var (recovered, recoveredNotice) = await gpus.ReadAsync(240, default);

        Assert.Empty(first);
        Assert.Contains("nvidia-smi exited with code 9", notice);
        Assert.Null(nextTick);
        Assert.Equal(1, runsWithinRetry);
        Assert.Null(afterRetry);
        Assert.Equal(2, recovered.Count);
        Assert.Equal("nvidia-smi answers again; NVIDIA GPUs are reported", recoveredNotice);
        Assert.Equal(3, _smi.Invocations.Count);
    }

    [Fact]
    public async Task Hanging_nvidia_smi_should_be_killed_with_its_children_at_the_timeout()
    {
        using var gpus = Gpus(TimeSpan.FromSeconds(1));
        var child = _smi.FileNamed("child.pid");
        _smi.Script($"sleep 60 & echo $! > '{child}'; wait");

        var clock = Stopwatch.StartNew();
        var (read, notice) = await gpus.ReadAsync(0, default);
        clock.Stop();

        Assert.Empty(read);
        Assert.Contains("did not answer within 1 s", notice);
        // The script alone would take a minute; what is left over is starting a shell on a busy machine.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        var pid = File.ReadAllText(child).Trim();
        await Eventually.TrueAsync(() => !IsRunning(pid), $"the script's child {pid} to be killed");
    }

    [Fact]
    public async Task Missing_nvidia_smi_should_be_silent_and_looked_for_again_only_after_the_retry()
    {
        using var gpus = Gpus();

        var (none, notice) = await gpus.ReadAsync(0, default);
        _smi.Printing("two-gpus.csv");
        var (stillNone, _) = await gpus.ReadAsync(5, default);
        var (found, foundNotice) = await gpus.ReadAsync(120, default);

        Assert.Empty(none);
        Assert.Null(notice);
        Assert.Empty(stillNone);
        Assert.Equal(2, found.Count);
        Assert.Null(foundNotice);
    }

    [Fact]
    public async Task Nvidia_smi_removed_after_it_was_found_should_give_a_notice_and_be_looked_for_again()
    {
        using var gpus = Gpus();
        _smi.Printing("two-gpus.csv");

        await gpus.ReadAsync(0, default);
        _smi.Remove();
        var (gone, notice) = await gpus.ReadAsync(5, default);
        _smi.Printing("two-gpus.csv");
        var (back, _) = await gpus.ReadAsync(125, default);

        Assert.Empty(gone);
        Assert.Contains("cannot start", notice);
        Assert.Equal(2, back.Count);
    }

    [Fact]
    public async Task Nvidia_smi_should_never_run_twice_at_once()
    {
        using var gpus = Gpus();
        _smi.Script($"sleep 1; cat '{Fixture.Root("nvidia-smi")}/two-gpus.csv'");

        var first = gpus.ReadAsync(0, default).AsTask();
        var second = await gpus.ReadAsync(0, default);
        var (read, _) = await first;

        Assert.Empty(second.Gpus);
        Assert.Equal(2, read.Count);
        Assert.Single(_smi.Invocations);
    }

    [Fact]
    public void Defaults_should_be_a_2_s_timeout_and_a_2_min_retry_on_the_agents_path()
    {
        var defaults = new CollectorOptions();

        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(2)), (defaults.NvidiaSmiTimeout, defaults.NvidiaSmiRetry));
        Assert.Equal(Environment.GetEnvironmentVariable("PATH"), defaults.ExecutableSearchPath);
    }

    /// <summary>Neither gone nor a zombie waiting for a parent that was killed too.</summary>
    private static bool IsRunning(string pid)
    {
        try
        {
            var stat = KernelFile.ReadOrNull($"/proc/{pid}/stat");
            return stat is not null && stat[stat.LastIndexOf(')') + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
