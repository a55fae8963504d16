using System.Text;
using Lumen.Agent.Collectors.Processes;

namespace Lumen.Agent.Specs.Processes;

/// <summary>The parsers of /proc/[pid]/stat, status and cmdline and of /etc/passwd, on lines as the kernel writes them.</summary>
public sealed class PidFileParsersSpecs
{
    [Fact]
    public void Stat_parser_should_read_cpu_time_start_and_resident_pages_of_a_real_line()
    {
        // A real line of this machine's dotnet: 20 utime, 8 stime, start 3584733, 14210 pages.
        var line = "16121 (dotnet) S 16034 16034 4598 0 -1 4194560 33466 0 0 0 20 8 0 0 20 0 19 0 3584733 3305074688 14210 18446744073709551615 1 1 0 0 0 0 0 4096 1260 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"u8;

        Assert.True(PidStatParser.TryParse(line, out var stat));

        Assert.Equal(new PidStat(28, 3584733, 14210), stat);
    }

    [Theory]
    [InlineData("tmux: server")]
    [InlineData("(sd-pam)")]
    [InlineData("a) 1 2 3 (b")]
    public void Stat_parser_should_find_the_fields_after_a_command_with_spaces_and_parentheses(string comm)
    {
        var line = Encoding.UTF8.GetBytes(ProcTree.StatLine(77, comm, 300, 50, 1234, 99));

        Assert.True(PidStatParser.TryParse(line, out var stat));

        Assert.Equal(new PidStat(350, 1234, 99), stat);
    }

    [Theory]
    [InlineData("")]
    [InlineData("77 (cut short) S 1 2 3")]
    [InlineData("not a stat line at all")]
    public void Stat_parser_should_refuse_a_line_without_the_resident_pages(string text)
    {
        Assert.False(PidStatParser.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void Status_parser_should_read_the_name_and_the_real_uid_not_the_effective_one()
    {
        var status = "Name:\tsudo\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t1000\t0\t0\t0\nGid:\t1000\t1000\t1000\t1000\n"u8;

        Assert.Equal(("sudo", 1000), PidStatus.Parse(status));
    }

    [Fact]
    public void Cmdline_parser_should_join_the_arguments_with_spaces_and_give_a_kernel_thread_nothing()
    {
        Assert.Equal("/usr/bin/python3 -m http.server 8000", PidCmdline.Parse("/usr/bin/python3\0-m\0http.server\08000\0"u8));
        Assert.Equal("", PidCmdline.Parse(""u8));
    }

    [Fact]
    public void Passwd_parser_should_map_uids_to_names_skipping_comments_and_broken_lines()
    {
        var users = EtcPasswd.Parse("root:x:0:0:root:/root:/bin/bash\n# comment\nbroken\nalice:x:1000:1000::/home/alice:/bin/sh\nalias:x:1000:1000::/:/bin/sh\n");

        Assert.Equal(new Dictionary<int, string> { [0] = "root", [1000] = "alice" }, users);
    }

    [Fact]
    public void User_names_should_read_passwd_again_when_a_uid_is_missing_and_the_file_changed()
    {
        using var tree = new ProcTree();
        var names = new UserNames(tree.Root);
        Assert.Equal("1001", names.Of(1001));

        File.AppendAllText(Path.Combine(tree.Root, "etc", "passwd"), "bob:x:1001:1001::/home/bob:/bin/sh\n");
        File.SetLastWriteTimeUtc(Path.Combine(tree.Root, "etc", "passwd"), File.GetLastWriteTimeUtc(Path.Combine(tree.Root, "etc", "passwd")).AddSeconds(5));

        Assert.Equal(("bob", "alice"), (names.Of(1001), names.Of(1000)));
    }
}
