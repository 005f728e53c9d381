// Complexity guards for the tests (issue 11): how the time of a piece of work grows with its input, never how
// long it takes (speed belongs to the benchmark, bench/).
#pragma once

#include <time.h>

#include <algorithm>

namespace test_support {

/// The ratio of the CPU time `big(i)` takes to the CPU time `small(i)` takes, best of `tries` of each (i = 0, 1,
/// ..., alternating small and big). With `big` doing 4 times the work of `small`, the ratio is about 4 for
/// linear code and 16 or more for quadratic code, on any machine and under the sanitizers alike. The calling
/// thread's CPU time (CLOCK_THREAD_CPUTIME_ID), not the wall clock: on a machine shared with other work the
/// time spent waiting for a core is not counted (wall-clock ratios reached 13.6 for linear code while two
/// builds and a fuzzer shared the 2 cores). The index lets each try use new input where a cache would
/// otherwise answer.
template <class Small, class Big>
double growth_ratio(Small&& small, Big&& big, int tries = 3) {
    const auto cpu_seconds = [] {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
    };
    const auto seconds = [&](auto&& work) {
        const double t0 = cpu_seconds();
        work();
        return cpu_seconds() - t0;
    };
    double small_best = 1e9, big_best = 1e9;
    for (int i = 0; i < tries; ++i) {
        small_best = std::min(small_best, seconds([&] { small(i); }));
        big_best = std::min(big_best, seconds([&] { big(i); }));
    }
    return big_best / small_best;
}

}  // namespace test_support
