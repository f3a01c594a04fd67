#include "openness/cli/run.hpp"
#include "openness/util/atomic_file.hpp"

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>
#include <pthread.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace {

// The terminal's width, $COLUMNS when stdout is not a terminal, or 100.
std::size_t terminal_columns(bool stdout_is_terminal, const char* columns) {
    if (stdout_is_terminal) {
        winsize size{};
        if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
            return size.ws_col;
        }
    }
    if (columns != nullptr) {
        char* end = nullptr;
        const unsigned long value = std::strtoul(columns, &end, 10);
        if (end != columns && *end == '\0' && value >= 20 && value <= 10000) {
            return static_cast<std::size_t>(value);
        }
    }
    return 100;
}

// The one piece of global state: the signal that asked the batch to stop. The batch polls it
// (Environment::interrupt) and stops taking new inputs.
std::atomic<int> g_interrupt{0};

// SIGINT and SIGTERM are blocked in every thread and taken by one watcher thread with sigwait,
// so no read or write of the program is ever interrupted half-way (a write cut by a signal would
// leave a report short). The first signal sets the flag, and the batch stops taking input and
// finishes what is in flight, however long that takes. If the run is still waiting on standard
// input k_grace_seconds after the signal (a pipe that stays open; named FIFOs are never opened
// for a blocking read), or at a second signal, the watcher removes every temporary file and ends
// the process as the default action would. A fixed timer would also end a run that is merely
// slow to finish (under a sanitizer, on a loaded machine).
constexpr int k_grace_seconds = 5;
std::atomic<bool> g_waiting_on_stdin{false};

[[noreturn]] void end_now(int signal) {
    openness::util::remove_pending_temporary_files();
    std::signal(signal, SIG_DFL);
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, signal);
    pthread_sigmask(SIG_UNBLOCK, &one, nullptr);
    std::raise(signal);
    std::_Exit(128 + signal);
}

void start_signal_watcher() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    // Threads started later (the batch's workers) inherit the mask.
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::thread([set] {
        int signal = 0;
        if (sigwait(&set, &signal) != 0) {
            return;
        }
        g_interrupt.store(signal);
        // Ten looks a second: how long standard input has been waited on without a break.
        int waiting_ticks = 0;
        for (;;) {
            const timespec tick{0, 100L * 1000L * 1000L};
            const int second = sigtimedwait(&set, nullptr, &tick);
            if (second > 0) {
                end_now(second);
            }
            waiting_ticks = g_waiting_on_stdin.load() ? waiting_ticks + 1 : 0;
            if (waiting_ticks >= 10 * k_grace_seconds) {
                const char message[] =
                    "openness: standard input is still being waited on 5 s after the signal; "
                    "ending the run\n";
                [[maybe_unused]] const ssize_t written =
                    ::write(STDERR_FILENO, message, sizeof message - 1);
                end_now(signal);
            }
        }
    }).detach();
}

}  // namespace

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    // std::cin is tied to std::cout: every read of standard input would flush std::cout first.
    // A batch reads '-' on a worker thread while the main thread writes the report, so that
    // flush would race with the writes and could drop part of the report.
    std::cin.tie(nullptr);
    start_signal_watcher();
    openness::cli::Environment environment;
    environment.in = &std::cin;
    environment.stdin_is_terminal = ::isatty(STDIN_FILENO) == 1;
    environment.stdout_is_terminal = ::isatty(STDOUT_FILENO) == 1;
    environment.stderr_is_terminal = ::isatty(STDERR_FILENO) == 1;
    environment.terminal_columns =
        terminal_columns(environment.stdout_is_terminal, std::getenv("COLUMNS"));
    environment.interrupt = &g_interrupt;
    environment.waiting_on_stdin = &g_waiting_on_stdin;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        const std::string text(*entry);
        const std::size_t eq = text.find('=');
        if (eq != std::string::npos) {
            environment.variables.emplace(text.substr(0, eq), text.substr(eq + 1));
        }
    }
    const std::vector<std::string> args(argv, argv + argc);
    return openness::cli::run(args, std::cout, std::cerr, environment);
}
