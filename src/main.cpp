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
// finishes what is in flight. If the run has not ended k_grace_seconds later (a read that
// blocks: a FIFO, a pipe that stays open), or at a second signal, the watcher removes every
// temporary file and ends the process as the default action would.
constexpr long k_grace_seconds = 5;

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
        const timespec grace{k_grace_seconds, 0};
        const int second = sigtimedwait(&set, nullptr, &grace);
        if (second < 0) {
            const char message[] =
                "openness: the run did not stop within 5 s of the signal (a read is blocked); "
                "ending it\n";
            [[maybe_unused]] const ssize_t written =
                ::write(STDERR_FILENO, message, sizeof message - 1);
        }
        end_now(second > 0 ? second : signal);
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
