// Complexity guards for the tests (issue 11): how the time of a piece of work grows with its input, never how
// long it takes (speed belongs to the benchmark, bench/).
#pragma once

#include <algorithm>
#include <chrono>

namespace test_support {

/// The ratio of the time `big(i)` takes to the time `small(i)` takes, best of `tries` of each (i = 0, 1, ...,
/// alternating small and big, so a busy machine slows both alike). With `big` doing 4 times the work of `small`,
/// the ratio is about 4 for linear code and 16 or more for quadratic code, on any machine and under the
/// sanitizers alike. The index lets each try use new input where a cache would otherwise answer.
template <class Small, class Big>
double growth_ratio(Small&& small, Big&& big, int tries = 2) {
    const auto seconds = [](auto&& work) {
        const auto t0 = std::chrono::steady_clock::now();
        work();
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    };
    double small_best = 1e9, big_best = 1e9;
    for (int i = 0; i < tries; ++i) {
        small_best = std::min(small_best, seconds([&] { small(i); }));
        big_best = std::min(big_best, seconds([&] { big(i); }));
    }
    return big_best / small_best;
}

}  // namespace test_support
