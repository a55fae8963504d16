// Every scenario starts real processes and measures them; two at once on two cores would
// measure each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
