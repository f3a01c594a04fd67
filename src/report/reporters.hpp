#pragma once

#include "openness/report/report.hpp"

#include <memory>
#include <ostream>

namespace openness::report {

// Internal constructors behind make_reporter, one per output file.
std::unique_ptr<Reporter> make_json_reporter(std::ostream& out, bool lines);
std::unique_ptr<Reporter> make_text_reporter(std::ostream& out, const Options& options);

}  // namespace openness::report
