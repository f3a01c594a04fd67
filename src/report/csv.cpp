#include "reporters.hpp"

#include "openness/report/neutralise.hpp"

#include <fmt/format.h>

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace openness::report {

namespace {

using manifest::Availability;

// The cells that depend only on a rubric, neutralised once per run instead of once per row:
// each tier's id and the rubric's reference.
struct RubricCells {
    std::shared_ptr<const rubric::Rubric> rubric;
    std::vector<std::string> tiers;
    std::string ref;

    explicit RubricCells(std::shared_ptr<const rubric::Rubric> r) : rubric(std::move(r)) {
        if (!rubric) {
            return;
        }
        for (const rubric::Tier& tier : rubric->tiers) {
            append_csv_field(tiers.emplace_back(), tier.id);
        }
        append_csv_field(ref, rubric->ref());
    }

    // Appends the verdict's tier cell (made here for a verdict of another rubric).
    void append_tier(std::string& row, const engine::Verdict& v) const {
        if (v.rubric == rubric) {
            row += tiers[v.tier];
        } else {
            append_csv_field(row, v.tier_info().id);
        }
    }

    // Appends the verdict's rubric cell.
    void append_ref(std::string& row, const engine::Verdict& v) const {
        if (v.rubric == rubric) {
            row += ref;
        } else {
            append_csv_field(row, v.rubric->ref());
        }
    }
};

// The cells of an artifact, after its comma: `released:<license class>` (by class),
// `not-released`, or `unknown` when the source does not say. A released artifact with no
// license stated is `released:unknown`.
class ArtifactCells {
public:
    ArtifactCells() {
        for (std::size_t c = 0; c < m_released.size(); ++c) {
            m_released[c] = std::string(",released:") +
                            license::class_id(static_cast<license::LicenseClass>(c));
        }
    }

    void append(std::string& row, const engine::ArtifactVerdict& a) const {
        switch (a.availability) {
        case Availability::released:
            row += m_released[static_cast<std::size_t>(a.classification->license_class)];
            return;
        case Availability::not_released:
            row += ",not-released";
            return;
        case Availability::unknown:
            break;
        }
        row += ",unknown";
    }

private:
    std::array<std::string, 5> m_released;  // by license::LicenseClass
};

class CsvReporter final : public Reporter {
public:
    CsvReporter(std::ostream& out, const Options& options)
        : m_out(out), m_main(options.rubric) {
        for (const auto& rubric : options.more_rubrics) {
            m_more.emplace_back(rubric);
        }
    }

    void begin() override {
        std::string header = "path,model,version,tier,score,rubric";
        for (const manifest::ArtifactSpec& s : manifest::artifact_specs()) {
            header += ',';
            append_csv_field(header, s.key);
        }
        header += ",valid,error,gate";
        // Further rubrics add a tier and a score column each, named by rubric id.
        for (const RubricCells& more : m_more) {
            header += ',';
            append_csv_field(header, more.rubric->id + ".tier");
            header += ',';
            append_csv_field(header, more.rubric->id + ".score");
        }
        header += "\r\n";
        m_out << header;
    }

    std::string render(const Outcome& outcome) const override {
        std::string row;
        row.reserve(512);
        append_csv_field(row, outcome.source);
        if (outcome.verdict) {
            const engine::Verdict& v = *outcome.verdict;
            row += ',';
            append_csv_field(row, v.model.name);
            row += ',';
            append_csv_field(row, v.model.version);
            row += ',';
            m_main.append_tier(row, v);
            row += ',';
            append_score(row, v.score);
            row += ',';
            m_main.append_ref(row, v);
            for (const engine::ArtifactVerdict& a : v.artifacts) {
                m_artifacts.append(row, a);
            }
            row += ",true,";
            // Errors on a scored input are contradictions with its release (verify,
            // --verify-against): the first, and how many more, in the error column.
            if (const util::Diagnostic* error = first_error(outcome)) {
                std::string cell = "contradicted by the release: " + util::render(*error);
                const std::size_t more = error_count(outcome) - 1;
                if (more != 0) {
                    cell +=
                        fmt::format(" (and {} more contradiction{})", more, more == 1 ? "" : "s");
                }
                append_csv_field(row, cell);
            }
        } else {
            // model, version, tier, score, rubric and the artifacts stay empty.
            row += std::string(5 + manifest::k_artifact_count, ',');
            row += ",false,";
            if (const util::Diagnostic* error = first_error(outcome)) {
                append_csv_field(row, util::render(*error));
            }
        }
        row += outcome.gate_failed ? ",fail" : ",pass";
        for (std::size_t i = 0; i < m_more.size(); ++i) {
            if (i < outcome.more_verdicts.size()) {
                row += ',';
                m_more[i].append_tier(row, outcome.more_verdicts[i]);
                row += ',';
                append_score(row, outcome.more_verdicts[i].score);
            } else {
                row += ",,";
            }
        }
        row += "\r\n";
        return row;
    }

    void write(const Outcome&, const std::string& rendered) override { m_out << rendered; }

    void end(const Summary&) override { m_out.flush(); }

    // A row shows tiers, scores and license classes: no rule's reason.
    engine::Reasons reasons() const override { return engine::Reasons::none; }

private:
    std::ostream& m_out;
    RubricCells m_main;
    std::vector<RubricCells> m_more;
    ArtifactCells m_artifacts;
};

}  // namespace

std::unique_ptr<Reporter> make_csv_reporter(std::ostream& out, const Options& options) {
    return std::make_unique<CsvReporter>(out, options);
}

}  // namespace openness::report
