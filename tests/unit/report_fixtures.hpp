#pragma once

// Outcomes and a driver for the report tests: real manifests scored by the real engine.

#include "openness/engine/evaluate.hpp"
#include "openness/manifest/json_loader.hpp"
#include "openness/report/report.hpp"
#include "openness/rubric/rubric.hpp"
#include "openness/util/file_system.hpp"
#include "openness/util/json_writer.hpp"

#include "rubrics.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace openness::test {

// A manifest with final weights under `license` (an empty string: no license at all) and
// with `name` as the model name.
inline std::string weights_manifest(const std::string& license, const std::string& name = "m") {
    std::string out;
    util::append_json_string(out, name);
    const std::string weights =
        license.empty() ? R"({"available": true})"
                        : R"({"available": true, "license": ")" + license + R"("})";
    return R"({"manifest_version": 1, "model": {"name": )" + out +
           R"(, "version": "1"}, "access": "download",
  "weights": {"final": )" + weights + R"(}})";
}

// A manifest scored against `rubric` (openness@1.0 unless named) under the name `source`.
inline report::Outcome scored(const std::string& source, const std::string& manifest_text,
                              const std::string& gate_reason = "",
                              const std::shared_ptr<const rubric::Rubric>& rubric = rubric_1_0()) {
    manifest::LoadResult loaded = manifest::load_manifest_json(manifest_text, source);
    REQUIRE(loaded.manifest);
    report::Outcome outcome;
    outcome.source = source;
    outcome.verdict = engine::evaluate(rubric, *loaded.manifest);
    outcome.diagnostics = std::move(loaded.diagnostics);
    outcome.gate_failed = !gate_reason.empty();
    outcome.gate_reason = gate_reason;
    return outcome;
}

// An input that could not be loaded, with the loader's errors for `text`.
inline report::Outcome invalid(const std::string& source, const std::string& text) {
    manifest::LoadResult loaded = manifest::load_manifest_json(text, source);
    REQUIRE_FALSE(loaded.manifest);
    report::Outcome outcome;
    outcome.source = source;
    outcome.diagnostics = std::move(loaded.diagnostics);
    return outcome;
}

// A scored manifest whose top-level "licence" (a typo) the loader warns about at line 2.
inline report::Outcome scored_with_typo(const std::string& source) {
    const std::string text = R"({"manifest_version": 1, "model": {"name": "m"}, "access": "api",
  "licence": "MIT"})";
    report::Outcome outcome = scored(source, text);
    outcome.diagnostics = manifest::load_manifest_json(text, source).diagnostics;
    REQUIRE(outcome.diagnostics.size() == 1);
    return outcome;
}

// Options with openness@1.0 as the run's rubric.
inline report::Options options_1_0() {
    report::Options options;
    options.rubric = rubric_1_0();
    return options;
}

// Runs a whole report the way `classify` does: begin, each outcome, end with the summary.
inline std::string report(const std::string& format, const std::vector<report::Outcome>& outcomes,
                          const report::Options& options = options_1_0(),
                          const std::string& gate = "") {
    std::ostringstream out;
    std::unique_ptr<report::Reporter> reporter = report::make_reporter(format, out, options);
    REQUIRE(reporter);
    report::Summary summary;
    for (const rubric::Tier& t : rubric_1_0()->tiers) {
        summary.tier_order.push_back(t.id);
    }
    summary.gate_set = !gate.empty();
    summary.gate = gate;
    reporter->begin();
    for (const report::Outcome& outcome : outcomes) {
        summary.add(outcome);
        reporter->add(outcome);
    }
    reporter->end(summary);
    return out.str();
}

// The lines of `text`, split at `eol` (which is dropped).
inline std::vector<std::string> lines(const std::string& text, const std::string& eol = "\n") {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(eol, start);
        if (end == std::string::npos) {
            end = text.size();
        }
        out.push_back(text.substr(start, end - start));
        start = end + eol.size();
    }
    return out;
}

}  // namespace openness::test
