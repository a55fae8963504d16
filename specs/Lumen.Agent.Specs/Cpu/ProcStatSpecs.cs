using Lumen.Agent.Collectors.Cpu;
using Lumen.Agent.Specs.Support;

namespace Lumen.Agent.Specs.Cpu;

public sealed class ProcStatSpecs
{
    [Fact]
    public void Parse_should_read_the_aggregate_and_every_core_of_this_machine()
    {
        var reading = ProcStat.Parse(Fixture.Read("this-machine", "proc/stat"));

        Assert.Equal(new CpuTimes(308634, 0, 112520, 350809, 3715, 0, 30335, 1905), reading.Total);
        Assert.Equal([0, 1], reading.Cores.Keys);
    }

    [Fact]
    public void Parse_should_read_64_cores_in_core_order()
    {
        var reading = ProcStat.Parse(Fixture.Read("cpu-64-core", "proc/stat"));

        Assert.Equal(Enumerable.Range(0, 64), reading.Cores.Keys);
        Assert.Equal(100063UL, reading.Cores[63].User);
    }

    [Fact]
    public void Parse_should_treat_missing_columns_of_old_kernels_as_zero()
    {
        var reading = ProcStat.Parse("cpu  100 0 50 1000 5 0 1\ncpu0 100 0 50 1000 5 0 1\n");

        Assert.Equal(0UL, reading.Total.Steal);
        Assert.Equal(1156UL, reading.Total.Total);
    }

    [Fact]
    public void Parse_should_refuse_a_file_without_the_aggregate_line()
    {
        Assert.Throws<FormatException>(() => ProcStat.Parse("intr 1 2 3\n"));
    }

    [Fact]
    public void Read_should_give_null_when_the_file_is_missing()
    {
        Assert.Null(ProcStat.Read(Fixture.Proc("nas")));
    }
}
