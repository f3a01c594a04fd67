#include "reporters.hpp"

#include <algorithm>

namespace openness::report {

namespace {

using license::LicenseClass;
using manifest::Availability;

constexpr const char* k_reset = "\x1b[0m";
constexpr const char* k_bold = "\x1b[1m";
constexpr const char* k_green = "\x1b[32m";
constexpr const char* k_yellow = "\x1b[33m";
constexpr const char* k_red = "\x1b[31m";
constexpr const char* k_dim = "\x1b[2m";

class TextReporter final : public Reporter {
public:
    TextReporter(std::ostream& out, const Options& options) : m_out(out), m_options(options) {}

    std::string render(const Outcome& outcome) const override {
        std::string out;
        if (m_options.summary_only) {
            return out;
        }
        if (outcome.verdict) {
            write_verdict(out, outcome, *outcome.verdict);
        } else {
            out += paint(k_bold, outcome.source);
            out += "\n  " + paint(k_red, "invalid") + ": not scored\n";
            for (const util::Diagnostic& d : outcome.diagnostics) {
                if (d.severity == util::Severity::error) {
                    out += "    " + util::render(d) + "\n";
                }
            }
        }
        return out;
    }

    void write(const Outcome&, const std::string& rendered) override {
        if (rendered.empty()) {
            return;
        }
        if (m_count++ != 0) {
            m_out << '\n';
        }
        m_out << rendered;
    }

    void end(const Summary& summary) override {
        if (summary.total > 1 || !summary.invalid.empty() || summary.gate_set) {
            std::string out = m_count != 0 ? "\n" : "";
            out += paint(k_bold, "summary") + ": " + std::to_string(summary.total) +
                   (summary.total == 1 ? " manifest" : " manifests") + "\n";
            for (const auto& [tier, count] : summary.tier_counts()) {
                out += "  " + pad(tier, 20) + std::to_string(count) + "\n";
            }
            if (!summary.invalid.empty()) {
                out += "  " + pad("invalid", 20) + std::to_string(summary.invalid.size()) + "\n";
                for (const std::string& path : summary.invalid) {
                    out += "    " + path + "\n";
                }
            }
            if (summary.gate_set) {
                const bool passed = summary.gate_failures.empty() && summary.invalid.empty();
                out += "  gate " + summary.gate + ": " +
                       (passed ? paint(k_green, "passed") : paint(k_red, "failed"));
                if (!passed) {
                    out += " (" + std::to_string(summary.gate_failures.size()) + " below, " +
                           std::to_string(summary.invalid.size()) + " invalid)";
                }
                out += "\n";
            }
            m_out << out;
        }
        m_out.flush();
    }

private:
    std::string paint(const char* code, const std::string& text) const {
        if (!m_options.color) {
            return text;
        }
        return std::string(code) + text + k_reset;
    }

    static std::string pad(const std::string& text, std::size_t width) {
        return text.size() >= width ? text + " " : text + std::string(width - text.size(), ' ');
    }

    const char* tier_color(const engine::Verdict& v) const {
        const std::size_t top = v.rubric->tiers.size() - 1;
        if (v.tier == top) {
            return k_green;
        }
        return v.tier * 2 >= top ? k_yellow : k_red;
    }

    static bool is_open(LicenseClass c) {
        return c == LicenseClass::osi || c == LicenseClass::open_data;
    }

    void write_artifact(std::string& out, const engine::ArtifactVerdict& a) const {
        const std::string label(manifest::spec(a.id).label);
        std::string status;
        switch (a.availability) {
        case Availability::released:
            status = paint(k_green, "yes");
            break;
        case Availability::not_released:
            status = paint(k_dim, "no");
            break;
        case Availability::unknown:
            status = paint(k_yellow, "?");
            break;
        }
        out += "    " + pad(label, 24) + status;
        // Keep the license column aligned whatever the status word's length.
        const std::string gap = a.availability == Availability::released ? "" : std::string(
            a.availability == Availability::not_released ? 1 : 2, ' ');
        if (a.availability == Availability::released) {
            if (a.license) {
                out += "  " + *a.license;
                if (a.inherited) {
                    out += " (inherited)";
                }
                const LicenseClass c = a.classification.license_class;
                out += "  " + paint(is_open(c) ? k_green : k_red, license::class_id(c));
                if (!is_open(c)) {
                    out += "\n" + std::string(34, ' ') + a.classification.explanation;
                }
            } else {
                out += "  " + paint(k_red, "no license stated") + ": not open";
            }
        } else if (a.availability == Availability::unknown) {
            out += gap + "  " + (a.provenance.empty() ? "not stated by the source" : a.provenance);
        } else if (!a.listed) {
            out += gap + paint(k_dim, "  (not listed)");
        }
        out += '\n';
        // Imported facts say where they came from; native manifests are their own source.
        if (a.availability != Availability::unknown && !a.provenance.empty()) {
            out += std::string(34, ' ') + paint(k_dim, "from: " + a.provenance) + "\n";
        }
    }

    void write_verdict(std::string& out, const Outcome& outcome, const engine::Verdict& v) const {
        const rubric::Tier& tier = v.tier_info();
        out += paint(k_bold, v.source) + "\n";
        std::string model = v.model.name;
        if (!v.model.version.empty()) {
            model += " " + v.model.version;
        }
        if (!v.model.organization.empty()) {
            model += " (" + v.model.organization + ")";
        }
        out += "  model    " + model + "\n";
        out += "  rubric   " + v.rubric->ref() + "\n";
        out += "  tier     " + paint(tier_color(v), tier.id) + " (" + tier.label + ")\n";
        char score[32];
        std::snprintf(score, sizeof score, "%.1f/100", v.score);
        out += "  score    " + std::string(score) + "\n";
        out += "  artifacts\n";
        for (const engine::ArtifactVerdict& a : v.artifacts) {
            write_artifact(out, a);
        }
        bool warned = false;
        for (const util::Diagnostic& d : outcome.diagnostics) {
            out += warned ? "" : "  warnings\n";
            warned = true;
            out += "    - " + util::render(d) + "\n";
        }
        for (const std::string& w : v.warnings) {
            out += warned ? "" : "  warnings\n";
            warned = true;
            out += "    - " + w + "\n";
        }
        if (outcome.gate_failed) {
            out += "  " + paint(k_red, "gate failed") + ": " + outcome.gate_reason + "\n";
        }
        if (const rubric::Tier* next = v.next_tier()) {
            out += "  to reach " + next->id + " (" + next->label + "):\n";
            for (std::size_t r : v.missing) {
                out += "    - " + v.rubric->rules[r].description + "\n";
                out += "      " + v.rules[r].reason + "\n";
            }
        } else {
            out += "  " + tier.id + " is the highest tier of " + v.rubric->ref() + "\n";
        }
    }

    std::ostream& m_out;
    Options m_options;
    std::size_t m_count = 0;
};

}  // namespace

std::unique_ptr<Reporter> make_text_reporter(std::ostream& out, const Options& options) {
    return std::make_unique<TextReporter>(out, options);
}

std::vector<std::string> format_names() {
    return {"text", "json", "jsonl"};
}

std::unique_ptr<Reporter> make_reporter(const std::string& format, std::ostream& out,
                                        const Options& options) {
    if (format == "text") {
        return make_text_reporter(out, options);
    }
    if (format == "json" || format == "jsonl") {
        return make_json_reporter(out, format == "jsonl");
    }
    return nullptr;
}

}  // namespace openness::report
