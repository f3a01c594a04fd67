#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace openness::util {

// Runs `work` over the items `source` yields on `jobs` threads (the calling thread and jobs - 1
// more) and hands each result to `sink` on the calling thread, in the order the items came. At
// most `window` items are in flight, so memory does not grow with the number of items.
//   source: std::optional<In>() — called under a lock, one item at a time
//   work:   Out(In&&) or Out(In&&, std::size_t thread) — called concurrently; must be
//           thread-safe; `thread` (0 to jobs - 1) names the thread, for per-thread scratch
//   sink:   void(Out&)          — called on the calling thread, in input order
// Each result is destroyed on the thread that made it: freeing memory that another thread
// allocated makes the allocator's arenas contend, which cost more than the work in a batch of
// small manifests. The calling thread works on items too whenever the next result is not ready,
// so it never sleeps while there is work.
//   caller_may_work: bool(const In&) — false for an item whose work may block for long (standard
//                    input, a pipe): a helper takes it, so the results before it keep flowing
template <typename In, typename Out, typename Source, typename Work, typename Sink,
          typename CallerMayWork>
void ordered_map(std::size_t jobs, std::size_t window, Source&& source, Work&& work, Sink&& sink,
                 CallerMayWork&& caller_may_work) {
    // Calls work with the thread's index when it takes one.
    auto run = [&work](In&& item, std::size_t thread) -> Out {
        if constexpr (std::is_invocable_v<Work&, In&&, std::size_t>) {
            return work(std::move(item), thread);
        } else {
            (void)thread;
            return work(std::move(item));
        }
    };
    if (jobs <= 1) {
        while (std::optional<In> item = source()) {
            Out result = run(std::move(*item), 0);
            sink(result);
        }
        return;
    }
    window = window < jobs ? jobs : window;
    struct Slot {
        std::optional<Out> result;
        std::size_t maker = 0;  // 0: the calling thread; k: helper k
    };
    std::mutex mutex;
    std::condition_variable ready;  // the next result arrived, or the run is stopping
    std::condition_variable room;   // the window moved, or the run is stopping
    std::vector<Slot> slots(window);
    // Results the sink is done with, waiting for the helper that made them to destroy them.
    std::vector<std::vector<Out>> spent(jobs);
    for (std::vector<Out>& s : spent) {
        s.reserve(window);
    }
    std::optional<std::pair<std::size_t, In>> deferred;  // taken by the caller for a helper
    std::size_t taken = 0;                               // items handed out
    std::size_t delivered = 0;                           // results passed to the sink
    bool exhausted = false;
    bool stopping = false;
    std::exception_ptr failure;

    // Under the lock: records an exception and stops everyone.
    auto fail = [&](std::exception_ptr e) {
        if (!failure) {
            failure = std::move(e);
        }
        stopping = true;
        ready.notify_all();
        room.notify_all();
    };
    // Under the lock: the next item and its index, or nullopt when the source is done or failed.
    auto take = [&]() -> std::optional<std::pair<std::size_t, In>> {
        std::optional<In> item;
        try {
            item = source();
        } catch (...) {
            fail(std::current_exception());
            return std::nullopt;
        }
        if (!item) {
            exhausted = true;
            ready.notify_all();
            room.notify_all();
            return std::nullopt;
        }
        return std::make_pair(taken++, std::move(*item));
    };

    auto helper = [&](std::size_t me) {
        std::vector<Out> dead;
        dead.reserve(window);
        for (;;) {
            std::optional<std::pair<std::size_t, In>> job;
            {
                std::unique_lock<std::mutex> lock(mutex);
                dead.swap(spent[me]);
                room.wait(lock, [&] {
                    return stopping || deferred || exhausted || taken < delivered + window;
                });
                if (stopping) {
                    return;
                }
                if (deferred) {
                    job = std::move(deferred);
                    deferred.reset();
                } else if (exhausted || !(job = take())) {
                    return;
                }
            }
            dead.clear();
            std::optional<Out> result;
            try {
                result.emplace(run(std::move(job->second), me));
            } catch (...) {
                std::lock_guard<std::mutex> lock(mutex);
                fail(std::current_exception());
                return;
            }
            std::lock_guard<std::mutex> lock(mutex);
            slots[job->first % window] = Slot{std::move(result), me};
            if (job->first == delivered) {
                ready.notify_one();
            }
        }
    };

    std::vector<std::thread> threads;
    threads.reserve(jobs - 1);
    for (std::size_t k = 1; k < jobs; ++k) {
        threads.emplace_back(helper, k);
    }
    std::exception_ptr sink_failure;
    std::unique_lock<std::mutex> lock(mutex);
    while (!stopping) {
        Slot& next = slots[delivered % window];
        if (next.result) {
            Slot slot = std::move(next);
            next.result.reset();
            lock.unlock();
            try {
                sink(*slot.result);
            } catch (...) {
                sink_failure = std::current_exception();
            }
            if (slot.maker == 0) {
                slot.result.reset();
            }
            lock.lock();
            ++delivered;
            if (slot.maker != 0) {
                spent[slot.maker].push_back(std::move(*slot.result));
            }
            if (sink_failure) {
                stopping = true;
                ready.notify_all();
                room.notify_all();
                break;
            }
            room.notify_one();
            continue;
        }
        if (exhausted && delivered == taken) {
            break;
        }
        if (!deferred && !exhausted && taken < delivered + window) {
            // The next result is not ready: work on an item here rather than wait.
            std::optional<std::pair<std::size_t, In>> job = take();
            if (!job) {
                continue;
            }
            if (!caller_may_work(job->second)) {
                deferred = std::move(job);
                room.notify_one();
                continue;
            }
            lock.unlock();
            std::optional<Out> result;
            try {
                result.emplace(run(std::move(job->second), 0));
            } catch (...) {
                lock.lock();
                fail(std::current_exception());
                break;
            }
            lock.lock();
            slots[job->first % window] = Slot{std::move(result), 0};
            continue;
        }
        ready.wait(lock);
    }
    stopping = true;
    room.notify_all();
    lock.unlock();
    for (std::thread& t : threads) {
        t.join();
    }
    if (sink_failure) {
        std::rethrow_exception(sink_failure);
    }
    if (failure) {
        std::rethrow_exception(failure);
    }
}

// ordered_map for items that never block for long: the calling thread may work on any of them.
template <typename In, typename Out, typename Source, typename Work, typename Sink>
void ordered_map(std::size_t jobs, std::size_t window, Source&& source, Work&& work, Sink&& sink) {
    ordered_map<In, Out>(jobs, window, std::forward<Source>(source), std::forward<Work>(work),
                         std::forward<Sink>(sink), [](const In&) { return true; });
}

}  // namespace openness::util
