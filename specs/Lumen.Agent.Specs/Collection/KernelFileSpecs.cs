using Lumen.Agent.Collectors;
using Lumen.Agent.Specs.Support;

namespace Lumen.Agent.Specs.Collection;

public sealed class KernelFileSpecs
{
    [Fact]
    public void Read_should_give_null_when_the_file_vanished()
    {
        Assert.Null(KernelFile.ReadOrNull(Path.Combine(Fixture.Proc("this-machine"), "no-such-file")));
        Assert.Null(KernelFile.ReadOrNull(Path.Combine(Fixture.Root("this-machine"), "no", "such", "folder", "file")));
    }

    [Fact]
    public void Entries_should_be_empty_when_the_folder_vanished()
    {
        Assert.Empty(KernelFile.EntriesOrEmpty(Path.Combine(Fixture.Sys("this-machine"), "class", "hwmon")));
    }

    [Fact]
    public void Under_should_keep_absolute_kernel_paths_inside_the_root()
    {
        Assert.Equal("/host/proc/net/dev", KernelFile.Under("/host/proc", "/net/dev"));
    }
}
