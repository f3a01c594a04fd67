#include "reporters.hpp"

#include "openness/report/neutralise.hpp"

#include <string_view>

namespace openness::report {

namespace {

using manifest::Availability;

// One artifact's cell: `released:<license class>`, `not-released`, or `unknown` when the
// source does not say. A released artifact with no license stated is `released:unknown`.
void append_artifact_cell(std::string& row, const engine::ArtifactVerdict& a) {
    switch (a.availability) {
    case Availability::released:
        row += "released:";
        row += license::class_id(a.classification->license_class);
        return;
    case Availability::not_released:
        row += "not-released";
        return;
    case Availability::unknown:
        break;
    }
    row += "unknown";
}

class CsvReporter final : public Reporter {
public:
    CsvReporter(std::ostream& out, const Options& options)
        : m_out(out), m_more(options.more_rubrics) {}

    void begin() override {
        std::string header = "path,model,version,tier,score,rubric";
        for (const manifest::ArtifactSpec& s : manifest::artifact_specs()) {
            header += ',';
            append_csv_field(header, s.key);
        }
        header += ",valid,error,gate";
        // Further rubrics add a tier and a score column each, named by rubric id.
        for (const auto& rubric : m_more) {
            header += ',';
            append_csv_field(header, rubric->id + ".tier");
            header += ',';
            append_csv_field(header, rubric->id + ".score");
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
            append_csv_field(row, v.tier_info().id);
            row += ',';
            row += format_score(v.score);
            row += ',';
            append_csv_field(row, v.rubric->ref());
            for (const engine::ArtifactVerdict& a : v.artifacts) {
                row += ',';
                append_artifact_cell(row, a);
            }
            row += ",true,";
            // Errors on a scored input are contradictions with its release (verify,
            // --verify-against): the first, and how many more, in the error column.
            if (const util::Diagnostic* error = first_error(outcome)) {
                std::string cell = "contradicted by the release: " + util::render(*error);
                const std::size_t more = error_count(outcome) - 1;
                if (more != 0) {
                    cell += " (and " + std::to_string(more) +
                            (more == 1 ? " more contradiction)" : " more contradictions)");
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
                append_csv_field(row, outcome.more_verdicts[i].tier_info().id);
                row += ',' + format_score(outcome.more_verdicts[i].score);
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
    std::vector<std::shared_ptr<const rubric::Rubric>> m_more;
};

}  // namespace

std::unique_ptr<Reporter> make_csv_reporter(std::ostream& out, const Options& options) {
    return std::make_unique<CsvReporter>(out, options);
}

}  // namespace openness::report
