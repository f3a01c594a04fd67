// One self-contained HTML page for a batch: a chart of the tiers, a sortable and filterable table
// with a coloured cell per artifact, and a detail view per manifest. The page streams like the
// other formats: a manifest's rows are written as soon as it is scored, and the summary, whose
// counts are known only at the end, comes last in the file and is moved above the table by CSS
// (flex order), so nothing waits in memory.

#include "openness/report/badge.hpp"
#include "reporters.hpp"

#include "openness/util/strings.hpp"
#include "openness/util/utf8.hpp"

#include <fmt/format.h>
#include <string_view>

namespace openness::report {

namespace {

using license::LicenseClass;
using manifest::Availability;

// Table columns before the artifact cells: manifest, model, tier, score.
constexpr std::size_t k_fixed_columns = 4;

// Short column headings for the 17 artifacts, in report order.
constexpr std::string_view k_short_names[manifest::k_artifact_count] = {
    "weights",     "checkpoints", "architecture", "hyperparams",  "train data", "eval data",
    "data card",   "train code",  "infer. code",  "eval code",    "data code",  "libraries",
    "model card",  "tech report", "paper",        "eval results", "samples",
};

// The chip that shows a tier, coloured by its place in the rubric.
std::string tier_chip(const rubric::Rubric& rubric, std::size_t tier) {
    return "<span class=\"tier s" + std::to_string(tier_shade(tier, rubric.tiers.size())) +
           "\" title=\"" + html_text(rubric.tiers[tier].label) + "\">" + html_text(rubric.tiers[tier].id) +
           "</span>";
}

// An artifact's cell: its class (the colour), a sort value, a short text and a full title.
struct Cell {
    const char* css;
    int rank;  // higher is more open; the table sorts artifact columns by it
    const char* text;
};

Cell artifact_cell(const engine::ArtifactVerdict& a) {
    if (a.availability == Availability::unknown) {
        return {"na", 1, "?"};
    }
    if (a.availability == Availability::not_released) {
        return {"no", 0, "\xE2\x80\x93"};  // en dash
    }
    if (!a.license) {
        return {"unk", 2, "no lic."};
    }
    switch (a.classification->license_class) {
    case LicenseClass::osi:
        return {"osi", 7, "OSI"};
    case LicenseClass::open_data:
        return {"open", 6, "open"};
    case LicenseClass::restricted:
        return {"restr", 4, "restr."};
    case LicenseClass::proprietary:
        return {"prop", 3, "prop."};
    case LicenseClass::unknown:
        break;
    }
    return {"unk", 2, "?lic"};
}

// " (not open for code under openness@2.0)" for a license the rubric counts as open for other
// kinds of artifact only, as the engine decided; "" otherwise.
std::string not_open_here(const engine::Verdict& v, const engine::ArtifactVerdict& a) {
    if (!a.open_for_other_kinds) {
        return "";
    }
    return std::string(" (not open for ") + manifest::kind_name(manifest::spec(a.id).kind) +
           " under " + v.rubric->ref() + ")";
}

std::string artifact_title(const engine::ArtifactVerdict& a) {
    std::string title(manifest::spec(a.id).label);
    switch (a.availability) {
    case Availability::unknown:
        return title + ": not stated by the source";
    case Availability::not_released:
        return title + (a.listed ? ": not released" : ": not released (not listed)");
    case Availability::released:
        break;
    }
    if (!a.license) {
        return title + ": released, no license stated (not open)";
    }
    return title + ": released under " + *a.license + (a.inherited ? " (inherited)" : "") +
           ", " + license::class_id(a.classification->license_class) + " \xE2\x80\x94 " +
           a.classification->explanation;
}

std::string percent(double value) {
    return format_score(value);
}

constexpr const char* k_style = R"css(
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa;
--s0:#e05d44;--s1:#fe7d37;--s2:#dfb317;--s3:#a4a61d;--s4:#97ca00;--s5:#44cc11}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI","DejaVu Sans",sans-serif;
color:var(--fg);background:var(--bg)}
header{padding:16px 24px 4px}
h1{font-size:22px;margin:0 0 2px}
h2{font-size:17px;margin:0 0 10px}
h3{font-size:14px;margin:14px 0 6px}
.meta{color:var(--muted);margin:0;overflow-wrap:anywhere}
main{display:flex;flex-direction:column;gap:16px;padding:8px 24px 32px}
#summary{order:-1;display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
.card{border:1px solid var(--line);border-radius:8px;padding:14px 16px;background:var(--bg)}
.bar{display:grid;grid-template-columns:150px 320px 48px;align-items:center;gap:8px;margin:5px 0}
.bar .name{text-align:right;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.track{height:18px;background:var(--soft);border-radius:4px;overflow:hidden}
.fill{display:block;height:100%;border-radius:4px}
.count{font-variant-numeric:tabular-nums}
.s0{background:var(--s0);color:#fff}.s1{background:var(--s1)}.s2{background:var(--s2)}
.s3{background:var(--s3)}.s4{background:var(--s4)}.s5{background:var(--s5)}
.sx{background:#8c959f;color:#fff}
.tier{display:inline-block;padding:1px 7px;border-radius:10px;font-size:12px;white-space:nowrap;
color:#1f2328}
.tier.s0,.tier.sx{color:#fff}
.gate-pass{color:#1a7f37;font-weight:600}.gate-fail{color:#cf222e;font-weight:600}
.controls{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin-bottom:10px}
.controls input[type=search]{width:280px;padding:5px 8px;border:1px solid var(--line);
border-radius:6px;font:inherit}
.controls select{padding:4px 6px;font:inherit}
#shown{color:var(--muted)}
.legend{display:flex;flex-wrap:wrap;gap:10px;color:var(--muted);font-size:12px;margin-bottom:10px}
.legend span.a{display:inline-block;min-width:38px;text-align:center}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:middle}
#manifests>thead th{position:sticky;top:0;background:var(--bg);z-index:1;cursor:pointer;
user-select:none;white-space:nowrap}
#manifests>thead th.art{vertical-align:bottom;padding:4px 1px;width:40px}
#manifests>thead th.art span{writing-mode:vertical-rl;transform:rotate(180deg);display:inline-block;
max-height:96px;font-weight:500;font-size:12px}
th[aria-sort=ascending]::after{content:" \25B2";font-size:10px}
th[aria-sort=descending]::after{content:" \25BC";font-size:10px}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td.path{max-width:320px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
td.a{text-align:center;font-size:11px;padding:3px 1px;border-left:2px solid var(--bg)}
.a.osi{background:#1a7f37;color:#fff}.a.open{background:#4ac26b}.a.restr{background:#f0a030}
.a.notopen{text-decoration:line-through}.a.prop{background:#d1242f;color:#fff}.a.unk{background:#d4c58a}.a.no{background:#eaeef2;
color:#8c959f}.a.na{background:repeating-linear-gradient(45deg,#eaeef2 0 4px,#fff 4px 8px)}
button.toggle{border:0;background:none;cursor:pointer;font:inherit;padding:0 4px 0 0;
color:var(--muted)}
tbody.m:hover tr.row{background:var(--soft)}
tr.detail>td{background:var(--soft);padding:10px 16px 16px}
.js tr.detail{display:none}.js tbody.open tr.detail{display:table-row}
.js tbody.hide{display:none}
.detail table{width:auto;margin:4px 0}
.detail td,.detail th{border-bottom:1px solid var(--line);font-size:13px;cursor:auto}
.detail ul{margin:4px 0;padding-left:20px}
.pass{color:#1a7f37}.fail{color:#cf222e}.na-rule{color:var(--muted)}
.invalid{color:#cf222e}
.muted{color:var(--muted)}
)css";

// Sorting, filtering and the detail toggles. The state (filter text, tier, gate failures only,
// sort column and direction) lives in the URL fragment, so a link reopens the same view.
constexpr const char* k_script = R"js(
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var table = document.getElementById("manifests");
  var bodies = Array.prototype.slice.call(table.tBodies);
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var filter = document.getElementById("filter");
  var tierFilter = document.getElementById("tier-filter");
  var failedOnly = document.getElementById("failed-only");
  var shown = document.getElementById("shown");
  var state = {q: "", tier: "", gate: "", sort: "", dir: "asc"};

  function readHash() {
    var text = location.hash.replace(/^#/, "");
    text.split("&").forEach(function (part) {
      var eq = part.indexOf("=");
      if (eq < 0) { return; }
      var key = decodeURIComponent(part.slice(0, eq));
      if (Object.prototype.hasOwnProperty.call(state, key)) {
        state[key] = decodeURIComponent(part.slice(eq + 1).replace(/\+/g, " "));
      }
    });
  }
  function writeHash() {
    var parts = [];
    Object.keys(state).forEach(function (key) {
      if (state[key] && !(key === "dir" && state[key] === "asc")) {
        parts.push(key + "=" + encodeURIComponent(state[key]));
      }
    });
    var url = parts.length ? "#" + parts.join("&") : location.pathname + location.search;
    if (history.replaceState) { history.replaceState(null, "", url); }
  }
  function sortValue(body, column) {
    var head = heads[column];
    var kind = head.getAttribute("data-kind");
    if (kind === "text") {
      var name = column === 0 ? "data-path" : "data-model";
      return body.getAttribute(name) || "";
    }
    if (kind === "tier") { return Number(body.getAttribute("data-rank")); }
    if (kind === "score") {
      var s = body.getAttribute("data-score");
      return s === "" ? -1 : Number(s);
    }
    var cell = body.rows[0].cells[column];
    return cell ? Number(cell.getAttribute("data-v")) : -1;
  }
  function apply() {
    var q = state.q.toLowerCase();
    var count = 0;
    bodies.forEach(function (body) {
      var visible = (!q || body.getAttribute("data-search").indexOf(q) >= 0) &&
          (!state.tier || body.getAttribute("data-tier") === state.tier) &&
          (state.gate !== "fail" || body.getAttribute("data-gate") === "fail");
      body.classList.toggle("hide", !visible);
      if (visible) { count += 1; }
    });
    shown.textContent = count + " of " + bodies.length + " shown";
    heads.forEach(function (head) { head.removeAttribute("aria-sort"); });
    var column = -1;
    heads.forEach(function (head, i) {
      if (head.getAttribute("data-key") === state.sort) { column = i; }
    });
    var order = bodies.slice();
    if (column >= 0) {
      var sign = state.dir === "desc" ? -1 : 1;
      heads[column].setAttribute("aria-sort", sign > 0 ? "ascending" : "descending");
      var keyed = order.map(function (body, i) {
        return {body: body, key: sortValue(body, column), i: i};
      });
      keyed.sort(function (a, b) {
        var c = typeof a.key === "string" ? a.key.localeCompare(b.key) : a.key - b.key;
        return c !== 0 ? sign * c : a.i - b.i;
      });
      order = keyed.map(function (k) { return k.body; });
    }
    order.forEach(function (body) { table.appendChild(body); });
  }
  readHash();
  filter.value = state.q;
  tierFilter.value = state.tier;
  failedOnly.checked = state.gate === "fail";
  filter.addEventListener("input", function () { state.q = filter.value; writeHash(); apply(); });
  tierFilter.addEventListener("change", function () {
    state.tier = tierFilter.value; writeHash(); apply();
  });
  failedOnly.addEventListener("change", function () {
    state.gate = failedOnly.checked ? "fail" : ""; writeHash(); apply();
  });
  heads.forEach(function (head) {
    head.addEventListener("click", function () {
      var key = head.getAttribute("data-key");
      state.dir = state.sort === key && state.dir === "asc" ? "desc" : "asc";
      state.sort = key;
      writeHash();
      apply();
    });
  });
  table.addEventListener("click", function (event) {
    var button = event.target.closest("button.toggle");
    if (!button) { return; }
    var body = button.closest("tbody");
    var open = body.classList.toggle("open");
    button.setAttribute("aria-expanded", open ? "true" : "false");
    button.textContent = open ? "\u25BE" : "\u25B8";
  });
  apply();
})();
)js";

class HtmlReporter final : public Reporter {
public:
    HtmlReporter(std::ostream& out, const Options& options)
        : m_out(out), m_rubric(options.rubric), m_more(options.more_rubrics) {}

    void begin() override {
        std::string out =
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>openness report</title>\n<style>";
        out += k_style;
        out += "</style>\n</head>\n<body>\n<header>\n<h1>openness report</h1>\n";
        if (m_rubric) {
            out += "<p class=\"meta\">rubric <strong>" + html_text(m_rubric->ref()) + "</strong> (" +
                   html_text(m_rubric->title) + "), sha256 " + html_text(m_rubric->sha256);
            for (const auto& more : m_more) {
                out += "; also " + html_text(more->ref());
            }
            out += "</p>\n";
        }
        out += "</header>\n<main>\n<section id=\"results\" class=\"card\">\n<h2>Manifests</h2>\n";
        out += "<div class=\"controls\">\n<input id=\"filter\" type=\"search\" "
               "placeholder=\"Filter by path or model\" aria-label=\"Filter by path or model\">\n"
               "<select id=\"tier-filter\" aria-label=\"Tier\"><option value=\"\">all tiers"
               "</option>";
        if (m_rubric) {
            for (const rubric::Tier& t : m_rubric->tiers) {
                out += "<option value=\"" + html_text(t.id) + "\">" + html_text(t.id) + "</option>";
            }
        }
        out += "<option value=\"invalid\">invalid</option></select>\n"
               "<label><input id=\"failed-only\" type=\"checkbox\"> gate failures only</label>\n"
               "<span id=\"shown\"></span>\n</div>\n";
        out += "<div class=\"legend\">artifacts: "
               "<span class=\"a osi\">OSI</span> OSI-approved license "
               "<span class=\"a open\">open</span> open data/content license "
               "<span class=\"a open notopen\">open</span> open, but not for this kind of "
               "artifact "
               "<span class=\"a restr\">restr.</span> restricted "
               "<span class=\"a prop\">prop.</span> proprietary "
               "<span class=\"a unk\">?lic</span> unknown or no license "
               "<span class=\"a no\">\xE2\x80\x93</span> not released "
               "<span class=\"a na\">?</span> not stated by the source</div>\n";
        out += "<table id=\"manifests\">\n<thead><tr>"
               "<th data-key=\"path\" data-kind=\"text\">manifest</th>"
               "<th data-key=\"model\" data-kind=\"text\">model</th>"
               "<th data-key=\"tier\" data-kind=\"tier\">tier</th>"
               "<th data-key=\"score\" data-kind=\"score\">score</th>";
        for (const manifest::ArtifactSpec& s : manifest::artifact_specs()) {
            out += "<th class=\"art\" data-key=\"" + std::string(s.key) +
                   "\" data-kind=\"artifact\" title=\"" + std::string(s.label) + " (" +
                   std::string(s.key) + ")\"><span>" +
                   std::string(k_short_names[static_cast<std::size_t>(s.id)]) + "</span></th>";
        }
        out += "</tr></thead>\n";
        m_out << out;
    }

    std::string render(const Outcome& outcome) const override {
        std::string out;
        const std::string columns = std::to_string(k_fixed_columns + manifest::k_artifact_count);
        const std::string toggle =
            "<button class=\"toggle\" type=\"button\" aria-expanded=\"false\" "
            "aria-label=\"details\">\xE2\x96\xB8</button>";
        if (!outcome.verdict) {
            out += "<tbody class=\"m\" data-path=\"" + html_text(outcome.source) +
                   "\" data-model=\"\" data-tier=\"invalid\" data-rank=\"-1\" data-score=\"\" "
                   "data-gate=\"" +
                   std::string(outcome.gate_failed ? "fail" : "pass") + "\" data-search=\"" +
                   html_text(util::lower(outcome.source)) + "\">\n";
            out += "<tr class=\"row\"><td class=\"path\" title=\"" + html_text(outcome.source) +
                   "\">" + toggle + html_text(outcome.source) +
                   "</td><td></td><td><span class=\"tier sx\">invalid</span></td>"
                   "<td class=\"num\"></td><td class=\"invalid\" colspan=\"" +
                   std::to_string(manifest::k_artifact_count) + "\">";
            const util::Diagnostic* error = first_error(outcome);
            out += error != nullptr ? html_text(util::render(*error)) : "not a manifest";
            out += "</td></tr>\n<tr class=\"detail\"><td colspan=\"" + columns + "\">";
            out += "<h3>Not scored: the input is invalid</h3><ul>";
            for (const util::Diagnostic& d : outcome.diagnostics) {
                out += "<li>" + html_text(util::render(d)) + "</li>";
            }
            out += "</ul></td></tr>\n</tbody>\n";
            return out;
        }
        const engine::Verdict& v = *outcome.verdict;
        std::string model = v.model.name;
        if (!v.model.version.empty()) {
            model += " " + v.model.version;
        }
        out += "<tbody class=\"m\" data-path=\"" + html_text(outcome.source) + "\" data-model=\"" +
               html_text(model) + "\" data-tier=\"" + html_text(v.tier_info().id) +
               "\" data-rank=\"" + std::to_string(v.tier) + "\" data-score=\"" + percent(v.score) +
               "\" data-gate=\"" + std::string(outcome.gate_failed ? "fail" : "pass") +
               "\" data-search=\"" +
               html_text(util::lower(outcome.source + "\n" + model + "\n" + v.model.organization)) +
               "\">\n";
        out += "<tr class=\"row\"><td class=\"path\" title=\"" + html_text(outcome.source) + "\">" +
               toggle + html_text(outcome.source) + "</td><td>" + html_text(model) + "</td><td>" +
               tier_chip(*v.rubric, v.tier) + "</td><td class=\"num\">" + format_score(v.score) +
               "</td>";
        for (const engine::ArtifactVerdict& a : v.artifacts) {
            const Cell c = artifact_cell(a);
            out += "<td class=\"a " + std::string(c.css) +
                   (a.open_for_other_kinds ? " notopen" : "") + "\" data-v=\"" +
                   std::to_string(c.rank) + "\" title=\"" +
                   html_text(artifact_title(a) + not_open_here(v, a)) + "\">" + c.text + "</td>";
        }
        out += "</tr>\n<tr class=\"detail\"><td colspan=\"" + columns + "\">";
        write_detail(out, outcome, v);
        out += "</td></tr>\n</tbody>\n";
        return out;
    }

    void write(const Outcome&, const std::string& rendered) override { m_out << rendered; }

    void end(const Summary& summary) override {
        std::string out = "</table>\n";
        if (summary.total == 0) {
            out += "<p class=\"muted\">No manifests.</p>\n";
        }
        out += "</section>\n<section id=\"summary\">\n";
        out += "<div class=\"card chart\" id=\"chart\" data-total=\"" +
               std::to_string(summary.total) + "\">\n<h2>" + std::to_string(summary.total) +
               (summary.total == 1 ? " manifest" : " manifests");
        if (m_rubric) {
            out += " under " + html_text(m_rubric->ref());
        }
        out += "</h2>\n";
        const std::size_t tiers = summary.tier_order.size();
        std::size_t index = 0;
        for (const auto& [tier, count] : summary.tier_counts()) {
            bar(out, tier, count, summary.total, "s" + std::to_string(tier_shade(index, tiers)));
            ++index;
        }
        bar(out, "invalid", summary.invalid_count, summary.total, "sx");
        if (summary.gate_set) {
            const bool passed = summary.gate_failure_count == 0 && summary.invalid_count == 0;
            out += "<p id=\"gate\" data-passed=\"" + std::string(passed ? "true" : "false") +
                   "\">gate <code>" + html_text(summary.gate) + "</code>: ";
            out += passed ? "<span class=\"gate-pass\">passed</span>"
                          : "<span class=\"gate-fail\">failed</span> (" +
                                std::to_string(summary.gate_failure_count) + " below, " +
                                std::to_string(summary.invalid_count) + " invalid)";
            out += "</p>\n";
        } else {
            out += "<p id=\"gate\" class=\"muted\">no gate set</p>\n";
        }
        out += "</div>\n";
        for (const Summary::RubricCounts& counts : summary.more_rubrics) {
            out += "<div class=\"card chart more\" data-rubric=\"" + html_text(counts.rubric) +
                   "\">\n<h2>under " + html_text(counts.rubric) + "</h2>\n";
            for (std::size_t t = 0; t < counts.tier_order.size(); ++t) {
                auto it = counts.per_tier.find(counts.tier_order[t]);
                bar(out, counts.tier_order[t], it == counts.per_tier.end() ? 0 : it->second,
                    summary.total, "s" + std::to_string(tier_shade(t, counts.tier_order.size())));
            }
            out += "</div>\n";
        }
        out += "</section>\n</main>\n<script>";
        out += k_script;
        out += "</script>\n</body>\n</html>\n";
        m_out << out;
        m_out.flush();
    }

private:
    static void bar(std::string& out, const std::string& name, std::size_t count,
                    std::size_t total, const std::string& shade) {
        const double share = total == 0 ? 0.0
                                         : 100.0 * static_cast<double>(count) /
                                               static_cast<double>(total);
        out += "<div class=\"bar\" data-tier=\"" + html_text(name) + "\" data-count=\"" +
               std::to_string(count) + "\"><span class=\"name\">" + html_text(name) +
               "</span><span class=\"track\"><span class=\"fill " + shade +
               "\" style=\"width:" + percent(share) + "%\"></span></span><span class=\"count\">" +
               std::to_string(count) + "</span></div>\n";
    }

    // All a verdict lacks for a gate's tier, one item per artifact (or group) with its rules.
    static void write_shortfall(std::string& out, const Outcome& outcome,
                                const engine::Shortfall& shortfall) {
        std::string heading = shortfall_heading(shortfall) + ", by artifact";
        if (!outcome.more_verdicts.empty()) {
            heading = shortfall.rubric->ref() + ": " + heading;
        }
        out += "<h3>" + html_text(heading) + "</h3><ul class=\"gate-missing\" data-rubric=\"" +
               html_text(shortfall.rubric->ref()) + "\" data-tier=\"" +
               html_text(shortfall.rubric->tiers[shortfall.tier].id) + "\">";
        for (const engine::Need& need : shortfall.needs) {
            const std::string rules = rule_id_list(*shortfall.rubric, need.rules);
            out += "<li data-kind=\"" + std::string(engine::need_kind_name(need.kind)) +
                   "\" data-rules=\"" + html_text(rules) + "\">" + html_text(need.text) +
                   " <span class=\"muted\">(rules: " + html_text(rules) + ")</span></li>";
        }
        out += "</ul>";
        if (const std::string note = shortfall_terms_note(shortfall); !note.empty()) {
            out += "<p>" + html_text(note) + "</p>";
        }
    }

    static void write_findings(std::string& out, const engine::Verdict& v) {
        if (const rubric::Tier* next = v.next_tier()) {
            out += "<h3>To reach " + html_text(next->id) + " (" + html_text(next->label) +
                   ")</h3><ul class=\"reach\" data-rubric=\"" + html_text(v.rubric->ref()) + "\">";
            for (std::size_t r : v.missing) {
                out += "<li data-rule=\"" + html_text(v.rubric->rules[r].id) + "\"><strong>" +
                       html_text(v.rubric->rules[r].description) + "</strong><br>" +
                       html_text(v.reason(r)) + "</li>";
            }
            out += "</ul>";
        } else {
            out += "<h3>" + html_text(v.tier_info().id) + " is the highest tier of " +
                   html_text(v.rubric->ref()) + "</h3>";
        }
    }

    static void write_detail(std::string& out, const Outcome& outcome, const engine::Verdict& v) {
        out += "<p><strong>" + html_text(v.model.name) + "</strong>";
        if (!v.model.version.empty()) {
            out += " " + html_text(v.model.version);
        }
        if (!v.model.organization.empty()) {
            out += " (" + html_text(v.model.organization) + ")";
        }
        out += " &middot; " + html_text(v.rubric->ref()) + " &middot; " + tier_chip(*v.rubric, v.tier) +
               " " + html_text(v.tier_info().label) + " &middot; score " + format_score(v.score) +
               "/100";
        if (outcome.gate_failed) {
            out += " &middot; <span class=\"gate-fail\">gate failed</span>: " +
                   html_text(outcome.gate_reason);
        }
        out += "</p>";
        for (const engine::Shortfall& shortfall : outcome.gate_shortfalls) {
            write_shortfall(out, outcome, shortfall);
        }
        // Errors on a scored input are contradictions with its release (verify,
        // --verify-against): listed apart, as what fails the gate.
        std::string contradictions;
        std::string warnings;
        for (const util::Diagnostic& d : outcome.diagnostics) {
            (d.severity == util::Severity::error ? contradictions : warnings) +=
                "<li>" + html_text(util::render(d)) + "</li>";
        }
        if (!contradictions.empty()) {
            out += "<h3>Contradicted by the release</h3><ul>" + contradictions + "</ul>";
        }
        for (const std::string& w : v.warnings) {
            warnings += "<li>" + html_text(w) + "</li>";
        }
        if (!warnings.empty()) {
            out += "<h3>Warnings</h3><ul>" + warnings + "</ul>";
        }
        write_findings(out, v);
        for (const engine::Verdict& more : outcome.more_verdicts) {
            out += "<p>under <strong>" + html_text(more.rubric->ref()) + "</strong>: " +
                   tier_chip(*more.rubric, more.tier) + " score " + format_score(more.score) +
                   "</p>";
            write_findings(out, more);
        }
        out += "<h3>Rules</h3><table><thead><tr><th>rule</th><th></th><th>points</th>"
               "<th>reason</th></tr></thead><tbody>";
        for (const engine::RuleResult& r : v.rules) {
            const rubric::Rule& rule = v.rubric->rules[r.rule];
            const char* mark = !r.applies ? "<td class=\"na-rule\">n/a</td>"
                               : r.passed ? "<td class=\"pass\">\xE2\x9C\x93</td>"
                                          : "<td class=\"fail\">\xE2\x9C\x97</td>";
            const std::string points = fmt::format("{:g}", rule.points);
            out += "<tr><td title=\"" + html_text(rule.description) + "\">" + html_text(rule.id) + "</td>" +
                   mark + "<td class=\"num\">" + points + "</td><td>" + html_text(v.reason(r)) +
                   "</td></tr>";
        }
        out += "</tbody></table><h3>Artifacts</h3><table><thead><tr><th>artifact</th>"
               "<th>released</th><th>license</th><th>class</th></tr></thead><tbody>";
        for (const engine::ArtifactVerdict& a : v.artifacts) {
            const Cell c = artifact_cell(a);
            out += "<tr><td>" + std::string(manifest::spec(a.id).label) + "</td><td>";
            switch (a.availability) {
            case Availability::released:
                out += "yes";
                break;
            case Availability::not_released:
                out += a.listed ? "no" : "no (not listed)";
                break;
            case Availability::unknown:
                out += "not stated";
                break;
            }
            out += "</td><td>";
            if (a.availability == Availability::released) {
                out += a.license ? html_text(*a.license) + (a.inherited ? " (inherited)" : "")
                                 : std::string("no license stated");
            }
            out += "</td><td>";
            if (a.availability == Availability::released) {
                out += "<span class=\"a " + std::string(c.css) +
                       (a.open_for_other_kinds ? " notopen" : "") + "\">" + c.text + "</span> " +
                       html_text(a.license ? a.classification->explanation + not_open_here(v, a)
                                           : "not open");
            }
            out += "</td></tr>";
        }
        out += "</tbody></table>";
    }

    std::ostream& m_out;
    std::shared_ptr<const rubric::Rubric> m_rubric;
    std::vector<std::shared_ptr<const rubric::Rubric>> m_more;
};

}  // namespace

std::unique_ptr<Reporter> make_html_reporter(std::ostream& out, const Options& options) {
    return std::make_unique<HtmlReporter>(out, options);
}

}  // namespace openness::report
