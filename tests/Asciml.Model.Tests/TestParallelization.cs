// libtorch's random generator is process-wide: a seeded training run is only reproducible when no other test draws
// from it at the same time, so this assembly's tests run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
