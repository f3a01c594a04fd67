#include "openness/cli/run.hpp"

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
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

// The one piece of global state: a signal handler can reach nothing else. It only records the
// signal; the batch polls it (Environment::interrupt) and stops taking new inputs.
std::atomic<int> g_interrupt{0};
static_assert(std::atomic<int>::is_always_lock_free,
              "a signal handler may only touch lock-free atomics");

extern "C" void on_interrupt(int signal) {
    g_interrupt.store(signal);
}

// SIGINT and SIGTERM set the flag once; SA_RESETHAND restores the default action, so a second
// Ctrl-C ends the process at once.
void install_interrupt_handlers() {
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = static_cast<int>(SA_RESTART | SA_RESETHAND);
    for (const int signal : {SIGINT, SIGTERM}) {
        sigaction(signal, &action, nullptr);
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    install_interrupt_handlers();
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
