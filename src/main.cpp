#include "openness/cli/run.hpp"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    std::vector<std::string> args(argv, argv + argc);
    return openness::cli::run(args, std::cout, std::cerr);
}
