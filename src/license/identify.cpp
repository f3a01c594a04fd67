// Identifying a license text: normalised words, then Sørensen-Dice similarity over word pairs
// (bigrams) between a span of the text and each reference text. An inverted index from word
// pair to the references holding it picks the candidates; for each, the span of the text that
// best matches it is the maximum-sum run (+1 for a pair the reference holds, -k_miss_cost for one
// it does not), so a file holding two licenses yields two spans.
#include "openness/license/identify.hpp"

#include "corpus_codec.hpp"
#include "openness/util/embedded.hpp"
#include "openness/util/json.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace openness::license {

namespace {

constexpr std::string_view k_corpus_path = "rubric/license-texts/corpus-1.json";
constexpr std::uint32_t k_no_word = std::numeric_limits<std::uint32_t>::max();
constexpr std::uint32_t k_no_pair = std::numeric_limits<std::uint32_t>::max();
// A pair the reference lacks costs this much against a run; a reworded sentence or a filled-in
// name does not split a span, a different license's paragraph does.
constexpr double k_miss_cost = 0.6;
// Candidates examined per round: the best by shared pairs and the best by whole-text Dice.
constexpr std::size_t k_candidates = 8;
// A round stops when fewer word pairs than this are left unclaimed.
constexpr std::size_t k_min_pairs = 16;

struct Reference {
    std::vector<std::string> ids;
    std::vector<std::uint32_t> pairs;  // sorted, distinct
    // An appendix stored apart from its license (Apache-2.0's "How to apply", Llama 3's use
    // policy): merged into its license's span, never reported or suggested on its own.
    bool partial = false;
};

struct Corpus {
    std::vector<std::string> vocabulary;
    std::unordered_map<std::string_view, std::uint32_t> word_index;
    std::vector<Reference> references;
    // Inverted index: sorted distinct pairs, and for each the references holding it.
    std::vector<std::uint32_t> keys;
    std::vector<std::uint32_t> offsets;  // keys.size() + 1 entries into postings
    std::vector<std::uint16_t> postings;
};

std::uint32_t pair_key(std::uint32_t a, std::uint32_t b, std::size_t vocabulary_size) {
    return static_cast<std::uint32_t>(a * vocabulary_size + b);
}

// Sorts entries (pair << 16 | reference) by pair, stably, for pairs below `limit`: least
// significant digit first, 16 bits a pass.
void radix_sort_by_pair(std::vector<std::uint64_t>& entries, std::uint64_t limit) {
    std::vector<std::uint64_t> buffer(entries.size());
    std::vector<std::size_t> starts(65537);
    for (unsigned shift = 16; (std::uint64_t{1} << (shift - 16)) < limit; shift += 16) {
        std::fill(starts.begin(), starts.end(), 0);
        for (const std::uint64_t entry : entries) {
            ++starts[((entry >> shift) & 0xFFFF) + 1];
        }
        for (std::size_t i = 1; i < starts.size(); ++i) {
            starts[i] += starts[i - 1];
        }
        for (const std::uint64_t entry : entries) {
            buffer[starts[(entry >> shift) & 0xFFFF]++] = entry;
        }
        entries.swap(buffer);
    }
}

Corpus load_corpus() {
    Corpus corpus;
    const std::string_view* text = util::find_embedded(k_corpus_path);
    if (text == nullptr) {
        return corpus;
    }
    util::JsonLimits limits;
    limits.max_string_bytes = 4 * 1024 * 1024;
    util::JsonParseResult parsed = util::parse_json(*text, std::string(k_corpus_path), limits);
    if (!parsed.value || parsed.value->kind() != util::JsonValue::Kind::object) {
        return corpus;
    }
    const util::JsonValue* vocabulary = parsed.value->find("vocabulary");
    const util::JsonValue* texts = parsed.value->find("texts");
    if (vocabulary == nullptr || texts == nullptr ||
        vocabulary->kind() != util::JsonValue::Kind::string ||
        texts->kind() != util::JsonValue::Kind::array) {
        return corpus;
    }
    const std::string& words = vocabulary->as_string();
    for (std::size_t pos = 0; pos < words.size();) {
        std::size_t end = words.find(' ', pos);
        if (end == std::string::npos) {
            end = words.size();
        }
        corpus.vocabulary.emplace_back(words.substr(pos, end - pos));
        pos = end + 1;
    }
    const std::size_t size = corpus.vocabulary.size();
    if (size == 0 || size > 65535) {
        corpus.vocabulary.clear();
        return corpus;
    }
    for (std::size_t i = 0; i < size; ++i) {
        corpus.word_index.emplace(corpus.vocabulary[i], static_cast<std::uint32_t>(i));
    }
    // Every (pair, reference) as pair << 16 | reference, in reference order; a stable sort by
    // pair then leaves each pair's references ascending, and handing the pairs back out in that
    // order leaves each reference's pairs sorted: one radix sort builds both indexes.
    std::vector<std::uint64_t> entries;
    for (const util::JsonValue& entry : texts->items()) {
        const util::JsonValue* ids = entry.find("ids");
        const util::JsonValue* encoded = entry.find("words");
        if (ids == nullptr || encoded == nullptr || ids->kind() != util::JsonValue::Kind::array ||
            encoded->kind() != util::JsonValue::Kind::string ||
            corpus.references.size() >= 65535) {
            continue;
        }
        Reference reference;
        const util::JsonValue* partial = entry.find("partial");
        reference.partial = partial != nullptr && partial->is_bool() && partial->as_bool();
        for (const util::JsonValue& id : ids->items()) {
            if (id.kind() == util::JsonValue::Kind::string) {
                reference.ids.push_back(id.as_string());
            }
        }
        const std::string& code = encoded->as_string();
        const auto index = static_cast<std::uint64_t>(corpus.references.size());
        const std::size_t before = entries.size();
        std::size_t pos = 0;
        std::uint32_t previous = k_no_word;
        std::uint32_t number = 0;
        while (corpus_codec::read_number(code, pos, number) && number < size) {
            if (previous != k_no_word) {
                entries.push_back(
                    (static_cast<std::uint64_t>(pair_key(previous, number, size)) << 16) | index);
            }
            previous = number;
        }
        if (reference.ids.empty() || entries.size() == before) {
            entries.resize(before);
            continue;
        }
        corpus.references.push_back(std::move(reference));
    }
    radix_sort_by_pair(entries, static_cast<std::uint64_t>(size) * size);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i > 0 && entries[i] == entries[i - 1]) {
            continue;  // the same pair twice in one reference
        }
        const auto key = static_cast<std::uint32_t>(entries[i] >> 16);
        const auto reference = static_cast<std::uint16_t>(entries[i] & 0xFFFF);
        if (corpus.keys.empty() || corpus.keys.back() != key) {
            corpus.keys.push_back(key);
            corpus.offsets.push_back(static_cast<std::uint32_t>(corpus.postings.size()));
        }
        corpus.postings.push_back(reference);
        corpus.references[reference].pairs.push_back(key);
    }
    corpus.offsets.push_back(static_cast<std::uint32_t>(corpus.postings.size()));
    return corpus;
}

const Corpus& corpus() {
    static const Corpus k_corpus = load_corpus();  // immutable once built; C++11 statics are
                                                   // initialised once, thread-safely
    return k_corpus;
}

double dice(std::size_t shared, std::size_t a, std::size_t b) {
    return a + b == 0 ? 0.0 : 2.0 * static_cast<double>(shared) / static_cast<double>(a + b);
}

// The text's word pairs, numbered densely: work per candidate is then linear in the text.
struct TextPairs {
    std::vector<std::uint32_t> distinct;  // sorted distinct pairs of the whole text
    std::vector<std::uint32_t> dense;     // per position: index into distinct, or k_no_pair
};

struct Span {
    std::size_t first = 0;  // pair positions, inclusive
    std::size_t last = 0;
    double confidence = 0.0;
    bool found = false;
};

// Scratch space reused across candidates.
struct Work {
    std::vector<char> member;          // per distinct pair: the reference holds it
    std::vector<std::uint32_t> stamp;  // per distinct pair: the last span that counted it
    std::uint32_t round = 0;
};

// The run of unclaimed pair positions that best matches `reference`, and its Dice score.
Span best_span(const TextPairs& text, const std::vector<bool>& claimed, const Reference& reference,
               Work& work) {
    work.member.assign(text.distinct.size(), 0);
    {
        auto a = text.distinct.begin();
        auto b = reference.pairs.begin();
        while (a != text.distinct.end() && b != reference.pairs.end()) {
            if (*a < *b) {
                ++a;
            } else if (*b < *a) {
                ++b;
            } else {
                work.member[static_cast<std::size_t>(a - text.distinct.begin())] = 1;
                ++a;
                ++b;
            }
        }
    }
    const auto hit = [&](std::size_t i) {
        return text.dense[i] != k_no_pair && work.member[text.dense[i]] != 0;
    };
    Span best;
    double best_sum = 0.0;
    double sum = 0.0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.dense.size(); ++i) {
        if (claimed[i]) {
            sum = 0.0;
            continue;
        }
        const bool is_hit = hit(i);
        if (sum <= 0.0) {
            if (!is_hit) {
                continue;
            }
            sum = 0.0;
            start = i;
        }
        sum += is_hit ? 1.0 : -k_miss_cost;
        if (sum > best_sum) {
            best_sum = sum;
            best.first = start;
            best.last = i;
            best.found = true;
        }
    }
    if (!best.found) {
        return best;
    }
    // The run can reach past the license into text that repeats its phrases (Apache's "How to
    // apply" appendix repeats its terms' words): those pairs add nothing shared, only size. So
    // the run is trimmed, first its end then its start, to where its Dice score is highest.
    const auto trim = [&](std::size_t from, std::size_t to, bool forward) {
        ++work.round;
        std::size_t distinct = 0;
        std::size_t shared = 0;
        double best_score = -1.0;
        std::size_t best_at = from;
        for (std::size_t step = 0;; ++step) {
            const std::size_t i = forward ? from + step : from - step;
            const std::uint32_t d = text.dense[i];
            if (d == k_no_pair) {
                ++distinct;  // a pair with a word no reference has: never shared
            } else if (work.stamp[d] != work.round) {
                work.stamp[d] = work.round;
                ++distinct;
                if (work.member[d] != 0) {
                    ++shared;
                }
            }
            const double score = dice(shared, distinct, reference.pairs.size());
            if (score >= best_score) {  // a repeated pair at the edge stays in the span
                best_score = score;
                best_at = i;
            }
            if (i == to) {
                break;
            }
        }
        return std::make_pair(best_at, best_score);
    };
    best.last = trim(best.first, best.last, true).first;
    const auto [start_at, score] = trim(best.last, best.first, false);
    best.first = start_at;
    best.confidence = score;
    return best;
}

}  // namespace

std::vector<std::string> reference_ids() {
    std::vector<std::string> ids;
    for (const Reference& reference : corpus().references) {
        if (!reference.partial) {
            ids.push_back(reference.ids.front());
        }
    }
    return ids;
}

Identification identify(std::string_view text, const LicenseTable& table,
                        const IdentifyOptions& options) {
    const Corpus& data = corpus();
    Identification result;
    const std::vector<NormalizedWord> words = normalize_license_text(text, options.max_bytes);
    result.words = words.size();
    if (words.size() < 2 || data.references.empty()) {
        return result;
    }
    const std::size_t size = data.vocabulary.size();
    std::vector<std::uint32_t> pairs(words.size() - 1, k_no_pair);
    std::uint32_t previous = k_no_word;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto found = data.word_index.find(words[i].word);
        const std::uint32_t number = found == data.word_index.end() ? k_no_word : found->second;
        if (i > 0 && previous != k_no_word && number != k_no_word) {
            pairs[i - 1] = pair_key(previous, number, size);
        }
        previous = number;
    }

    TextPairs text_pairs;
    text_pairs.distinct = pairs;
    std::sort(text_pairs.distinct.begin(), text_pairs.distinct.end());
    text_pairs.distinct.erase(
        std::unique(text_pairs.distinct.begin(), text_pairs.distinct.end()),
        text_pairs.distinct.end());
    if (!text_pairs.distinct.empty() && text_pairs.distinct.back() == k_no_pair) {
        text_pairs.distinct.pop_back();
    }
    text_pairs.dense.resize(pairs.size());
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        text_pairs.dense[i] =
            pairs[i] == k_no_pair
                ? k_no_pair
                : static_cast<std::uint32_t>(
                      std::lower_bound(text_pairs.distinct.begin(), text_pairs.distinct.end(),
                                       pairs[i]) -
                      text_pairs.distinct.begin());
    }
    // Where each distinct pair's references are in the inverted index (begin == end: none).
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges(text_pairs.distinct.size());
    for (std::size_t d = 0; d < text_pairs.distinct.size(); ++d) {
        const auto at =
            std::lower_bound(data.keys.begin(), data.keys.end(), text_pairs.distinct[d]);
        if (at != data.keys.end() && *at == text_pairs.distinct[d]) {
            const auto k = static_cast<std::size_t>(at - data.keys.begin());
            ranges[d] = {data.offsets[k], data.offsets[k + 1]};
        }
    }

    std::vector<bool> claimed(pairs.size(), false);
    std::vector<std::uint32_t> counts(data.references.size());
    std::vector<char> active(text_pairs.distinct.size());
    std::vector<std::size_t> order(data.references.size());
    Work work;
    work.stamp.assign(text_pairs.distinct.size(), 0);
    struct Appendix {
        std::string id;
        std::uint32_t first_line;
        std::uint32_t last_line;
    };
    std::vector<Appendix> appendices;
    for (std::size_t round = 0; round < options.max_licenses; ++round) {
        std::fill(active.begin(), active.end(), 0);
        std::size_t unknown = 0;
        std::size_t active_pairs = 0;
        for (std::size_t i = 0; i < pairs.size(); ++i) {
            if (claimed[i]) {
                continue;
            }
            if (text_pairs.dense[i] == k_no_pair) {
                ++unknown;
            } else if (active[text_pairs.dense[i]] == 0) {
                active[text_pairs.dense[i]] = 1;
                ++active_pairs;
            }
        }
        if (active_pairs < k_min_pairs) {
            break;
        }
        std::fill(counts.begin(), counts.end(), 0);
        for (std::size_t d = 0; d < active.size(); ++d) {
            if (active[d] != 0) {
                for (std::uint32_t p = ranges[d].first; p < ranges[d].second; ++p) {
                    ++counts[data.postings[p]];
                }
            }
        }
        // Candidates: most shared pairs (a license inside a longer file) and best whole-text
        // Dice (a text that is one license).
        for (std::size_t r = 0; r < order.size(); ++r) {
            order[r] = r;
        }
        const std::size_t take = std::min(k_candidates, order.size());
        std::vector<std::size_t> candidates;
        std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(take),
                          order.end(), [&](std::size_t a, std::size_t b) {
                              return counts[a] != counts[b] ? counts[a] > counts[b] : a < b;
                          });
        candidates.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(take));
        const std::size_t whole = active_pairs + unknown;
        const auto whole_dice = [&](std::size_t r) {
            return dice(counts[r], whole, data.references[r].pairs.size());
        };
        std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(take),
                          order.end(), [&](std::size_t a, std::size_t b) {
                              const double da = whole_dice(a);
                              const double db = whole_dice(b);
                              return da != db ? da > db : a < b;
                          });
        for (std::size_t i = 0; i < take; ++i) {
            if (std::find(candidates.begin(), candidates.end(), order[i]) == candidates.end()) {
                candidates.push_back(order[i]);
            }
        }

        std::size_t best_reference = 0;
        Span best;
        for (const std::size_t r : candidates) {
            if (counts[r] == 0) {
                continue;
            }
            const Span span = best_span(text_pairs, claimed, data.references[r], work);
            if (span.found && (!best.found || span.confidence > best.confidence ||
                               (span.confidence == best.confidence && r < best_reference))) {
                best = span;
                best_reference = r;
            }
        }
        if (!best.found) {
            break;
        }
        const Reference& reference = data.references[best_reference];
        if (!reference.partial &&
            (!result.closest || best.confidence > result.closest->confidence)) {
            result.closest = ClosestLicense{reference.ids.front(), best.confidence};
        }
        if (best.confidence < options.threshold) {
            break;
        }
        if (reference.partial) {
            // Kept aside: it counts only if its license is found too.
            appendices.push_back({reference.ids.front(), words[best.first].line,
                                  words[best.last + 1].line});
            for (std::size_t i = best.first; i <= best.last; ++i) {
                claimed[i] = true;
            }
            continue;
        }
        IdentifiedLicense found;
        found.id = reference.ids.front();
        found.same_text.assign(reference.ids.begin() + 1, reference.ids.end());
        const LicenseInfo* info = table.find(found.id);
        found.license_class = info == nullptr ? LicenseClass::unknown : info->license_class;
        found.confidence = best.confidence;
        found.first_line = words[best.first].line;
        found.last_line = words[best.last + 1].line;
        result.licenses.push_back(std::move(found));
        for (std::size_t i = best.first; i <= best.last; ++i) {
            claimed[i] = true;
        }
    }
    // An appendix joins its license's span; without its license it is dropped.
    for (const Appendix& appendix : appendices) {
        for (IdentifiedLicense& license : result.licenses) {
            if (license.id == appendix.id) {
                license.first_line = std::min(license.first_line, appendix.first_line);
                license.last_line = std::max(license.last_line, appendix.last_line);
                break;
            }
        }
    }
    // A reference stored in parts (a license and the policy appended to it) is one license.
    for (std::size_t i = 0; i < result.licenses.size(); ++i) {
        for (std::size_t j = i + 1; j < result.licenses.size();) {
            IdentifiedLicense& kept = result.licenses[i];
            const IdentifiedLicense& other = result.licenses[j];
            if (other.id != kept.id) {
                ++j;
                continue;
            }
            kept.first_line = std::min(kept.first_line, other.first_line);
            kept.last_line = std::max(kept.last_line, other.last_line);
            kept.confidence = std::max(kept.confidence, other.confidence);
            result.licenses.erase(result.licenses.begin() + static_cast<std::ptrdiff_t>(j));
        }
    }
    std::stable_sort(result.licenses.begin(), result.licenses.end(),
                     [](const IdentifiedLicense& a, const IdentifiedLicense& b) {
                         return a.confidence > b.confidence;
                     });
    return result;
}

}  // namespace openness::license
