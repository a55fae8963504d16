using Lumen.Hub.Accounts;

namespace Lumen.Hub.Specs.Accounts;

public sealed class PasswordHasherSpecs
{
    private readonly PasswordHasher _hasher = new();

    [Fact]
    public async Task PasswordHasher_should_verify_the_password_it_hashed_and_nothing_else()
    {
        var stored = await _hasher.HashAsync("correct horse battery");

        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", stored);
        Assert.True(await _hasher.VerifyAsync("correct horse battery", stored));
        Assert.False(await _hasher.VerifyAsync("correct horse batter", stored));
        Assert.False(await _hasher.VerifyAsync("Correct horse battery", stored));
    }

    [Fact]
    public async Task PasswordHasher_should_salt_each_hash()
    {
        Assert.NotEqual(await _hasher.HashAsync("same password"), await _hasher.HashAsync("same password"));
    }

    [Fact]
    public async Task PasswordHasher_should_answer_false_for_a_missing_or_unreadable_hash()
    {
        Assert.False(await _hasher.VerifyAsync("anything at all", null));
        Assert.False(await _hasher.VerifyAsync("anything at all", "plaintext-password"));
    }

    [Fact]
    public async Task PasswordHasher_should_verify_an_older_hash_with_the_parameters_stored_in_it()
    {
        var cheap = new PasswordHasher(new Argon2Parameters(MemoryKib: 1024, Iterations: 1, Parallelism: 1));
        var stored = await cheap.HashAsync("an older password");

        Assert.True(await _hasher.VerifyAsync("an older password", stored));
    }

    [Theory]
    [InlineData("$argon2id$v=19$m=4194304,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g")]
    [InlineData("$argon2id$v=19$m=19456,t=99,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g")]
    [InlineData("$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1,x=3$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g")]
    public void PasswordHash_should_refuse_a_stored_hash_asking_for_unreasonable_cost_or_another_algorithm(string stored)
    {
        Assert.Null(PasswordHash.TryParse(stored));
    }

    [Fact]
    public async Task PasswordHasher_should_run_at_most_its_cap_of_hashes_at_once()
    {
        // Eight sign-ins at once all complete: the extra ones queue instead of each taking 19 MiB.
        var hashes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => _hasher.HashAsync($"password number {i}")));
        Assert.Equal(8, hashes.Distinct().Count());
        Assert.Equal(2, PasswordHasher.MaxConcurrentHashes);
    }
}
