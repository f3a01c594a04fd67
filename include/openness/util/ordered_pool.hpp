#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace openness::util {

// Runs `work` over the items `source` yields on `jobs` threads and hands each result to `sink`
// on the calling thread, in the order the items came. At most `window` items are in flight, so
// memory does not grow with the number of items.
//   source: std::optional<In>() — called under a lock, one item at a time
//   work:   Out(In&&)           — called concurrently; must be thread-safe
//   sink:   void(Out&&)         — called on this thread, in input order
template <typename In, typename Out, typename Source, typename Work, typename Sink>
void ordered_map(std::size_t jobs, std::size_t window, Source&& source, Work&& work, Sink&& sink) {
    if (jobs <= 1) {
        while (std::optional<In> item = source()) {
            sink(work(std::move(*item)));
        }
        return;
    }
    window = window < jobs ? jobs : window;
    std::mutex mutex;
    std::condition_variable ready;    // a result arrived, or the source ran dry
    std::condition_variable room;     // the sink took a result, so the window moved
    std::vector<std::optional<Out>> slots(window);
    std::size_t taken = 0;            // items handed to workers
    std::size_t delivered = 0;        // results passed to the sink
    bool exhausted = false;
    bool stopping = false;
    std::exception_ptr failure;

    auto worker = [&] {
        for (;;) {
            std::optional<In> item;
            std::size_t index = 0;
            {
                std::unique_lock<std::mutex> lock(mutex);
                room.wait(lock, [&] { return stopping || exhausted || taken < delivered + window; });
                if (stopping || exhausted) {
                    return;
                }
                try {
                    item = source();
                } catch (...) {
                    failure = std::current_exception();
                    stopping = true;
                    ready.notify_all();
                    room.notify_all();
                    return;
                }
                if (!item) {
                    exhausted = true;
                    ready.notify_all();
                    room.notify_all();
                    return;
                }
                index = taken++;
            }
            std::optional<Out> result;
            try {
                result.emplace(work(std::move(*item)));
            } catch (...) {
                std::lock_guard<std::mutex> lock(mutex);
                failure = std::current_exception();
                stopping = true;
                ready.notify_all();
                room.notify_all();
                return;
            }
            std::lock_guard<std::mutex> lock(mutex);
            slots[index % window] = std::move(result);
            ready.notify_all();
        }
    };

    std::vector<std::thread> threads;
    threads.reserve(jobs);
    for (std::size_t i = 0; i < jobs; ++i) {
        threads.emplace_back(worker);
    }
    std::exception_ptr sink_failure;
    for (;;) {
        std::optional<Out> result;
        {
            std::unique_lock<std::mutex> lock(mutex);
            ready.wait(lock, [&] {
                return stopping || slots[delivered % window].has_value() ||
                       (exhausted && delivered == taken);
            });
            if (stopping || (exhausted && delivered == taken && !slots[delivered % window])) {
                break;
            }
            result = std::move(slots[delivered % window]);
            slots[delivered % window].reset();
        }
        try {
            sink(std::move(*result));
        } catch (...) {
            sink_failure = std::current_exception();
        }
        std::lock_guard<std::mutex> lock(mutex);
        ++delivered;
        if (sink_failure) {
            stopping = true;
        }
        room.notify_all();
        if (sink_failure) {
            break;
        }
    }
    {
        std::lock_guard<std::mutex> lock(mutex);
        stopping = true;
        room.notify_all();
    }
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

}  // namespace openness::util
