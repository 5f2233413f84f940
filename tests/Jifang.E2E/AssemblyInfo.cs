// The browser tests' server and the crash test's servers are real processes on a machine of two cores: one collection
// at a time, so that none of them starves the others while it starts.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
