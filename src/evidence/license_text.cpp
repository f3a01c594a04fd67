#include "openness/evidence/license_text.hpp"

#include <array>
#include <vector>

namespace openness::evidence {

namespace {

// Lower case with every run of whitespace one space: license files are wrapped differently.
std::string normalise(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (const char c : text) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            space = !out.empty();
            continue;
        }
        if (space) {
            out += ' ';
            space = false;
        }
        out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

// A license recognised by phrases its text must hold (all of them) and must not hold.
struct Fingerprint {
    const char* id;
    std::vector<const char*> all;
    std::vector<const char*> none;
};

const std::vector<Fingerprint>& fingerprints() {
    // Most specific first: the first fingerprint that fits names the text.
    static const std::vector<Fingerprint> k_prints = {
        {"llama4", {"llama 4 community license agreement"}, {}},
        {"llama3.3", {"llama 3.3 community license agreement"}, {}},
        {"llama3.2", {"llama 3.2 community license agreement"}, {}},
        {"llama3.1", {"llama 3.1 community license agreement"}, {}},
        {"llama3", {"meta llama 3 community license agreement"}, {}},
        {"llama2", {"llama 2 community license agreement"}, {}},
        {"gemma", {"gemma terms of use"}, {}},
        {"Apache-2.0",
         {"apache license", "version 2.0, january 2004",
          "terms and conditions for use, reproduction, and distribution"},
         {}},
        {"MIT",
         {"permission is hereby granted, free of charge, to any person obtaining a copy",
          "the above copyright notice and this permission notice shall be included"},
         {}},
        {"BSD-3-Clause",
         {"redistribution and use in source and binary forms", "neither the name of"},
         {}},
        {"BSD-2-Clause", {"redistribution and use in source and binary forms"}, {}},
        {"AGPL-3.0-only", {"gnu affero general public license", "version 3"}, {}},
        {"LGPL-3.0-only", {"gnu lesser general public license", "version 3"}, {}},
        {"GPL-3.0-only", {"gnu general public license", "version 3, 29 june 2007"}, {}},
        {"GPL-2.0-only", {"gnu general public license", "version 2, june 1991"}, {}},
        {"MPL-2.0", {"mozilla public license version 2.0"}, {}},
        {"CC-BY-4.0",
         {"creative commons attribution 4.0 international public license"},
         {"noncommercial", "sharealike", "noderivatives"}},
        {"CC-BY-SA-4.0",
         {"creative commons attribution-sharealike 4.0 international public license"},
         {}},
        {"CC-BY-NC-4.0",
         {"creative commons attribution-noncommercial 4.0 international public license"},
         {}},
        {"CC0-1.0", {"creative commons legal code", "cc0 1.0 universal"}, {}},
    };
    return k_prints;
}

}  // namespace

LicenseIdentity identify_license_file(std::string_view text) {
    const std::string words = normalise(text);
    for (const Fingerprint& print : fingerprints()) {
        bool fits = true;
        for (const char* phrase : print.all) {
            fits = fits && words.find(phrase) != std::string::npos;
        }
        for (const char* phrase : print.none) {
            fits = fits && words.find(phrase) == std::string::npos;
        }
        if (fits) {
            return {std::string(print.id), std::string("identified by its text as ") + print.id};
        }
    }
    return {std::nullopt, "its text is not a license this version recognises"};
}

}  // namespace openness::evidence
