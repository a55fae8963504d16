using System.Text;

namespace Lumen.Agent.Specs.Processes;

/// <summary>
/// A machine's /proc/[pid] files and /etc/passwd written by a spec into a temporary folder,
/// laid out as the kernel lays them out, so the process source reads them as it reads the real ones.
/// </summary>
public sealed class ProcTree : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "lumen-proc-tree-" + Guid.NewGuid().ToString("N"));

    public string Proc => Path.Combine(Root, "proc");

    public ProcTree()
    {
        Directory.CreateDirectory(Proc);
        // What a real /proc holds beside the pids: the source must pass over it.
        Directory.CreateDirectory(Path.Combine(Proc, "sys"));
        File.WriteAllText(Path.Combine(Proc, "stat"), "cpu  1 2 3 4\n");
        Directory.CreateDirectory(Path.Combine(Root, "etc"));
        File.WriteAllText(Path.Combine(Root, "etc", "passwd"), """
            root:x:0:0:root:/root:/bin/bash
            # a comment
            postgres:x:999:999:PostgreSQL administrator:/var/lib/postgresql:/bin/bash
            alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash

            """);
    }

    /// <summary>A process with its three files: stat as proc(5) lays it out, status's Name and Uid lines, cmdline's NUL-separated arguments.</summary>
    public void Process(int pid, string comm, int uid, ulong utime, ulong stime, ulong start, long rssPages, params string[] arguments)
    {
        Stat(pid, comm, utime, stime, start, rssPages);
        File.WriteAllText(Path.Combine(Proc, pid.ToString(), "status"),
            $"Name:\t{comm}\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t{pid}\nPid:\t{pid}\nPPid:\t1\nUid:\t{uid}\t{uid + 5}\t{uid}\t{uid}\nGid:\t{uid}\t{uid}\t{uid}\t{uid}\nVmRSS:\t{rssPages * 4} kB\n");
        File.WriteAllBytes(Path.Combine(Proc, pid.ToString(), "cmdline"), Encoding.UTF8.GetBytes(arguments.Length == 0 ? "" : string.Join('\0', arguments) + "\0"));
    }

    /// <summary>Only the stat file: a process that exits before its status is read looks like this.</summary>
    public void Stat(int pid, string comm, ulong utime, ulong stime, ulong start, long rssPages)
    {
        Directory.CreateDirectory(Path.Combine(Proc, pid.ToString()));
        File.WriteAllText(Path.Combine(Proc, pid.ToString(), "stat"), StatLine(pid, comm, utime, stime, start, rssPages));
    }

    public void Raw(int pid, string file, string text)
    {
        Directory.CreateDirectory(Path.Combine(Proc, pid.ToString()));
        File.WriteAllText(Path.Combine(Proc, pid.ToString(), file), text);
    }

    public void Remove(int pid) => Directory.Delete(Path.Combine(Proc, pid.ToString()), recursive: true);

    /// <summary>A stat line with every field of a 6.x kernel (52), the ones the source reads where proc(5) puts them.</summary>
    public static string StatLine(int pid, string comm, ulong utime, ulong stime, ulong start, long rssPages) =>
        $"{pid} ({comm}) S 1 {pid} {pid} 0 -1 4194560 2000 0 0 0 {utime} {stime} 0 0 20 0 1 0 {start} 1725000000 {rssPages} 18446744073709551615 1 1 0 0 0 0 0 4096 1260 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
