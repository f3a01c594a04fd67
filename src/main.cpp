#include "openness/cli/run.hpp"

#include <cstdlib>
#include <iostream>
#include <string>
#include <unistd.h>
#include <vector>

extern char** environ;

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    openness::cli::Environment environment;
    environment.in = &std::cin;
    environment.stdout_is_terminal = ::isatty(STDOUT_FILENO) == 1;
    environment.stderr_is_terminal = ::isatty(STDERR_FILENO) == 1;
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
